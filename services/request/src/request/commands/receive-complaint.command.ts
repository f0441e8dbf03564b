import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore, PersonalDataKeys } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { Pool } from 'pg';
import { type Complaint, type ComplaintCategoryKey, type ComplaintChannelKey, complaintDecider } from '../domain';
import { type CommandOutcome, outcomeOf } from './outcome';
import { TenantCalendars } from '../queries/tenant-calendars';
import { complaintRuleset, complaintStream } from './complaint-stream';
import { sealComplaintEvents } from './complaint-personal-data';

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
    private readonly personalData: PersonalDataKeys,
  ) {}

  async execute({ complaint, reporter, meta }: ReceiveComplaintCommand): Promise<ReceivedComplaint> {
    const complaintId = randomUUID();
    const reporterRef = randomUUID();
    const calendar = await this.calendars.workingCalendarOf(meta.tenantId);
    // The identity row is written first: an event must never point at a reporter that is not stored.
    // If the command fails or was a duplicate, the row is removed again.
    await this.pool.query(`INSERT INTO complaint_reporters (reporter_ref, complaint_id, tenant_id, name, email, phone) VALUES ($1, $2, $3, $4, $5, $6)`, [
      reporterRef,
      complaintId,
      meta.tenantId,
      reporter.name,
      reporter.email ?? null,
      reporter.phone ?? null,
    ]);
    try {
      // A fresh complaint id has a fresh key; a missing sealer would mean the id was erased before it existed.
      const sealer = await this.personalData.sealerFor(complaintId);
      if (!sealer) throw new Error(`complaint ${complaintId} has an erased key before its receipt`);
      const result = await this.store.handle(
        complaintStream(complaintId),
        complaintDecider,
        (state) =>
          sealComplaintEvents(
            complaintDecider.decide(
              { type: 'ReceiveComplaint', complaintId, ...complaint, reporterRef, ruleset: complaintRuleset(), calendar, now: this.clock.now().toISOString() },
              state,
            ),
            sealer,
          ),
        { ...meta, unitId: complaint.unitId },
        { createsStreamWithPrefix: 'complaint-' },
      );
      const outcome = await outcomeOf(this.store, result, complaintDecider);
      if (result.duplicate) await this.forget(reporterRef, complaintId);
      return { ...outcome, reporterRef: outcome.state.status === 'none' ? '' : outcome.state.reporterRef };
    } catch (error) {
      await this.forget(reporterRef, complaintId);
      throw error;
    }
  }

  /** Nothing was stored under this complaint id: its identity row goes, and its unused key is erased. */
  private async forget(reporterRef: string, complaintId: string): Promise<void> {
    await this.pool.query(`DELETE FROM complaint_reporters WHERE reporter_ref = $1`, [reporterRef]);
    await this.personalData.erase(complaintId);
  }
}
