import { Injectable } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { assertNever } from '@lib/event-sourcing';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';
import { TenantTimeZones } from '../queries/tenant-time-zones';

type Counter =
  | 'requests_submitted'
  | 'requests_completed'
  | 'requests_rejected'
  | 'sla_breaches'
  | 'complaints_received'
  | 'complaints_resolved'
  | 'complaint_deadline_breaches';

/** Which counters an event moves; events that change no indicator count nothing. */
function countersOf(event: RequestEvent): { counter: Counter; extra?: Partial<Record<string, boolean>> }[] {
  switch (event.$case) {
    case 'requestSubmitted':
      return [{ counter: 'requests_submitted' }];
    case 'requestCompleted':
      return [{ counter: 'requests_completed', extra: { requests_completed_on_time: event.value.metStandard } }];
    case 'requestRejected':
      return [{ counter: 'requests_rejected' }];
    case 'requestSlaBreached':
      return [{ counter: 'sla_breaches' }];
    case 'complaintReceived':
      return [{ counter: 'complaints_received' }];
    case 'complaintResolved':
      return [
        {
          counter: 'complaints_resolved',
          extra: { complaints_resolved_in_time: event.value.withinDeadline, complaints_resolved_via_lapor: event.value.viaLapor },
        },
      ];
    case 'complaintDeadlineBreached':
      return [{ counter: 'complaint_deadline_breaches' }];
    case 'serviceStandardPublished':
    case 'serviceStandardRevised':
    case 'requestReturned':
    case 'requestResubmitted':
    case 'requestProcessingStarted':
    case 'complaintVerified':
    case 'complaintAssigned':
    case 'complaintResponded':
    case 'complaintReopened':
    case 'personalDataErased':
    case 'complaintReporterContactRead':
    case 'nationalCalendarYearPublished':
    case 'tenantCalendarSettingsChanged': // kept by apply() as the tenant's time zone, counts nothing
    case 'localHolidayAdded':
    case 'localHolidayRemoved':
      return [];
    default:
      return assertNever(event);
  }
}

/**
 * Counts the request service's facts per unit and year. The runner commits the inbox row and the
 * counter update together, so a redelivered event (relay retry, consumer restart) is counted once.
 */
@Injectable()
export class RequestFactsConsumer implements RegisteredInboxConsumer<RequestEvent> {
  readonly groupId = 'evaluation.request-facts';
  readonly topic = topics.request;
  readonly codec = requestCodec;

  constructor(
    readonly pool: Pool,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async apply({ event, envelope }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    if (event.$case === 'tenantCalendarSettingsChanged') {
      const { utcOffsetMinutes, changedAt } = event.value;
      // The tenant is the envelope's, as for every other fact: the runner refused a payload naming another one.
      // A settings event replayed out of order never overwrites a later one.
      await tx.query(
        `INSERT INTO tenant_time_zones_v1 (tenant_id, utc_offset_minutes, changed_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET utc_offset_minutes = excluded.utc_offset_minutes, changed_at = excluded.changed_at
         WHERE tenant_time_zones_v1.changed_at <= excluded.changed_at`,
        [envelope.tenantId, utcOffsetMinutes, changedAt || envelope.occurredAt],
      );
      return;
    }
    const changes = countersOf(event);
    if (changes.length === 0) return;
    // the tenant's local year: a WITA completion at 00:30 on 1 January counts in the new year
    const year = Number((await this.timeZones.localDate(envelope.tenantId, new Date(envelope.occurredAt), tx)).slice(0, 4));
    for (const { counter, extra } of changes) {
      const flags = Object.entries(extra ?? {})
        .filter(([, on]) => on)
        .map(([column]) => column);
      const increments = [counter, ...flags];
      // The relay keeps each stream in order, not a unit's streams: the latest fact wins whatever order they arrive in.
      await tx.query(
        `INSERT INTO operational_facts_v1 (tenant_id, unit_id, year, ${increments.join(', ')}, last_event_id, last_event_at)
         VALUES ($1, $2, $3, ${increments.map(() => '1').join(', ')}, $4, $5)
         ON CONFLICT (tenant_id, unit_id, year) DO UPDATE SET
           ${increments.map((column) => `${column} = operational_facts_v1.${column} + 1`).join(', ')},
           last_event_id = CASE WHEN operational_facts_v1.last_event_at > $5 THEN operational_facts_v1.last_event_id ELSE $4 END,
           last_event_at = greatest(operational_facts_v1.last_event_at, $5)`,
        [envelope.tenantId, envelope.unitId, year, envelope.eventId, envelope.occurredAt],
      );
    }
  }
}
