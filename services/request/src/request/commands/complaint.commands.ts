import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { type Complaint, type ComplaintCommand, type ComplaintCategoryKey, type ComplaintChannelKey, complaintDecider, complaints2018 } from '../domain';
import { type CommandOutcome, outcomeOf, type Without } from './outcome';
import { TenantCalendars } from '../queries/tenant-calendars';

// TODO(#4): the tenant's published ruleset version instead of the national 2018 one.
export const complaintRuleset = () => complaints2018;

export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;

export interface Reporter {
  name: string;
  email?: string;
  phone?: string;
}

export interface ReceivedComplaint extends CommandOutcome<Complaint> {
  /** The reporter's key, needed to reopen; the identity behind it stays out of the event log. */
  reporterRef: string;
}

export class ReceiveComplaintCommand extends Command<ReceivedComplaint> {
  constructor(
    readonly complaint: {
      unitId: string;
      channel: ComplaintChannelKey;
      category: ComplaintCategoryKey;
      laporReference?: string;
      subject: string;
      description: string;
    },
    readonly reporter: Reporter,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ReceiveComplaintCommand)
export class ReceiveComplaintHandler implements ICommandHandler<ReceiveComplaintCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly pool: Pool,
    private readonly calendars: TenantCalendars,
    private readonly clock: Clock,
  ) {}

  async execute({ complaint, reporter, meta }: ReceiveComplaintCommand): Promise<ReceivedComplaint> {
    const complaintId = randomUUID();
    const reporterRef = randomUUID();
    const calendar = await this.calendars.workingCalendarOf(meta.tenantId);
    // The identity row is written first: an event must never point at a reporter that is not stored.
    // If the command fails or was a duplicate, the row is removed again.
    await this.pool.query(`INSERT INTO complaint_reporters (reporter_ref, tenant_id, name, email, phone) VALUES ($1, $2, $3, $4, $5)`, [
      reporterRef,
      meta.tenantId,
      reporter.name,
      reporter.email ?? null,
      reporter.phone ?? null,
    ]);
    try {
      const result = await this.store.handle(
        complaintStream(complaintId),
        complaintDecider,
        (state) =>
          complaintDecider.decide(
            { type: 'ReceiveComplaint', complaintId, ...complaint, reporterRef, ruleset: complaintRuleset(), calendar, now: this.clock.now().toISOString() },
            state,
          ),
        { ...meta, unitId: complaint.unitId },
        { createsStreamWithPrefix: 'complaint-' },
      );
      const outcome = await outcomeOf(this.store, result, complaintDecider);
      if (result.duplicate) await this.forget(reporterRef);
      return { ...outcome, reporterRef: outcome.state.status === 'none' ? '' : outcome.state.reporterRef };
    } catch (error) {
      await this.forget(reporterRef);
      throw error;
    }
  }

  private async forget(reporterRef: string): Promise<void> {
    await this.pool.query(`DELETE FROM complaint_reporters WHERE reporter_ref = $1`, [reporterRef]);
  }
}

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
