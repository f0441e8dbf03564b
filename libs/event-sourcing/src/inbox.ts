import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './checkpoint-store';

/** What a consumer may add around its effects, in the same transaction. */
export interface InboxHooks<T> {
  /**
   * Names of transaction-scoped advisory locks taken first, before anything is written: transactions
   * of other consumers that write the same rows (or append to the same stream) take the same names and
   * run one after the other, each taking its transaction id only once the one before it committed.
   */
  serializeOn?: (items: readonly T[]) => readonly string[];
  /**
   * Runs once before the effects, with the items whose effect is about to run (never none): for what
   * every effect of the transaction reads alike, read once instead of once per item.
   */
  beforeEffects?: (toApply: T[], tx: PoolClient) => Promise<void>;
  /** Runs once after the effects, with the items whose effect ran (never none). */
  afterEffects?: (applied: T[], tx: PoolClient) => Promise<void>;
}

/** Takes the locks in one order (sorted, without repeats), so two transactions never wait for each other in a circle. */
async function takeLocks(tx: PoolClient, names: readonly string[] | undefined): Promise<void> {
  for (const name of [...new Set(names ?? [])].sort()) await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [name]);
}

/**
 * Runs `effect` once per (consumer, event id): the inbox row and the effect commit in one
 * transaction, so a redelivered message finds the row and does nothing. Returns false for a repeat.
 * `consumer` is the consumer's logical name, never a deployment's prefixed Kafka group id: a group
 * renamed by a new prefix reads the topic again from the start, and must find every row it wrote.
 */
export async function processOnce(
  pool: Pool,
  consumer: string,
  eventId: string,
  effect: (tx: PoolClient) => Promise<void>,
  hooks: InboxHooks<string> = {},
): Promise<boolean> {
  return inTransaction(pool, async (tx) => {
    await takeLocks(tx, hooks.serializeOn?.([eventId]));
    const inserted = await tx.query({
      name: 'inbox-insert',
      text: `INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      values: [consumer, eventId],
    });
    if (inserted.rowCount === 0) return false;
    await hooks.beforeEffects?.([eventId], tx);
    await effect(tx);
    return true;
  });
}

/**
 * processOnce for a batch, in one transaction: one statement records every event id, then `effect`
 * runs, in order, for each item whose id it recorded (the first of items sharing an id), between the
 * `beforeEffects` hook and the `afterEffects` hook, each run once with those items, when there are any (see InboxHooks). If anything throws,
 * nothing of the batch is kept. Returns the items whose effect ran.
 */
export async function processBatchOnce<T>(
  pool: Pool,
  consumer: string,
  items: readonly T[],
  eventIdOf: (item: T) => string,
  effect: (item: T, tx: PoolClient) => Promise<void>,
  hooks: InboxHooks<T> = {},
): Promise<T[]> {
  return inTransaction(pool, async (tx) => {
    await takeLocks(tx, hooks.serializeOn?.(items));
    // Answers with positions, not ids: PostgreSQL prints a uuid in one canonical form, which need not be
    // the form the message carried.
    const recorded = await tx.query<{ position: number }>({
      name: 'inbox-insert-batch',
      text: `
        WITH recorded AS (
          INSERT INTO inbox (consumer, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id
          ON CONFLICT DO NOTHING RETURNING event_id
        )
        SELECT min(item.position)::int AS position
        FROM unnest($2::uuid[]) WITH ORDINALITY AS item(id, position) JOIN recorded ON recorded.event_id = item.id
        GROUP BY item.id ORDER BY position`,
      values: [consumer, items.map(eventIdOf)],
    });
    const applied = recorded.rows.map(({ position }) => items[position - 1]);
    if (hooks.beforeEffects && applied.length > 0) await hooks.beforeEffects(applied, tx);
    for (const item of applied) await effect(item, tx);
    if (hooks.afterEffects && applied.length > 0) await hooks.afterEffects(applied, tx);
    return applied;
  });
}
