import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { type FigureTable, FigureRows } from '../src/evaluation/consumers/figure-rows';

// A table with a column of every merge kind: the proposal-figures consumers' tables are made of these.
const TABLE: FigureTable = {
  name: 'figures_under_test',
  key: ['tenant_id', 'item_id'],
  conflict: 'merge',
  columns: {
    tenant_id: { type: 'text', merge: 'set' },
    item_id: { type: 'text', merge: 'set' },
    unit_id: { type: 'text', merge: 'set' },
    recorded_on: { type: 'date', merge: 'latest' },
    service_id: { type: 'text', merge: 'keep-known' },
    resolved: { type: 'boolean', merge: 'set' },
    event_ids: { type: 'text[]', merge: 'append' },
    breaches: { type: 'jsonb', merge: 'append' },
    follow_ups: { type: 'jsonb', merge: 'merge-items' },
  },
};

type Change = Record<string, unknown>;
const row = (item: string, columns: Change): Change => ({ tenant_id: 't1', item_id: item, unit_id: 'u1', recorded_on: '2026-03-02', ...columns });

const cases: [string, Change[]][] = [
  ['a row created and changed by later events', [row('a', { event_ids: ['e1'] }), row('a', { resolved: true, event_ids: ['e2'] })]],
  ['the later unit wins, the later date only when later', [row('a', { unit_id: 'u2', recorded_on: '2026-03-05' }), row('a', { unit_id: 'u3' })]],
  ['a null keeps a known service, a later one replaces it', [row('a', { service_id: 's1' }), row('a', { service_id: null }), row('b', { service_id: null })]],
  ['a later service replaces the earlier', [row('a', { service_id: 's1' }), row('a', { service_id: 's2' })]],
  [
    'arrays append in the order of the events',
    [row('a', { breaches: [{ kind: 'status' }], event_ids: ['e1'] }), row('a', { breaches: [{ kind: 'resolution' }], event_ids: [] })],
  ],
  [
    'items are patched field by field',
    [row('a', { follow_ups: { f1: { dueDate: '2026-04-01' } } }), row('a', { follow_ups: { f1: { done: true }, f2: { dueDate: '2026-05-01' } } })],
  ],
  ['rows of several keys and several sets of columns', [row('b', { resolved: false }), row('a', { event_ids: ['e1'] }), row('b', { event_ids: ['e3'] })]],
];

describe('FigureRows', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_eval_figure_rows');
    await db.pool.query(`
      CREATE TABLE figures_under_test (
        tenant_id text NOT NULL, item_id text NOT NULL, unit_id text NOT NULL, recorded_on date NOT NULL, service_id text,
        resolved boolean NOT NULL DEFAULT false, event_ids text[] NOT NULL DEFAULT '{}', breaches jsonb NOT NULL DEFAULT '[]',
        follow_ups jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (tenant_id, item_id))`);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  /** The table after `before` (one write per change), then `changes` written as `write` does it. */
  async function rowsAfter(before: Change[], changes: Change[], write: 'folded' | 'one by one'): Promise<unknown[]> {
    const tx = await db.pool.connect();
    try {
      await tx.query('BEGIN');
      for (const change of before) {
        const rows = new FigureRows(TABLE);
        rows.change(change);
        await rows.write(tx);
      }
      if (write === 'folded') {
        const rows = new FigureRows(TABLE);
        for (const change of changes) rows.change(change);
        await rows.write(tx);
      } else {
        for (const change of changes) {
          const rows = new FigureRows(TABLE);
          rows.change(change);
          await rows.write(tx);
        }
      }
      const { rows } = await tx.query(`SELECT *, recorded_on::text AS recorded_on FROM figures_under_test ORDER BY tenant_id, item_id`);
      return rows;
    } finally {
      await tx.query('ROLLBACK');
      tx.release();
    }
  }

  it.each(cases)('a batch folded leaves the rows one upsert per event leaves: %s', async (_name, changes) => {
    expect(await rowsAfter([], changes, 'folded')).toEqual(await rowsAfter([], changes, 'one by one'));
  });

  it.each(cases)('and so it does on rows written by earlier batches: %s', async (_name, changes) => {
    const earlier = [
      row('a', { service_id: 's0', recorded_on: '2026-03-03', event_ids: ['e0'], breaches: [{ kind: 'status' }], follow_ups: { f1: { planned: true } } }),
      row('b', { resolved: true }),
    ];
    expect(await rowsAfter(earlier, changes, 'folded')).toEqual(await rowsAfter(earlier, changes, 'one by one'));
  });

  it('writes a batch of one kind of change in one statement', async () => {
    const statements: string[] = [];
    const tx = await db.pool.connect();
    try {
      await tx.query('BEGIN');
      const query = tx.query.bind(tx);
      const rows = new FigureRows(TABLE);
      for (let k = 0; k < 100; k++) rows.change(row(`item-${k}`, { resolved: true, event_ids: [`e${k}`] }));
      await rows.write({
        query: (text: string, values: unknown[]) => {
          statements.push(text);
          return query(text, values);
        },
      } as never);
      const { rows: written } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM figures_under_test WHERE resolved`);
      expect({ statements: statements.length, written: written[0].n }).toEqual({ statements: 1, written: 100 });
    } finally {
      await tx.query('ROLLBACK');
      tx.release();
    }
  });
});
