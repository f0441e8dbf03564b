import { Injectable } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';

/**
 * Keeps the requests the request service completed, per unit: a respondent citing a tracking code is
 * checked against them, and closing a period counts them as its population. The runner commits the
 * inbox row and the insert together, so a redelivered event is recorded once.
 */
@Injectable()
export class CompletedRequestsConsumer implements RegisteredInboxConsumer<RequestEvent> {
  readonly groupId = 'survey.completed-requests';
  readonly topic = topics.request;
  readonly codec = requestCodec;

  constructor(readonly pool: Pool) {}

  async apply({ event, envelope }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    if (event.$case !== 'requestCompleted') return; // nothing else matters to surveys; the offset still commits
    const { trackingCode, requestId, completedAt, completedOn } = event.value;
    // events from before completedOn existed are dated in WIB, as they were then
    await tx.query(
      `INSERT INTO completed_requests_v1 (tenant_id, tracking_code, unit_id, request_id, completed_at, completed_on)
       VALUES ($1, $2, $3, $4, $5::timestamptz, coalesce($6::date, ($5::timestamptz AT TIME ZONE 'Asia/Jakarta')::date))
       ON CONFLICT (tenant_id, tracking_code) DO NOTHING`,
      [envelope.tenantId, trackingCode, envelope.unitId, requestId, completedAt || envelope.occurredAt, completedOn || null],
    );
  }
}
