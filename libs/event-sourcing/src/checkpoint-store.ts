import type { PoolClient } from 'pg';
import { type Checkpoint, START } from './types';

/**
 * Locks and returns the named checkpoint inside the caller's transaction. The row lock makes a second
 * instance of the same reader (another replica) wait instead of doing the same work twice.
 */
export async function lockCheckpoint(tx: PoolClient, name: string): Promise<Checkpoint> {
  await tx.query({
    name: 'checkpoint-ensure',
    text: `INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ($1, '0', 0) ON CONFLICT (name) DO NOTHING`,
    values: [name],
  });
  const result = await tx.query<{ transaction_id: string; global_position: string }>({
    name: 'checkpoint-lock',
    text: `SELECT transaction_id::text, global_position::text FROM checkpoints WHERE name = $1 FOR UPDATE`,
    values: [name],
  });
  const row = result.rows[0];
  return row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : START;
}

export async function saveCheckpoint(tx: PoolClient, name: string, checkpoint: Checkpoint): Promise<void> {
  await tx.query({
    name: 'checkpoint-save',
    text: `UPDATE checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now() WHERE name = $1`,
    values: [name, checkpoint.transactionId, checkpoint.globalPosition],
  });
}

export async function resetCheckpoint(tx: PoolClient, name: string): Promise<void> {
  await tx.query(`DELETE FROM checkpoints WHERE name = $1`, [name]);
}

/** Runs `fn` in a transaction on a pooled client; rolls back on any error. */
export async function inTransaction<T>(pool: { connect(): Promise<PoolClient> }, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const result = await fn(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}

/**
 * Locks and returns several named checkpoints at once (see lockCheckpoint), in name order so two
 * lockers of overlapping sets cannot deadlock. A checkpoint without a row yet starts at START.
 */
export async function lockCheckpoints(tx: PoolClient, names: readonly string[]): Promise<Map<string, Checkpoint>> {
  const select = () =>
    tx.query<{ name: string; transaction_id: string; global_position: string }>({
      name: 'checkpoints-lock',
      text: `SELECT name, transaction_id::text, global_position::text FROM checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE`,
      values: [names],
    });
  let { rows } = await select();
  if (rows.length < names.length) {
    await tx.query(`INSERT INTO checkpoints (name, transaction_id, global_position) SELECT unnest($1::text[]), '0', 0 ON CONFLICT (name) DO NOTHING`, [names]);
    ({ rows } = await select());
  }
  return new Map(rows.map((row) => [row.name, { transactionId: row.transaction_id, globalPosition: row.global_position }]));
}

export async function saveCheckpoints(tx: PoolClient, names: readonly string[], checkpoint: Checkpoint): Promise<void> {
  await tx.query({
    name: 'checkpoints-save',
    text: `UPDATE checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now() WHERE name = ANY($1::text[])`,
    values: [names, checkpoint.transactionId, checkpoint.globalPosition],
  });
}

/** Whether `a` comes after `b` in the log's commit-safe order. */
export function isAfter(a: Checkpoint, b: Checkpoint): boolean {
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  return byTransaction === 0n ? BigInt(a.globalPosition) > BigInt(b.globalPosition) : byTransaction > 0n;
}
