import type { Pool, PoolClient, QueryResult } from 'pg';
import type { Checkpoint } from './types';

/**
 * Moves a checkpoint back to the start of the log, keeping its row: a reader waiting on the row lock
 * then reads the new version of the row when it gets it, whereas a deleted row would be skipped and
 * the reader would take itself for new (and apply a batch twice).
 */
export async function resetCheckpoint(tx: PoolClient, name: string): Promise<void> {
  await tx.query(`UPDATE checkpoints SET transaction_id = '0', global_position = 0, updated_at = now() WHERE name = $1`, [name]);
}

type Connectable = { connect(): Promise<PoolClient> };

/**
 * Runs `work`, which opens and commits its own transaction, on a pooled client; rolls back on any
 * error. The server may end the connection while the client is checked out and idle between two
 * statements (a restart, pg_terminate_backend, a relay waiting for Kafka): node-postgres reports that
 * as an 'error' event, which ends the process when nobody listens. Here it is only noted: the next
 * statement fails with it, and the client is not given back to the pool.
 */
async function onPooledClient<T>(pool: Connectable, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  let lost: Error | undefined;
  const noteLoss = (error: Error) => {
    lost = error;
  };
  tx.on('error', noteLoss);
  try {
    return await work(tx);
  } catch (error) {
    if (!lost) await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.off('error', noteLoss);
    tx.release(lost);
  }
}

/** Runs `fn` in a transaction on a pooled client; rolls back on any error. */
export function inTransaction<T>(pool: Connectable, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  return onPooledClient(pool, async (tx) => {
    await tx.query('BEGIN');
    const result = await fn(tx);
    await tx.query('COMMIT');
    return result;
  });
}

/** Whether `a` comes after `b` in the log's commit-safe order. */
export function isAfter(a: Checkpoint, b: Checkpoint): boolean {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  return byTransaction === 0n ? BigInt(a.globalPosition) > BigInt(b.globalPosition) : byTransaction > 0n;
}

/** What a reader's batch asks of its transaction's end: the checkpoints to move, if any. */
export interface CheckpointSave {
  names: readonly string[];
  checkpoint: Checkpoint;
}

const DIGITS = /^[0-9]+$/;

/**
 * Runs a reader's batch (Projector) in a transaction that holds the named checkpoints
 * (the row lock makes a second instance of the same reader, another replica, wait instead of doing
 * the same work twice), for two round trips besides the batch's own statements: BEGIN with the
 * checkpoint lock (creating any checkpoint that has no row yet), and the checkpoint save with COMMIT. Each pair is one
 * simple-protocol message of several statements, which cannot carry parameters, so names and
 * positions go in as literals: names escaped by the driver, positions checked to be digits. A busy
 * service runs such a batch every few milliseconds, and every round trip is a write on the socket.
 */
export function inCheckpointTransaction<T>(
  pool: Connectable,
  names: readonly string[],
  batch: (tx: PoolClient, locked: Map<string, Checkpoint>) => Promise<{ result: T; save?: CheckpointSave }>,
): Promise<T> {
  return onPooledClient(pool, async (tx) => {
    const list = (of: readonly string[]) => `ARRAY[${of.map((name) => tx.escapeLiteral(name)).join(', ')}]::text[]`;
    const named = list(names);
    const opened = (await tx.query(`
      BEGIN;
      INSERT INTO checkpoints (name, transaction_id, global_position) SELECT unnest(${named}), '0', 0 ON CONFLICT (name) DO NOTHING;
      SELECT name, transaction_id::text, global_position::text FROM checkpoints WHERE name = ANY(${named}) ORDER BY name FOR UPDATE`)) as unknown as QueryResult<{
      name: string;
      transaction_id: string;
      global_position: string;
    }>[];
    const locked = new Map(opened[2].rows.map((row) => [row.name, { transactionId: row.transaction_id, globalPosition: row.global_position }]));
    const { result, save } = await batch(tx, locked);
    if (save && save.names.length > 0) {
      const { transactionId, globalPosition } = save.checkpoint;
      if (!DIGITS.test(transactionId) || !DIGITS.test(globalPosition)) throw new Error(`not a checkpoint: ${transactionId}/${globalPosition}`);
      // The save must find every row it names; the check fails the statement before the COMMIT that follows it.
      const saving = list(save.names);
      await tx.query(`
        WITH saved AS (
          UPDATE checkpoints SET transaction_id = '${transactionId}'::xid8, global_position = ${globalPosition}, updated_at = now() WHERE name = ANY(${saving})
          RETURNING name
        )
        SELECT assert_checkpoints_saved(${saving}, ARRAY(SELECT name FROM saved));
        COMMIT`);
    } else {
      await tx.query('COMMIT');
    }
    return result;
  });
}

/** Lag beyond this many events is reported as this many: counting further would make a scrape slow when it matters least. */
export const MAX_COUNTED_LAG = 100_000;

// One index range scan per reader (events_commit_order), over the events it has not read yet; only
// rows a reader could already read are counted (see READ_ALL_SQL in event-store.ts).
const LAG_SQL = `
  SELECT reader.name, (
    SELECT count(*)::int FROM (
      SELECT FROM events e
      WHERE (e.transaction_id, e.global_position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0))
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      LIMIT $2
    ) AS unread
  ) AS lag
  FROM unnest($1::text[]) AS reader(name) LEFT JOIN checkpoints c ON c.name = reader.name`;

/**
 * How many committed events each named reader (Projector, OutboxRelay) has not processed yet, up to
 * MAX_COUNTED_LAG; a reader that never saved a checkpoint has the whole log ahead of it.
 */
export async function checkpointLag(db: Pick<Pool, 'query'>, names: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ name: string; lag: number }>(LAG_SQL, [names, MAX_COUNTED_LAG]);
  return new Map(rows.map((row) => [row.name, row.lag]));
}
