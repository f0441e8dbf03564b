import type { Pool } from 'pg';

/** The server's transaction counter is behind the transaction ids stored in the event log or its checkpoints. */
export class TransactionIdsBehindError extends Error {
  constructor(
    readonly nextTransactionId: string,
    readonly largestStored: string,
  ) {
    super(
      `this PostgreSQL server will give new transactions the ids from ${nextTransactionId}, but the event log and its checkpoints hold ids up to ` +
        `${largestStored}: the database was restored from a logical dump or moved by logical replication (a blue/green switchover), ` +
        `which restarts the counter. New events would sort before the stored ones and never reach the relay or the projections, so ` +
        `the service refuses to start. Move the database with a physical copy (base backup, streaming replica, failover) or pg_upgrade, ` +
        `which keep the counter (see "Moving a service's database" in the README).`,
    );
    this.name = 'TransactionIdsBehindError';
  }
}

// pg_snapshot_xmax is the next id the server will assign; reading it assigns none. max() on events is
// one backward probe of events_commit_order.
const TRANSACTION_IDS_SQL = `
  SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next,
    greatest((SELECT max(transaction_id) FROM events), (SELECT max(transaction_id) FROM checkpoints))::text AS stored`;

/**
 * Refuses (TransactionIdsBehindError) a database whose stored transaction ids are at or above the ids
 * the server will assign next. Readers order the log by transaction id, so such a database would
 * hide every new event from them.
 */
export async function assertTransactionIdsAhead(db: Pick<Pool, 'query'>): Promise<void> {
  const { rows } = await db.query<{ next: string; stored: string | null }>(TRANSACTION_IDS_SQL);
  const { next, stored } = rows[0];
  if (stored !== null && BigInt(next) <= BigInt(stored)) throw new TransactionIdsBehindError(next, stored);
}
