import type { Pool, PoolClient } from 'pg';
import type { Checkpoint } from './types';

/** The first key of every leadership lock (`pg_try_advisory_lock(int, int)`); the second is the reader's name hashed. */
const LEADERSHIP_LOCK_CLASS = 0x72656c79; // 'rely'

const TAKE_SQL = `SELECT pg_try_advisory_lock(${LEADERSHIP_LOCK_CLASS}, hashtext($1)) AS taken`;
const UNLOCK_SQL = `SELECT pg_advisory_unlock(${LEADERSHIP_LOCK_CLASS}, hashtext($1))`;

// A leader's host can vanish without closing its connection; the server then holds the lock until
// it finds the peer dead, which with the kernel's default keepalives takes two hours. With these it
// takes under a minute, and another replica leads. The session is never given back to the pool, so
// the settings end with it.
const KEEPALIVE_SQL = `SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 30000`;

// The checkpoint row, created at the start of the log if the reader never saved one; the SELECT
// does not see the INSERT's row (same snapshot), so exactly one of the two answers.
const LOAD_SQL = `
  WITH created AS (
    INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ($1, '0', 0) ON CONFLICT (name) DO NOTHING
    RETURNING transaction_id::text, global_position::text
  )
  SELECT * FROM created
  UNION ALL
  SELECT transaction_id::text, global_position::text FROM checkpoints WHERE name = $1`;

// Moves the checkpoint only from where this leader last left it: a checkpoint moved by hand meanwhile
// is not overwritten.
const SAVE_SQL = `
  UPDATE checkpoints SET transaction_id = $2::xid8, global_position = $3::bigint, updated_at = now()
  WHERE name = $1 AND transaction_id = $4::xid8 AND global_position = $5::bigint`;

/**
 * The right to move one reader's checkpoint (the outbox relay's), held by one process at a time
 * without holding a transaction: a session-level advisory lock on a connection of its own. A reader
 * that held its checkpoint row locked in a transaction while it waited on Kafka would hold a
 * transaction id all that time, and the log's read gate (`transaction_id < pg_snapshot_xmin(…)`)
 * would hide from every reader, the service's own projections too, whatever was appended after it.
 *
 * The leader reads and saves on its session, each statement a transaction of its own; losing the
 * session (a restart, a terminated backend) loses the lock, and the next statement on it fails, so a
 * leader never saves after another process took over. Another replica takes over once the session
 * is gone. What the old leader published and did not save yet is then published again: consumers
 * deduplicate by event id.
 */
export class CheckpointLeadership {
  private lost = false;

  private constructor(
    private readonly session: PoolClient,
    private readonly name: string,
    private current: Checkpoint,
  ) {
    session.on('error', () => {
      this.lost = true;
    });
  }

  /** Leads the named reader, or answers undefined while another session does. */
  static async tryTake(pool: Pick<Pool, 'connect'>, name: string): Promise<CheckpointLeadership | undefined> {
    const session = await pool.connect();
    const keepWhileStarting = () => undefined;
    session.on('error', keepWhileStarting);
    try {
      const { rows } = await session.query<{ taken: boolean }>(TAKE_SQL, [name]);
      if (!rows[0].taken) {
        session.off('error', keepWhileStarting);
        session.release();
        return undefined;
      }
      await session.query(KEEPALIVE_SQL);
      const loaded = await session.query<{ transaction_id: string; global_position: string }>(LOAD_SQL, [name]);
      session.off('error', keepWhileStarting);
      return new CheckpointLeadership(session, name, { transactionId: loaded.rows[0].transaction_id, globalPosition: loaded.rows[0].global_position });
    } catch (error) {
      session.off('error', keepWhileStarting);
      session.release(true);
      throw error;
    }
  }

  /** Where the reader is: the checkpoint this leader loaded or last saved. */
  get checkpoint(): Checkpoint {
    return this.current;
  }

  /** False once the session is gone: release it and take the leadership again. */
  get held(): boolean {
    return !this.lost;
  }

  /** Runs a read on the leader's session, so a lost leadership fails it before anything is published. */
  async read<T>(read: (session: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await read(this.session);
    } catch (error) {
      this.lost = true;
      throw error;
    }
  }

  /** Moves the checkpoint on, in a transaction of one statement. */
  async save(to: Checkpoint): Promise<void> {
    let saved: number | null;
    try {
      ({ rowCount: saved } = await this.session.query({
        name: 'checkpoint-leadership-save',
        text: SAVE_SQL,
        values: [this.name, to.transactionId, to.globalPosition, this.current.transactionId, this.current.globalPosition],
      }));
    } catch (error) {
      this.lost = true;
      throw error;
    }
    if (saved !== 1) {
      this.lost = true;
      throw new Error(`the checkpoint ${this.name} was moved by someone else; the reader goes on from where it is now`);
    }
    this.current = to;
  }

  /**
   * Gives the leadership up, at once for another replica: the lock is released before the session is
   * closed (the server ends a closed session a moment later), and the session is never returned to
   * the pool with the lock held.
   */
  async release(): Promise<void> {
    if (!this.lost) await this.session.query(UNLOCK_SQL, [this.name]).catch(() => undefined);
    this.session.release(true);
  }
}
