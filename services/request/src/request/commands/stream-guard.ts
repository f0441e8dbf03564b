import { type AppendResult, DomainError } from '@lib/event-sourcing';
import type { Pool } from 'pg';

/**
 * Streams are not partitioned by tenant, so every command on an existing stream checks the tenant its
 * first event was written for. Another tenant's stream answers as if it did not exist. Over HTTP the
 * guard has already refused it; this keeps the rule for every other sender of commands.
 */
export async function refuseOtherTenant(pool: Pool, streamId: string, tenantId: string, notFoundCode: string): Promise<void> {
  const { rows } = await pool.query<{ tenant_id: string }>(
    `SELECT metadata->>'tenantId' AS tenant_id FROM events WHERE stream_id = $1 AND stream_version = 1`,
    [streamId],
  );
  if (rows.length > 0 && rows[0].tenant_id !== tenantId) throw new DomainError(notFoundCode, `${streamId} does not exist`);
}

/**
 * The store remembers an Idempotency-Key with the stream it appended to. A key replayed on another
 * stream is a client bug; answering with that stream's state would mislead it.
 */
export function refuseKeyReuse(result: AppendResult, isExpectedStream: (streamId: string) => boolean): void {
  if (result.duplicate && !isExpectedStream(result.streamId)) {
    throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for a different command');
  }
}
