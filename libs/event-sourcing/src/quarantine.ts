import type { Pool, PoolClient } from 'pg';
import type { UndecodableEventError } from './types';

/** An event a reader skipped because it could not be decoded, as recorded in `quarantined_events`. */
export interface QuarantinedEvent {
  /** The projection's name (its checkpoint is `projection:<name>`). */
  projection: string;
  eventId: string;
  eventType: string;
  globalPosition: string;
  error: string;
}

/** Records that `reader` skips the event of `error`; recording it again keeps the first record. */
export async function recordQuarantined(db: Pick<Pool, 'query'>, reader: string, error: UndecodableEventError): Promise<void> {
  const { eventId, eventType, globalPosition, transactionId } = error.event;
  await db.query(
    `INSERT INTO quarantined_events (reader, event_id, global_position, transaction_id, event_type, error)
     VALUES ($1, $2, $3, $4::xid8, $5, $6) ON CONFLICT (reader, event_id) DO NOTHING`,
    [reader, eventId, globalPosition, transactionId, eventType, String((error.cause as Error)?.message ?? error.cause)],
  );
}

/** Forgets what `reader` quarantined: a rebuild reads every event again and records what it still cannot decode. */
export async function forgetQuarantined(tx: PoolClient, reader: string): Promise<void> {
  await tx.query(`DELETE FROM quarantined_events WHERE reader = $1`, [reader]);
}

/** How many events each named reader has quarantined; readers with none are left out. */
export async function quarantinedEvents(db: Pick<Pool, 'query'>, readers: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ reader: string; events: number }>(
    `SELECT reader, count(*)::int AS events FROM quarantined_events WHERE reader = ANY($1::text[]) GROUP BY reader`,
    [readers],
  );
  return new Map(rows.map((row) => [row.reader, row.events]));
}
