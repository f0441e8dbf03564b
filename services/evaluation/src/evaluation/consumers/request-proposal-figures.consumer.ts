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
import { type FigureTable, FigureRows } from './figure-rows';
import type { UnitRef } from '../commands/findings-cause';
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
  /**
   * What a transaction's messages change, folded in apply and written in afterApply, set-based: the
   * tenants' UTC offsets (read once in beforeApply, kept current by a calendar change it applies), the
   * figure rows, and the units each complaint's events named. Started afresh by every transaction's
   * beforeApply, so what a rolled-back one held is never written.
   */
  private readonly pending = new WeakMap<PoolClient, PendingFigures>();

  constructor(
    readonly pool: Pool,
    private readonly timeZones: TenantTimeZones,
    private readonly findings: RecomputeUnitFindings,
  ) {}

  async beforeApply(toApply: Delivery<RequestEvent>[], tx: PoolClient): Promise<void> {
    this.pending.set(tx, pendingFigures(await this.timeZones.offsetsOf([...new Set(toApply.map(({ envelope }) => envelope.tenantId))], tx)));
  }

  /** Folds the event's change of the figures into the transaction's pending rows (a tenant's calendar change is written at once). */
  async apply({ event, envelope }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    const tenantId = envelope.tenantId;
    const pending = this.pendingOf(tx);
    const timeZones = this.timeZonesOf(pending);
    const recordedOn = () => localDateOf(timeZones, tenantId, envelope.occurredAt, 'occurredAt', tx);
    switch (event.$case) {
      case 'serviceStandardPublished':
      case 'serviceStandardRevised': {
        const { serviceId, revision, name, components, effectiveAt } = event.value;
        pending.standards.change({
          tenant_id: tenantId,
          service_id: serviceId,
          revision,
          unit_id: sourceUnit(envelope),
          name,
          effective_on: await localDateOf(timeZones, tenantId, effectiveAt, 'effectiveAt', tx),
          components: components.map((c) => ({ number: c.number, present: c.content.trim() !== '', publishedOn: c.publishedOn })),
          event_id: envelope.eventId,
          recorded_on: await recordedOn(),
        });
        return;
      }
      case 'requestSubmitted':
        this.changeRequest(pending, tenantId, event.value.requestId, sourceUnit(envelope), { service_id: event.value.serviceId || null }, await recordedOn());
        return;
      case 'requestCompleted': {
        const { requestId, serviceId, completedOn, completedAt, metStandard } = event.value;
        const day = completedOn ? carriedDate(completedOn, 'completedOn') : await localDateOf(timeZones, tenantId, completedAt, 'completedAt', tx);
        this.changeRequest(
          pending,
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
        this.changeRequest(
          pending,
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
        this.changeComplaint(pending, tenantId, complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {
          channel: known,
          received_on: receivedOn,
        });
        return;
      }
      case 'complaintAssigned':
        this.changeComplaint(pending, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {}, undefined, true);
        return;
      case 'complaintResponded':
        this.changeComplaint(pending, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), { answered: true });
        return;
      case 'complaintResolved':
        this.changeComplaint(pending, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {
          answered: true,
          resolved: true,
          resolved_within_deadline: event.value.withinDeadline,
        });
        return;
      case 'complaintReopened':
        this.changeComplaint(pending, tenantId, event.value.complaintId, sourceUnit(envelope), envelope.eventId, await recordedOn(), {
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
        this.changeComplaint(pending, tenantId, complaintId, sourceUnit(envelope), null, await recordedOn(), {}, breach);
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
        if (rows[0]) pending.offsets.set(tenantId, rows[0].utc_offset_minutes);
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

  /** Writes the transaction's figures, a few statements per table, and marks the units they touched (and those complaints left). */
  async afterApply(applied: Delivery<RequestEvent>[], tx: PoolClient): Promise<void> {
    const pending = this.pendingOf(tx);
    this.pending.delete(tx);
    const movedFrom = await this.unitsLeft(pending.complaintUnits, tx);
    await pending.standards.write(tx);
    await pending.requests.write(tx);
    await pending.complaints.write(tx);
    await this.findings.markDirty(applied, movedFrom, tx);
  }

  private pendingOf(tx: PoolClient): PendingFigures {
    let pending = this.pending.get(tx);
    if (!pending) {
      pending = pendingFigures(new Map());
      this.pending.set(tx, pending);
    }
    return pending;
  }

  /** The tenants' dates with the offsets read for the transaction; a tenant it did not read is looked up. */
  private timeZonesOf(pending: PendingFigures): Pick<TenantTimeZones, 'localDate'> {
    return {
      localDate: async (tenantId, instant, db) => {
        const offset = pending.offsets.get(tenantId);
        return offset === undefined ? this.timeZones.localDate(tenantId, instant, db) : localDateAt(instant.getTime(), offset);
      },
    };
  }

  /**
   * The units complaints were reassigned away from: an assignment naming another unit than the one the
   * complaint's row (as stored, then as the transaction's earlier events left it) names. Their
   * proposals lose the complaint, so they are recomputed too. One read, of the reassigned complaints only.
   */
  private async unitsLeft(complaintUnits: PendingFigures['complaintUnits'], tx: PoolClient): Promise<UnitRef[]> {
    const assigned = [...complaintUnits.entries()].filter(([, trail]) => trail.some(({ assignment }) => assignment));
    if (assigned.length === 0) return [];
    const keys = assigned.map(([key]) => key.split(KEY_SEPARATOR));
    const { rows } = await tx.query<{ tenant_id: string; complaint_id: string; unit_id: string }>(
      `SELECT tenant_id, complaint_id, unit_id FROM proposal_complaints_v1
       WHERE (tenant_id, complaint_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map(([tenantId]) => tenantId), keys.map(([, complaintId]) => complaintId)],
    );
    const stored = new Map(rows.map((row) => [`${row.tenant_id}${KEY_SEPARATOR}${row.complaint_id}`, row.unit_id]));
    const left = new Map<string, UnitRef>();
    for (const [key, trail] of assigned) {
      const tenantId = key.split(KEY_SEPARATOR)[0];
      let unitBefore = stored.get(key);
      for (const { unitId, assignment } of trail) {
        if (assignment && unitBefore !== undefined && unitBefore !== unitId) left.set(`${tenantId}/${unitBefore}`, { tenantId, unitId: unitBefore });
        unitBefore = unitId;
      }
    }
    return [...left.values()];
  }

  private changeRequest(pending: PendingFigures, tenantId: string, requestId: string, unitId: string, columns: Record<string, unknown>, recordedOn: string) {
    pending.requests.change({ tenant_id: tenantId, request_id: requestId, unit_id: unitId, recorded_on: recordedOn, ...columns });
  }

  /** Sets `columns` of the complaint's row (created by its first event) and adds the event (and a breach). */
  private changeComplaint(
    pending: PendingFigures,
    tenantId: string,
    complaintId: string,
    unitId: string,
    eventId: string | null,
    recordedOn: string,
    columns: Record<string, unknown>,
    breach?: { kind: string; dueDate: string; eventId: string },
    assignment = false,
  ) {
    pending.complaints.change({
      tenant_id: tenantId,
      complaint_id: complaintId,
      unit_id: unitId,
      recorded_on: recordedOn,
      event_ids: eventId === null ? [] : [eventId],
      breaches: breach ? [breach] : [],
      ...columns,
    });
    const key = `${tenantId}${KEY_SEPARATOR}${complaintId}`;
    pending.complaintUnits.set(key, [...(pending.complaintUnits.get(key) ?? []), { unitId, assignment }]);
  }
}

const KEY_SEPARATOR = '\u0000';

const STANDARDS: FigureTable = {
  name: 'proposal_standards_v1',
  key: ['tenant_id', 'service_id', 'revision'],
  conflict: 'first-wins',
  columns: {
    tenant_id: { type: 'text', merge: 'set' },
    service_id: { type: 'text', merge: 'set' },
    revision: { type: 'int', merge: 'set' },
    unit_id: { type: 'text', merge: 'set' },
    name: { type: 'text', merge: 'set' },
    effective_on: { type: 'date', merge: 'set' },
    components: { type: 'jsonb', merge: 'set' },
    event_id: { type: 'text', merge: 'set' },
    recorded_on: { type: 'date', merge: 'set' },
  },
};

const REQUESTS: FigureTable = {
  name: 'proposal_requests_v1',
  key: ['tenant_id', 'request_id'],
  conflict: 'merge',
  columns: {
    tenant_id: { type: 'text', merge: 'set' },
    request_id: { type: 'text', merge: 'set' },
    unit_id: { type: 'text', merge: 'set' },
    recorded_on: { type: 'date', merge: 'latest' },
    service_id: { type: 'text', merge: 'keep-known' },
    completed_on: { type: 'date', merge: 'set' },
    met_standard: { type: 'boolean', merge: 'set' },
    completed_event_id: { type: 'text', merge: 'set' },
    breach_due_date: { type: 'date', merge: 'set' },
    breach_detected_on: { type: 'date', merge: 'set' },
    breach_event_id: { type: 'text', merge: 'set' },
  },
};

const COMPLAINTS: FigureTable = {
  name: 'proposal_complaints_v1',
  key: ['tenant_id', 'complaint_id'],
  conflict: 'merge',
  columns: {
    tenant_id: { type: 'text', merge: 'set' },
    complaint_id: { type: 'text', merge: 'set' },
    unit_id: { type: 'text', merge: 'set' },
    recorded_on: { type: 'date', merge: 'latest' },
    channel: { type: 'text', merge: 'set' },
    received_on: { type: 'date', merge: 'set' },
    answered: { type: 'boolean', merge: 'set' },
    resolved: { type: 'boolean', merge: 'set' },
    resolved_within_deadline: { type: 'boolean', merge: 'set' },
    event_ids: { type: 'text[]', merge: 'append' },
    breaches: { type: 'jsonb', merge: 'append' },
  },
};

interface PendingFigures {
  offsets: Map<string, number>;
  standards: FigureRows;
  requests: FigureRows;
  complaints: FigureRows;
  /** Per complaint (`<tenant>\u0000<complaint>`), the unit each of its events named, in order, and which were assignments. */
  complaintUnits: Map<string, { unitId: string; assignment: boolean }[]>;
}

const pendingFigures = (offsets: Map<string, number>): PendingFigures => ({
  offsets,
  standards: new FigureRows(STANDARDS),
  requests: new FigureRows(REQUESTS),
  complaints: new FigureRows(COMPLAINTS),
  complaintUnits: new Map(),
});
