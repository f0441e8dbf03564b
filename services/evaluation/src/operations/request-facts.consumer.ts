import { Injectable } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { assertNever, processOnce } from '@lib/event-sourcing';
import type { Delivery } from '@lib/messaging';
import type { RegisteredConsumer } from '@lib/platform';
import { Pool } from 'pg';

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
      return [];
    default:
      return assertNever(event);
  }
}

/**
 * Counts the request service's facts per unit and year. The inbox row and the counter update commit
 * together, so a redelivered event (relay retry, consumer restart) is counted once.
 */
@Injectable()
export class RequestFactsConsumer implements RegisteredConsumer<RequestEvent> {
  readonly groupId = 'evaluation.request-facts';
  readonly topic = topics.request;
  readonly codec = requestCodec;

  constructor(private readonly pool: Pool) {}

  async handle({ event, envelope }: Delivery<RequestEvent>): Promise<void> {
    const changes = countersOf(event);
    const year = Number(envelope.occurredAt.slice(0, 4));
    await processOnce(this.pool, this.groupId, envelope.eventId, async (tx) => {
      for (const { counter, extra } of changes) {
        const flags = Object.entries(extra ?? {}).filter(([, on]) => on).map(([column]) => column);
        const increments = [counter, ...flags];
        await tx.query(
          `INSERT INTO operational_facts_v1 (tenant_id, unit_id, year, ${increments.join(', ')}, last_event_id, last_event_at)
           VALUES ($1, $2, $3, ${increments.map(() => '1').join(', ')}, $4, $5)
           ON CONFLICT (tenant_id, unit_id, year) DO UPDATE SET
             ${increments.map((column) => `${column} = operational_facts_v1.${column} + 1`).join(', ')},
             last_event_id = $4, last_event_at = $5`,
          [envelope.tenantId, envelope.unitId, year, envelope.eventId, envelope.occurredAt],
        );
      }
    });
  }
}
