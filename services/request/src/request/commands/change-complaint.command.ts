import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { type Complaint, type ComplaintCommand, complaintDecider } from '../domain';
import { type CommandOutcome, outcomeOf, type Without } from './outcome';
import { TenantCalendars } from '../queries/tenant-calendars';
import { complaintRuleset, complaintStream } from './complaint-stream';

/** Every step after receipt; the handler adds the time, the calendar and the ruleset. */
export type ComplaintStep = Without<Exclude<ComplaintCommand, { type: 'ReceiveComplaint' }>, 'complaintId' | 'now' | 'calendar' | 'ruleset'>;

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
  ) {}

  async execute({ complaintId, step, meta }: ChangeComplaintCommand): Promise<CommandOutcome<Complaint>> {
    const calendar = await this.calendars.workingCalendarOf(meta.tenantId);
    const commandMeta = { ...meta };
    const result = await this.store.handle(
      complaintStream(complaintId),
      complaintDecider,
      (state) => {
        if (state.status === 'none') throw new DomainError('COMPLAINT.NOT_FOUND', `complaint ${complaintId} does not exist`);
        commandMeta.unitId = step.type === 'AssignComplaint' ? step.unitId : state.unitId;
        const command = { ...step, complaintId, ruleset: complaintRuleset(), calendar, now: this.clock.now().toISOString() };
        return complaintDecider.decide(command, state);
      },
      commandMeta,
      { otherTenantNotFoundCode: 'COMPLAINT.NOT_FOUND' },
    );
    return outcomeOf(this.store, result, complaintDecider);
  }
}
