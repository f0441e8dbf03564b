import { randomUUID } from 'node:crypto';
import { createTestDatabase, eventually, type TestDatabase } from '@lib/testing';
import type { PoolClient } from 'pg';
import { processBatchOnce, processOnce } from './inbox';
import { eventStoreMigrations } from './migrations';

describe('inbox on PostgreSQL', () => {
  let db: TestDatabase;
  const effects = async (consumer: string): Promise<string[]> =>
    (await db.pool.query<{ event_id: string }>('SELECT event_id FROM effects WHERE consumer = $1 ORDER BY seq', [consumer])).rows.map((row) => row.event_id);
  const recordEffect = (consumer: string) => async (eventId: string, tx: PoolClient) => {
    await tx.query('INSERT INTO effects (consumer, event_id) VALUES ($1, $2)', [consumer, eventId.toLowerCase()]);
  };

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    await db.pool.query('CREATE TABLE effects (seq serial PRIMARY KEY, consumer text NOT NULL, event_id uuid NOT NULL)');
  });
  afterAll(() => db.drop());

  it('runs the effect of a batch once per new id, in order, and nothing for a redelivered batch', async () => {
    const consumer = `c-${randomUUID()}`;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await processOnce(db.pool, consumer, b, (tx) => recordEffect(consumer)(b, tx));

    const applied = await processBatchOnce(db.pool, consumer, [a, b, c, a], (id) => id, recordEffect(consumer));
    const again = await processBatchOnce(db.pool, consumer, [a, b, c], (id) => id, recordEffect(consumer));

    expect(applied).toEqual([a, c]);
    expect(again).toEqual([]);
    expect(await effects(consumer)).toEqual([b, a, c]);
  });

  it('keeps neither inbox rows nor effects of a batch whose effect throws', async () => {
    const consumer = `c-${randomUUID()}`;
    const [good, bad] = [randomUUID(), randomUUID()];
    const failing = async (id: string, tx: PoolClient) => {
      await recordEffect(consumer)(id, tx);
      if (id === bad) throw new Error('effect failed');
    };

    await expect(processBatchOnce(db.pool, consumer, [good, bad], (id) => id, failing)).rejects.toThrow('effect failed');

    expect(await effects(consumer)).toEqual([]);
    expect(await processBatchOnce(db.pool, consumer, [good], (id) => id, recordEffect(consumer))).toEqual([good]);
  });

  it('runs the after-effects once with the items applied, in their transaction, and never for a batch applied before', async () => {
    const consumer = `c-${randomUUID()}`;
    const [a, b] = [randomUUID(), randomUUID()];
    const seen: string[][] = [];
    const afterEffects = async (applied: string[], tx: PoolClient) => {
      seen.push(applied);
      await recordEffect(`${consumer}-after`)(applied[applied.length - 1], tx);
    };
    await processOnce(db.pool, consumer, a, (tx) => recordEffect(consumer)(a, tx));

    await processBatchOnce(db.pool, consumer, [a, b], (id) => id, recordEffect(consumer), { afterEffects });
    await processBatchOnce(db.pool, consumer, [a, b], (id) => id, recordEffect(consumer), { afterEffects });

    expect(seen).toEqual([[b]]);
    expect(await effects(`${consumer}-after`)).toEqual([b]);
  });

  it('runs the before-effects once with the new items, before their effects, and never for a batch applied before', async () => {
    const consumer = `c-${randomUUID()}`;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const order: string[] = [];
    const beforeEffects = async (toApply: string[]) => {
      order.push(`before ${toApply.join(' ')}`);
    };
    const effect = async (id: string, tx: PoolClient) => {
      order.push(`effect ${id}`);
      await recordEffect(consumer)(id, tx);
    };
    await processOnce(db.pool, consumer, a, (tx) => recordEffect(consumer)(a, tx));

    await processBatchOnce(db.pool, consumer, [a, b, c], (id) => id, effect, { beforeEffects });
    await processBatchOnce(db.pool, consumer, [a, b, c], (id) => id, effect, { beforeEffects });

    expect(order).toEqual([`before ${b} ${c}`, `effect ${b}`, `effect ${c}`]);
  });

  it('keeps nothing of a batch whose after-effects throw', async () => {
    const consumer = `c-${randomUUID()}`;
    const id = randomUUID();
    const failing = () => Promise.reject(new Error('after-effects failed'));

    await expect(processBatchOnce(db.pool, consumer, [id], (x) => x, recordEffect(consumer), { afterEffects: failing })).rejects.toThrow(
      'after-effects failed',
    );

    expect(await effects(consumer)).toEqual([]);
    expect(await processBatchOnce(db.pool, consumer, [id], (x) => x, recordEffect(consumer))).toEqual([id]);
  });

  it('runs transactions that name the same lock one after the other, the later one seeing what the first committed', async () => {
    const consumer = `c-${randomUUID()}`;
    const [a, b] = [randomUUID(), randomUUID()];
    const lock = () => [`unit:${consumer}`];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const first = processBatchOnce(
      db.pool,
      consumer,
      [a],
      (id) => id,
      async (id, tx) => {
        firstStarted();
        await firstHolds;
        await recordEffect(consumer)(id, tx);
      },
      { serializeOn: lock },
    );
    await started;
    let seenBySecond: string[] | undefined;
    const second = processBatchOnce(
      db.pool,
      consumer,
      [b],
      (id) => id,
      async (id, tx) => {
        seenBySecond = (await tx.query<{ event_id: string }>('SELECT event_id FROM effects WHERE consumer = $1', [consumer])).rows.map((row) => row.event_id);
        await recordEffect(consumer)(id, tx);
      },
      { serializeOn: lock },
    );

    // the second waits for the lock, in this spec's own database
    await eventually(async () =>
      expect(
        (
          await db.pool.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rowCount,
      ).toBe(1),
    );
    expect(seenBySecond).toBeUndefined();
    releaseFirst();
    await Promise.all([first, second]);
    expect(seenBySecond).toEqual([a]);
  });

  it('recognises an id whatever case it was sent in', async () => {
    const consumer = `c-${randomUUID()}`;
    const id = randomUUID();

    expect(await processBatchOnce(db.pool, consumer, [id.toUpperCase()], (x) => x, recordEffect(consumer))).toHaveLength(1);
    expect(await processOnce(db.pool, consumer, id, (tx) => recordEffect(consumer)(id, tx))).toBe(false);
    expect(await processBatchOnce(db.pool, consumer, [id], (x) => x, recordEffect(consumer))).toEqual([]);
    expect(await effects(consumer)).toEqual([id]);
  });
});
