import { Injectable } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { processOnce } from '@lib/event-sourcing';
import type { Delivery } from '@lib/messaging';
import type { RegisteredConsumer } from '@lib/platform';
import { Pool } from 'pg';

/**
 * Keeps the requests the request service completed, per unit: a respondent citing a tracking code is
 * checked against them, and closing a period counts them as its population. The inbox row and the
 * insert commit together, so a redelivered event is recorded once.
 */
@Injectable()
export class CompletedRequestsConsumer implements RegisteredConsumer<RequestEvent> {
  readonly groupId = 'survey.completed-requests';
  readonly topic = topics.request;
  readonly codec = requestCodec;

  constructor(private readonly pool: Pool) {}

  async handle({ event, envelope }: Delivery<RequestEvent>): Promise<void> {
    if (event.$case !== 'requestCompleted') return; // nothing else matters to surveys; the offset still commits
    const { trackingCode, requestId, completedAt } = event.value;
    await processOnce(this.pool, this.groupId, envelope.eventId, async (tx) => {
      await tx.query(
        `INSERT INTO completed_requests_v1 (tenant_id, tracking_code, unit_id, request_id, completed_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, tracking_code) DO NOTHING`,
        [envelope.tenantId, trackingCode, envelope.unitId, requestId, completedAt || envelope.occurredAt],
      );
    });
  }
}
