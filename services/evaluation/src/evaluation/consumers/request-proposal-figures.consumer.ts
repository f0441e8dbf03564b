import { Injectable } from '@nestjs/common';
import { type RequestEvent, requestCodec, requestPb, topics } from '@lib/contracts';
import { assertNever } from '@lib/event-sourcing';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { localDateAt } from '@lib/kernel';
import { Pool, type PoolClient } from 'pg';
import { RecomputeUnitFindings } from '../commands/recompute-unit-findings';
import type { ComplaintChannel } from '../domain/proposals';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { carriedDate, localDateOf, sourceUnit } from './proposal-sources';
import { DomainError } from '../domain/error-codes';

const CHANNELS: Partial<Record<requestPb.ComplaintChannel, ComplaintChannel>> = {
  [requestPb.ComplaintChannel.COMPLAINT_CHANNEL_IN_PERSON]: 'in-person',
  [requestPb.ComplaintChannel.COMPLAINT_CHANNEL_WEB]: 'web',
  [requestPb.ComplaintChannel.COMPLAINT_CHANNEL_LAPOR]: 'lapor',
};

const DEADLINE_KINDS: Partial<Record<requestPb.ComplaintDeadlineKind, 'status' | 'resolution'>> = {
  [requestPb.ComplaintDeadlineKind.COMPLAINT_DEADLINE_KIND_STATUS]: 'status',
  [requestPb.ComplaintDeadlineKind.COMPLAINT_DEADLINE_KIND_RESOLUTION]: 'resolution',
};

/**
 * Keeps the request context's part of the proposal figures: each Standar Pelayanan revision, each
 * request's completion and SLA breach, each complaint as its events left it, with the ids of the
 * events behind them and dates on the tenant's calendar. Each batch's transaction marks the units it
 * touched for FindingsRecomputeWorker, which recomputes their proposals and compliance grades after
 * it commits; the inbox makes a redelivered batch a no-op.
 * The survey context's part is SurveyProposalFiguresConsumer's.
 */
@Injectable()
export class RequestProposalFiguresConsumer implements RegisteredInboxConsumer<RequestEvent> {
  readonly groupId = 'evaluation.proposal-figures-request';
  readonly topic = topics.request;
  readonly codec = requestCodec;
  /** Units a complaint moved away from within a transaction: their proposals lose it, so they are recomputed too. */
  private readonly movedFrom = new WeakMap<PoolClient, Set<string>>();
  /**
   * The UTC offsets of the tenants of a transaction's messages, read once before its first apply
   * (beforeApply) instead of once per instant converted, and kept current by a calendar change it
   * applies. Read afresh for every transaction, so what a rolled-back one saw is never reused.
   */
  private readonly offsets = new WeakMap<PoolClient, Map<string, number>>();

  constructor(
    readonly pool: Pool,
    private readonly timeZones: TenantTimeZones,
    private readonly findings: RecomputeUnitFindings,
  ) {}

  async beforeApply(toApply: Delivery<RequestEvent>[], tx: PoolClient): Promise<void> {
    this.offsets.set(tx, await this.timeZones.offsetsOf([...new Set(toApply.map(({ envelope }) => envelope.tenantId))], tx));
  }

  async apply({ event, envelope }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    const tenantId = envelope.tenantId;
    const timeZones = this.timeZonesOf(tx);
    const recordedOn = () => localDateOf(timeZones, tenantId, envelope.occurredAt, 'occurredAt', tx);
    switch (event.$case) {
      case 'serviceStandardPublished':
      case 'serviceStandardRevised': {
        const { serviceId, revision, name, components, effectiveAt } = event.value;
        await tx.query(
          `INSERT INTO proposal_standards_v1 (tenant_id, service_id, revision, unit_id, name, effective_on, components, event_id, recorded_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [
            tenantId,
            serviceId,
            revision,
            sourceUnit(envelope),
            name,
            await localDateOf(timeZones, tenantId, effectiveAt, 'effectiveAt', tx),
            JSON.stringify(components.map((c) => ({ number: c.number, present: c.content.trim() !== '', publishedOn: c.publishedOn }))),
            envelope.eventId,
            await recordedOn(),
          ],
        );
        return;
      }
      case 'requestSubmitted':
        await this.upsertRequest(tx, tenantId, event.value.requestId, sourceUnit(envelope), { service_id: event.value.serviceId || null }, await recordedOn());
        return;
      case 'requestCompleted': {
        const { requestId, serviceId, completedOn, completedAt, metStandard } = event.value;
        const day = completedOn ? carriedDate(completedOn, 'completedOn') : await localDateOf(timeZones, tenantId, completedAt, 'completedAt', tx);
        await this.upsertRequest(
          tx,
          tenantId,
          requestId,
          sourceUnit(envelope),
          { service_id: serviceId || null, completed_on: day, met_standard: metStandard, completed_event_id: envelope.eventId },
          await recordedOn(),
        );
        return;
      }
      case 'requestSlaBreached': {
        const { requestId, dueDate, detectedAt } = event.value;
        await this.upsertRequest(
          tx,
          tenantId,
          requestId,
          sourceUnit(envelope),
          {
            breach_due_date: carriedDate(dueDate, 'dueDate'),
            breach_detected_on: await localDateOf(timeZones, tenantId, detectedAt, 'detectedAt', tx),
            breach_event_id: envelope.eventId,
          },
          await recordedOn(),
        );
        return;
      }
      case 'complaintReceived': {
        const { complaintId, channel, receivedAt } = event.value;
        const known = CHANNELS[channel];
        if (!known)
          throw new DomainError('PROPOSAL.UNMAPPABLE_EVENT', `complaint ${complaintId} came through channel ${channel}, which no rule counts`, {
            field: 'channel',
          });
        const receivedOn = await localDateOf(timeZones, tenantId, receivedAt, 'receivedAt', tx);
        await this.updateComplaint(tx, tenantId, complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {
          channel: known,
          received_on: receivedOn,
        });
        return;
      }
      case 'complaintAssigned': {
        const unitId = sourceUnit(envelope);
        const { rows } = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM proposal_complaints_v1 WHERE tenant_id = $1 AND complaint_id = $2`, [
          tenantId,
          event.value.complaintId,
        ]);
        if (rows[0] && rows[0].unit_id !== unitId) {
          const moved = this.movedFrom.get(tx) ?? new Set<string>();
          moved.add(`${tenantId}\u0000${rows[0].unit_id}`);
          this.movedFrom.set(tx, moved);
        }
        await this.updateComplaint(tx, tenantId, event.value.complaintId, unitId, envelope.eventId, await recordedOn(), {});
        return;
      }
      case 'complaintResponded':
        await this.updateComplaint(tx, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), { answered: true });
        return;
      case 'complaintResolved':
        await this.updateComplaint(tx, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {
          answered: true,
          resolved: true,
          resolved_within_deadline: event.value.withinDeadline,
        });
        return;
      case 'complaintReopened':
        await this.updateComplaint(tx, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {
          resolved: false,
          resolved_within_deadline: false,
        });
        return;
      case 'complaintDeadlineBreached': {
        const { complaintId, kind, dueDate } = event.value;
        const known = DEADLINE_KINDS[kind];
        if (!known)
          throw new DomainError('PROPOSAL.UNMAPPABLE_EVENT', `the breach of complaint ${complaintId} names deadline ${kind}, which no rule counts`, {
            field: 'kind',
          });
        const breach = { kind: known, dueDate: carriedDate(dueDate, 'dueDate'), eventId: envelope.eventId };
        // the breach carries its own event id; the complaint's ids stay those of what happened to it
        await this.updateComplaint(tx, tenantId, complaintId, sourceUnit(envelope), null, await recordedOn(), {}, breach);
        return;
      }
      case 'tenantCalendarSettingsChanged': {
        // Kept here as well as by RequestFactsConsumer, whose group may be behind this one: the dates of
        // the events after it on this topic must be read in the new zone. A stale event never wins.
        const { utcOffsetMinutes, changedAt } = event.value;
        const { rows } = await tx.query<{ utc_offset_minutes: number }>(
          `INSERT INTO tenant_time_zones_v1 (tenant_id, utc_offset_minutes, changed_at) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id) DO UPDATE SET utc_offset_minutes = excluded.utc_offset_minutes, changed_at = excluded.changed_at
           WHERE tenant_time_zones_v1.changed_at <= excluded.changed_at
           RETURNING utc_offset_minutes`,
          [tenantId, utcOffsetMinutes, changedAt || envelope.occurredAt],
        );
        if (rows[0]) this.offsets.get(tx)?.set(tenantId, rows[0].utc_offset_minutes);
        return;
      }
      case 'requestReturned':
      case 'requestResubmitted':
      case 'requestProcessingStarted':
      case 'requestRejected':
      case 'complaintVerified':
      case 'personalDataErased':
      case 'complaintReporterContactRead':
      case 'nationalCalendarYearPublished':
      case 'localHolidayAdded':
      case 'localHolidayRemoved':
        return; // no proposal rule reads them
      default:
        return assertNever(event);
    }
  }

  async afterApply(applied: Delivery<RequestEvent>[], tx: PoolClient): Promise<void> {
    const moved = [...(this.movedFrom.get(tx) ?? [])].map((key) => {
      const [tenantId, unitId] = key.split('\u0000');
      return { tenantId, unitId };
    });
    this.movedFrom.delete(tx);
    this.offsets.delete(tx);
    await this.findings.markDirty(applied, moved, tx);
  }

  /** The tenants' dates with the offsets read for the transaction; a tenant it did not read (apply called alone) is looked up. */
  private timeZonesOf(tx: PoolClient): Pick<TenantTimeZones, 'localDate'> {
    const known = this.offsets.get(tx);
    return {
      localDate: async (tenantId, instant, db) => {
        const offset = known?.get(tenantId);
        return offset === undefined ? this.timeZones.localDate(tenantId, instant, db) : localDateAt(instant.getTime(), offset);
      },
    };
  }

  private async upsertRequest(tx: PoolClient, tenantId: string, requestId: string, unitId: string, columns: Record<string, unknown>, recordedOn: string) {
    const names = Object.keys(columns);
    await tx.query(
      `INSERT INTO proposal_requests_v1 (tenant_id, request_id, unit_id, recorded_on${names.map((n) => `, ${n}`).join('')})
       VALUES ($1, $2, $3, $4${names.map((_, k) => `, $${k + 5}`).join('')})
       ON CONFLICT (tenant_id, request_id) DO UPDATE SET unit_id = excluded.unit_id,
         recorded_on = greatest(proposal_requests_v1.recorded_on, excluded.recorded_on)${names
           .map((n) => (n === 'service_id' ? `, service_id = coalesce(excluded.service_id, proposal_requests_v1.service_id)` : `, ${n} = excluded.${n}`))
           .join('')}`,
      [tenantId, requestId, unitId, recordedOn, ...Object.values(columns)],
    );
  }

  /** Creates the complaint's row when its first event arrives, then sets `columns` and adds the event (and a breach). */
  private async updateComplaint(
    tx: PoolClient,
    tenantId: string,
    complaintId: string,
    unitId: string,
    eventId: string | null,
    recordedOn: string,
    columns: Record<string, unknown>,
    breach?: { kind: string; dueDate: string; eventId: string },
  ) {
    const names = Object.keys(columns);
    await tx.query(
      `INSERT INTO proposal_complaints_v1 (tenant_id, complaint_id, unit_id, recorded_on, event_ids, breaches${names.map((n) => `, ${n}`).join('')})
       VALUES ($1, $2, $3, $4, array_remove(ARRAY[$5::text], NULL), $6::jsonb${names.map((_, k) => `, $${k + 7}`).join('')})
       ON CONFLICT (tenant_id, complaint_id) DO UPDATE SET unit_id = excluded.unit_id,
         recorded_on = greatest(proposal_complaints_v1.recorded_on, excluded.recorded_on),
         event_ids = proposal_complaints_v1.event_ids || excluded.event_ids,
         breaches = proposal_complaints_v1.breaches || excluded.breaches${names.map((n) => `, ${n} = excluded.${n}`).join('')}`,
      [tenantId, complaintId, unitId, recordedOn, eventId, JSON.stringify(breach ? [breach] : []), ...Object.values(columns)],
    );
  }
}
