import { randomUUID } from 'node:crypto';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, untilLogReadable } from '@lib/testing';
import type { PoolClient } from 'pg';
import { checkpointLag } from './checkpoint-store';
import { quarantinedEvents } from './quarantine';
import { EventStore } from './event-store';
import { eventStoreMigrations } from './migrations';
import { type Projection, type ProjectionFailure, ProjectionGroup, Projector } from './projector';
import type { CommandMeta, StoredEvent } from './types';

const meta = (unitId: string): CommandMeta => ({
  correlationId: randomUUID(),
  tenantId: 'kota-banjarmasin',
  unitId,
  actor: { id: 'user-1', role: 'admin' },
});

const rejected = (requestId: string, reason: string): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason, rejectedAt: '2026-11-23T01:00:00.000Z' },
});

/** Rejections per unit plus the last reason: enough state to notice a skipped or doubled event. */
class RejectionsPerUnit implements Projection<RequestEvent> {
  readonly tables: string[];
  failOnReason?: string;
  commits = 0;

  constructor(
    readonly name = 'rejections-per-unit',
    private readonly table = 'rejections_v1',
  ) {
    this.tables = [table];
  }

  committed(): void {
    this.commits++;
  }

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      if (event.$case !== 'requestRejected') continue;
      if (event.value.reason === this.failOnReason) throw new Error('projection crashed mid-batch');
      await tx.query(
        `INSERT INTO ${this.table} AS t (unit_id, rejections, last_reason, positions) VALUES ($1, 1, $2, $3)
         ON CONFLICT (unit_id) DO UPDATE SET rejections = t.rejections + 1, last_reason = $2, positions = t.positions || ',' || $3`,
        [envelope.unitId, event.value.reason, envelope.streamVersion.toString()],
      );
    }
  }
}

/** Events per unit, counted without any version guard: a batch applied twice shows as a doubled count. */
class EventsPerUnit implements Projection<RequestEvent> {
  readonly tables: string[];

  constructor(
    readonly name: string,
    readonly table: string,
  ) {
    this.tables = [table];
  }

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { envelope } of events) {
      await tx.query(`INSERT INTO ${this.table} AS t (unit_id, events) VALUES ($1, 1) ON CONFLICT (unit_id) DO UPDATE SET events = t.events + 1`, [
        envelope.unitId,
      ]);
    }
  }
}

describe('Projector on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;
  const projection = new RejectionsPerUnit();

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    for (const table of ['rejections_v1', 'group_a_v1', 'group_b_v1']) {
      await db.pool.query(`CREATE TABLE ${table} (unit_id text PRIMARY KEY, rejections int NOT NULL, last_reason text NOT NULL, positions text NOT NULL)`);
    }
    await db.pool.query(`CREATE TABLE counted_v1 (unit_id text PRIMARY KEY, events int NOT NULL)`);
    for (const table of ['healthy_v1', 'broken_v1', 'decoding_v1']) {
      await db.pool.query(`CREATE TABLE ${table} (unit_id text PRIMARY KEY, rejections int NOT NULL, last_reason text NOT NULL, positions text NOT NULL)`);
    }
    store = new EventStore(db.pool, requestCodec);
    for (let i = 0; i < 40; i++) {
      await store.append(`request-${i}`, 0, [rejected(`r${i}`, `reason-${i}`), rejected(`r${i}`, `again-${i}`)], meta(`unit-${i % 7}`));
    }
  });
  afterAll(() => db.drop());

  const table = async (name = 'rejections_v1') => (await db.pool.query(`SELECT * FROM ${name} ORDER BY unit_id`)).rows;

  it('folds every event once in small batches, and a rebuild gives an identical table', async () => {
    const projector = new Projector(db.pool, store, projection, 3);
    await untilLogReadable(db.pool);
    await projector.catchUp();
    const live = await table();
    expect(live.reduce((sum, row) => sum + row.rejections, 0)).toBe(80);

    await projector.catchUp();
    expect(await table()).toEqual(live);

    await projector.rebuild();
    expect(await table()).toEqual(live);
  });

  it('rolls a crashed batch back with its checkpoint, so the retry applies it exactly once', async () => {
    await store.append('request-late', 0, [rejected('late', 'fine'), rejected('late', 'boom')], meta('unit-late'));
    await untilLogReadable(db.pool);
    const projector = new Projector(db.pool, store, projection, 500);
    projection.failOnReason = 'boom';
    await expect(projector.processBatch()).rejects.toThrow('projection crashed mid-batch');
    expect((await db.pool.query(`SELECT * FROM rejections_v1 WHERE unit_id = 'unit-late'`)).rows).toEqual([]);

    projection.failOnReason = undefined;
    await projector.catchUp();
    expect((await db.pool.query(`SELECT rejections, last_reason FROM rejections_v1 WHERE unit_id = 'unit-late'`)).rows).toEqual([
      { rejections: 2, last_reason: 'boom' },
    ]);
  });

  it('feeds a group of projections from one read, and one of them reset catches up without doubling the others', async () => {
    const alone = new Projector(db.pool, store, projection, 1000);
    await untilLogReadable(db.pool);
    await alone.catchUp();
    const expected = await table();
    const a = new RejectionsPerUnit('group-a', 'group_a_v1');
    const b = new RejectionsPerUnit('group-b', 'group_b_v1');
    const group = new ProjectionGroup(db.pool, store, [a, b], { batchSize: 7 });
    while (await group.processBatch());
    expect(await table('group_a_v1')).toEqual(expected);
    expect(await table('group_b_v1')).toEqual(expected);
    expect(a.commits).toBeGreaterThan(1);

    // b emptied and its checkpoint reset, as a rebuild starts, and left for the group to refill
    await db.pool.query(`TRUNCATE group_b_v1`);
    await db.pool.query(`DELETE FROM checkpoints WHERE name = 'projection:group-b'`);
    await store.append('request-after-rebuild', 0, [rejected('after', 'later')], meta('unit-0'));
    await untilLogReadable(db.pool);
    await alone.catchUp();
    while (await group.processBatch());
    expect(await table('group_a_v1')).toEqual(await table());
    expect(await table('group_b_v1')).toEqual(await table());
    expect(await group.processBatch()).toBe(false);
  });

  it('reports the committed events a projection has not applied yet, not those of a transaction still open', async () => {
    const lagging = new Projector(db.pool, store, new RejectionsPerUnit('lagging', 'group_a_v1'), 5);
    const lag = async () => (await checkpointLag(db.pool, [lagging.name])).get(lagging.name);
    const total = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;
    await db.pool.query('TRUNCATE group_a_v1');
    await untilLogReadable(db.pool);

    expect(await lag()).toBe(total);
    await lagging.processBatch();
    expect(await lag()).toBe(total - 5);
    await lagging.catchUp();
    expect(await lag()).toBe(0);

    const open = await db.pool.connect();
    try {
      await open.query('BEGIN');
      await store.append('request-uncommitted', 0, [rejected('uncommitted', 'pending')], meta('unit-0'), open);
      expect(await lag()).toBe(0);
      await open.query('COMMIT');
    } finally {
      open.release();
    }
    expect(await lag()).toBe(1);
  });

  it('applies no batch twice when a reset commits while a group batch waits for its checkpoint row', async () => {
    const counting = new EventsPerUnit('counted', 'counted_v1');
    const group = new ProjectionGroup(db.pool, store, [counting]);
    const rebuilding = new Projector(db.pool, store, counting);
    const eventsPerUnit = async () =>
      (
        await db.pool.query<{ unit_id: string; events: number }>(
          `SELECT metadata->>'unitId' AS unit_id, count(*)::int AS events FROM events GROUP BY 1 ORDER BY 1`,
        )
      ).rows;
    const counted = async () => (await db.pool.query(`SELECT unit_id, events FROM counted_v1 ORDER BY unit_id`)).rows;
    // Other databases' open transactions hold the read gate back for a moment (xids are the cluster's).
    await eventually(async () => {
      while (await group.processBatch());
      expect(await counted()).toEqual(await eventsPerUnit());
    });

    // An HTTP reader of the table makes the rebuild's TRUNCATE wait while the reset holds the checkpoint row.
    const reader = await db.pool.connect();
    const waiting = async (count: number) =>
      eventually(async () => {
        const { rows } = await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows[0].n).toBe(count);
      });
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM counted_v1');
      const reset = rebuilding.reset();
      await waiting(1);
      // another replica's group, so the batch goes to its transaction whatever this process saw last
      const batch = new ProjectionGroup(db.pool, store, [counting]).processBatch();
      await waiting(2);
      await reader.query('COMMIT');
      await reset;
      await batch;
    } finally {
      reader.release();
    }
    await eventually(async () => {
      await rebuilding.catchUp(); // the rest of the rebuild
      expect(await counted()).toEqual(await eventsPerUnit());
    });
  });

  it('keeps the other projections of a group going while one of them throws, and retries that one with backoff until it recovers', async () => {
    const healthy = new RejectionsPerUnit('healthy', 'healthy_v1');
    const broken = new RejectionsPerUnit('broken', 'broken_v1');
    broken.failOnReason = 'reason-3';
    const failures: ProjectionFailure[] = [];
    const group = new ProjectionGroup(db.pool, store, [healthy, broken], {
      isolate: { retryAfterMs: { first: 100, max: 400 }, onFailure: (failure) => failures.push(failure) },
    });
    const expected = async () => {
      await new Projector(db.pool, store, projection).catchUp();
      return table();
    };
    await eventually(async () => {
      while (await group.processBatch());
      expect(await table('healthy_v1')).toEqual(await expected());
    });
    expect(await table('broken_v1')).toEqual([]);
    expect(failures[0]).toMatchObject({ projection: 'broken', failures: 1, error: expect.objectContaining({ message: 'projection crashed mid-batch' }) });
    expect(group.failing()).toEqual([expect.objectContaining({ projection: 'broken' })]);

    // still failing: retried after its backoff, while the healthy one goes on with new events
    await store.append(`request-${randomUUID()}`, 0, [rejected('isolated', 'while-broken')], meta('unit-2'));
    await eventually(async () => {
      while (await group.processBatch());
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(await table('healthy_v1')).toEqual(await expected());
    });
    expect(failures[1]).toMatchObject({ projection: 'broken', failures: 2 });
    expect(failures[1].retryAt.getTime() - failures[0].retryAt.getTime()).toBeGreaterThanOrEqual(100);

    broken.failOnReason = undefined; // fixed, as by a deployment
    await eventually(async () => {
      while (await group.processBatch());
      expect(group.failing()).toEqual([]);
      expect(await table('broken_v1')).toEqual(await table('healthy_v1'));
    });
  });

  it('quarantines an event a projection can no longer decode, recording it with the error, and applies the events after it', async () => {
    const decoding = new RejectionsPerUnit('decoding', 'decoding_v1');
    const quarantined: unknown[] = [];
    const projector = new Projector(db.pool, store, decoding, 1000, (event) => quarantined.push(event));
    await eventually(async () => {
      await projector.catchUp();
      expect(await table('decoding_v1')).toEqual(await table());
    });
    // An event type since removed from the contract, stored long ago.
    const removed = randomUUID();
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ($1, 1, $2, 'RequestWithdrawn', '{"requestId": "gone"}', $3)`,
      [`request-${removed}`, removed, JSON.stringify({ tenantId: 'kota-banjarmasin', unitId: 'unit-3', correlationId: removed })],
    );
    await store.append(`request-${randomUUID()}`, 0, [rejected('after-removed', 'after-removed')], meta('unit-3'));

    await eventually(async () => {
      await projector.catchUp();
      expect((await db.pool.query(`SELECT last_reason FROM decoding_v1 WHERE unit_id = 'unit-3'`)).rows).toEqual([{ last_reason: 'after-removed' }]);
    });
    const projected = await table('decoding_v1');
    expect((await db.pool.query(`SELECT reader, event_id, event_type, error FROM quarantined_events`)).rows).toEqual([
      { reader: 'projection:decoding', event_id: removed, event_type: 'RequestWithdrawn', error: expect.stringContaining('unknown request event type') },
    ]);
    expect(quarantined).toEqual([expect.objectContaining({ projection: 'decoding', eventId: removed, eventType: 'RequestWithdrawn' })]);
    expect(await quarantinedEvents(db.pool, [projector.name])).toEqual(new Map([[projector.name, 1]]));

    // a rebuild starts with a clean record, and meets the event again
    await projector.reset();
    expect(await quarantinedEvents(db.pool, [projector.name])).toEqual(new Map());
    await eventually(async () => {
      await projector.catchUp();
      expect(await table('decoding_v1')).toEqual(projected);
    });
    expect(await quarantinedEvents(db.pool, [projector.name])).toEqual(new Map([[projector.name, 1]]));
  });
});
