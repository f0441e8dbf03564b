import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './checkpoint-store';

/**
 * Runs `effect` once per (consumer, event id): the inbox row and the effect commit in one
 * transaction, so a redelivered message finds the row and does nothing. Returns false for a repeat.
 */
export async function processOnce(pool: Pool, consumer: string, eventId: string, effect: (tx: PoolClient) => Promise<void>): Promise<boolean> {
  return inTransaction(pool, async (tx) => {
    const inserted = await tx.query({
      name: 'inbox-insert',
      text: `INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      values: [consumer, eventId],
    });
    if (inserted.rowCount === 0) return false;
    await effect(tx);
    return true;
  });
}
