import { randomUUID } from 'node:crypto';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase } from '@lib/testing';
import { Pool } from 'pg';
import { EventStore } from './event-store';
import { checkpointOf } from './log-readers';
import { eventStoreMigrations } from './migrations';
import { TailLoop } from './tail-loop';
import { type CommandMeta, START } from './types';

const meta = (): CommandMeta => ({
  correlationId: randomUUID(),
  tenantId: 'kota-banjarmasin',
  unitId: 'disdukcapil',
  actor: { id: 'user-1', role: 'admin' },
});

const rejected = (requestId: string): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason: 'incomplete', rejectedAt: '2026-11-23T01:00:00.000Z' },
});

/** Far longer than any assertion below waits: only a notification can wake the loop in time. */
const POLL_NEVER_MS = 600_000;
/** How soon a woken loop must have read an append: well under the services' 1 s poll. */
const WOKEN_WITHIN_MS = 500;

describe('TailLoop on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;
  let loopPool: Pool;
  let loop: TailLoop;
  const applicationName = `tail-loop-${randomUUID().slice(0, 8)}`;
  const read: string[] = [];
  let runs = 0;
  const errors: unknown[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new EventStore(db.pool, requestCodec);
    loopPool = new Pool({ connectionString: db.url, max: 4, application_name: applicationName });
    let checkpoint = START;
    // Reads what the wake-up finds committed, as the relay and the projections do. Rows committed but
    // still behind the read gate (an open transaction of another database holds it back: xids are the
    // cluster's) are read a moment later, so only a wake-up that came before the commit goes unanswered.
    const readNew = async (): Promise<boolean> => {
      runs++;
      const events = await store.readAll(checkpoint, 100, loopPool);
      for (const { event, envelope } of events) if (event.$case === 'requestRejected') read.push(`${envelope.streamId}:${event.value.requestId}`);
      if (events.length > 0) checkpoint = checkpointOf(events[events.length - 1]);
      if (events.length > 0) return events.length === 100;
      const { rows } = await loopPool.query<{ behind: boolean }>(
        'SELECT EXISTS (SELECT FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)) AS behind',
        [checkpoint.transactionId, checkpoint.globalPosition],
      );
      if (rows[0].behind) await new Promise((resolve) => setTimeout(resolve, 10));
      return rows[0].behind;
    };
    loop = new TailLoop(loopPool, readNew, { pollIntervalMs: POLL_NEVER_MS, onError: (error) => errors.push(error) });
    await loop.start();
  });
  afterAll(async () => {
    await loop.stop();
    await loopPool.end();
    await db.drop();
  });

  const listenerPids = async (): Promise<number[]> => {
    const { rows } = await db.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query = 'LISTEN events_appended' AND state = 'idle'`,
      [applicationName],
    );
    return rows.map((row) => row.pid);
  };
  const wokenBy = (streamId: string, requestId: string) =>
    eventually(() => expect(read).toContain(`${streamId}:${requestId}`), { timeoutMs: WOKEN_WITHIN_MS, intervalMs: 10 });

  it('listens again after its LISTEN connection is terminated, so an append wakes it well before the poll', async () => {
    const [terminated] = await eventually(async () => {
      const pids = await listenerPids();
      expect(pids).toHaveLength(1);
      return pids;
    });
    await db.pool.query('SELECT pg_terminate_backend($1)', [terminated]);
    await eventually(async () => {
      const pids = await listenerPids();
      expect(pids).toHaveLength(1);
      expect(pids[0]).not.toBe(terminated);
    });
    expect(errors).toEqual([expect.objectContaining({ code: '57P01' })]);

    const streamId = `request-${randomUUID()}`;
    await store.append(streamId, 0, [rejected('after-restart')], meta());
    await wokenBy(streamId, 'after-restart');
  });

  it("is woken by an append made in a caller's transaction when that transaction commits, not before", async () => {
    const streamId = `request-${randomUUID()}`;
    const caller = await db.pool.connect();
    try {
      await caller.query('BEGIN');
      await store.append(streamId, 0, [rejected('in-transaction')], meta(), caller);
      const runsBeforeCommit = runs;
      // time for a notification sent at the append to wake the loop, which would then find nothing yet
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs).toBe(runsBeforeCommit);
      await caller.query('COMMIT');
    } finally {
      caller.release();
    }
    await wokenBy(streamId, 'in-transaction');
  });
});
