import { randomUUID } from 'node:crypto';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import type { PoolClient } from 'pg';
import { EventStore } from './event-store';
import { eventStoreMigrations } from './migrations';
import { type Projection, Projector } from './projector';
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
  readonly name = 'rejections-per-unit';
  readonly tables = ['rejections_v1'];
  failOnReason?: string;

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      if (event.$case !== 'requestRejected') continue;
      if (event.value.reason === this.failOnReason) throw new Error('projection crashed mid-batch');
      await tx.query(
        `INSERT INTO rejections_v1 (unit_id, rejections, last_reason, positions) VALUES ($1, 1, $2, $3)
         ON CONFLICT (unit_id) DO UPDATE SET rejections = rejections_v1.rejections + 1, last_reason = $2,
           positions = rejections_v1.positions || ',' || $3`,
        [envelope.unitId, event.value.reason, envelope.streamVersion.toString()],
      );
    }
  }
}

describe('Projector on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;
  const projection = new RejectionsPerUnit();

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    await db.pool.query(`CREATE TABLE rejections_v1 (unit_id text PRIMARY KEY, rejections int NOT NULL, last_reason text NOT NULL, positions text NOT NULL)`);
    store = new EventStore(db.pool, requestCodec);
    for (let i = 0; i < 40; i++) {
      await store.append(`request-${i}`, 0, [rejected(`r${i}`, `reason-${i}`), rejected(`r${i}`, `again-${i}`)], meta(`unit-${i % 7}`));
    }
  });
  afterAll(() => db.drop());

  const table = async () => (await db.pool.query(`SELECT * FROM rejections_v1 ORDER BY unit_id`)).rows;

  it('folds every event once in small batches, and a rebuild gives an identical table', async () => {
    const projector = new Projector(db.pool, store, projection, 3);
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
});
