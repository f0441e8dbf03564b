import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
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

  it('recognises an id whatever case it was sent in', async () => {
    const consumer = `c-${randomUUID()}`;
    const id = randomUUID();

    expect(await processBatchOnce(db.pool, consumer, [id.toUpperCase()], (x) => x, recordEffect(consumer))).toHaveLength(1);
    expect(await processOnce(db.pool, consumer, id, (tx) => recordEffect(consumer)(id, tx))).toBe(false);
    expect(await processBatchOnce(db.pool, consumer, [id], (x) => x, recordEffect(consumer))).toEqual([]);
    expect(await effects(consumer)).toEqual([id]);
  });
});
