import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore, PersonalDataKeys } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { type Complaint, type ComplaintCommand, complaintDecider } from '../domain';
import { type CommandOutcome, outcomeOf, type Without } from './outcome';
import { TenantCalendars } from '../queries/tenant-calendars';
import { complaintRuleset, complaintStream } from './complaint-stream';
import { carriesPersonalText, sealComplaintEvents } from './complaint-personal-data';

/**
 * Every step after receipt but the personal-data ones, which have handlers of their own (erasure also
 * destroys the key; a contact read returns the identity); the handler adds the time, the calendar and the ruleset.
 */
export type ComplaintStep = Without<
  Exclude<ComplaintCommand, { type: 'ReceiveComplaint' | 'EraseComplaintPersonalData' | 'ReadReporterContact' }>,
  'complaintId' | 'now' | 'calendar' | 'ruleset'
>;

export class ChangeComplaintCommand extends Command<CommandOutcome<Complaint>> {
  constructor(
    readonly complaintId: string,
    readonly step: ComplaintStep,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ChangeComplaintCommand)
export class ChangeComplaintHandler implements ICommandHandler<ChangeComplaintCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly calendars: TenantCalendars,
    private readonly clock: Clock,
    private readonly personalData: PersonalDataKeys,
  ) {}

  async execute({ complaintId, step, meta }: ChangeComplaintCommand): Promise<CommandOutcome<Complaint>> {
    const calendar = await this.calendars.workingCalendarOf(meta.tenantId);
    // Looked up before the stream is read (the decision itself is synchronous); steps without text need none.
    const sealer = stepCarriesText(step) ? await this.personalData.sealerFor(complaintId) : undefined;
    const commandMeta = { ...meta };
    const result = await this.store.handle(
      complaintStream(complaintId),
      complaintDecider,
      (state) => {
        if (state.status === 'none') throw new DomainError('COMPLAINT.NOT_FOUND', `complaint ${complaintId} does not exist`);
        commandMeta.unitId = step.type === 'AssignComplaint' ? step.unitId : state.unitId;
        const command = { ...step, complaintId, ruleset: complaintRuleset(), calendar, now: this.clock.now().toISOString() };
        const events = complaintDecider.decide(command, state);
        if (!events.some(carriesPersonalText)) return events;
        if (!sealer) throw new DomainError('COMPLAINT.PERSONAL_DATA_ERASED', `${complaintId}'s personal data was erased; no new text is kept for it`);
        return sealComplaintEvents(events, sealer);
      },
      commandMeta,
      { otherTenantNotFoundCode: 'COMPLAINT.NOT_FOUND' },
    );
    return outcomeOf(this.store, result, complaintDecider);
  }
}

function stepCarriesText(step: ComplaintStep): boolean {
  switch (step.type) {
    case 'VerifyComplaint':
      return step.note.trim() !== '';
    case 'RespondToComplaint':
      return step.response.trim() !== '';
    case 'ReopenComplaint':
      return step.reason.trim() !== '';
    default:
      return false;
  }
}
