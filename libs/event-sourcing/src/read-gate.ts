import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';

/** The transaction holding the read gate back, as pg_stat_activity shows it. */
export interface ReadGateHolder {
  pid: number;
  database: string;
  applicationName: string;
  /** How long it has been open (or, when its start is hidden from this role, since this process first saw it). */
  seconds: number;
}

// Every reader of the log sees only rows of transactions older than the oldest one still running
// (READ_ALL_SQL in event-store.ts), and transaction ids are the server's, not the database's: the
// transaction with the oldest id on the whole server holds every reader back. The role sees every
// session's transaction id but the start of only its own role's sessions, unless it is a member of
// pg_read_all_stats (pg_monitor).
const OLDEST_HOLDER_SQL = `
  SELECT pid, coalesce(datname, '') AS database, coalesce(application_name, '') AS application_name, backend_xid::text AS xid,
    extract(epoch FROM now() - xact_start)::float8 AS seconds
  FROM pg_stat_activity
  WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
  ORDER BY age(backend_xid) DESC
  LIMIT 1`;

/**
 * Watches what holds the log's read gate back (`transaction_id < pg_snapshot_xmin(…)`): while a
 * transaction holding a transaction id stays open, anywhere on the server, the relay and the
 * projections see nothing committed after it began. Nothing is lost, but read tables and other
 * services wait; this says for how long and who.
 */
export class ReadGateWatch {
  private firstSeen?: { holder: string; at: number };

  constructor(
    private readonly db: Pick<Pool, 'query'>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The oldest open transaction holding a transaction id, or undefined when none is. */
  async oldestHolder(): Promise<ReadGateHolder | undefined> {
    const { rows } = await this.db.query<{ pid: number; database: string; application_name: string; xid: string; seconds: number | null }>(OLDEST_HOLDER_SQL);
    const row = rows[0];
    if (!row) {
      this.firstSeen = undefined;
      return undefined;
    }
    const holder = `${row.pid}/${row.xid}`;
    if (this.firstSeen?.holder !== holder) this.firstSeen = { holder, at: this.now() };
    const seconds = row.seconds ?? (this.now() - this.firstSeen.at) / 1000;
    return { pid: row.pid, database: row.database, applicationName: row.application_name, seconds };
  }
}
