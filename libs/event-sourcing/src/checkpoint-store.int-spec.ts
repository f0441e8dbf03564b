import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { inCheckpointTransaction, inTransaction } from './checkpoint-store';
import { eventStoreMigrations } from './migrations';

describe('transactions on a pooled client', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    // The pool's own listener for idle clients; the terminated client below must never reach it idle.
    db.pool.on('error', () => undefined);
  });
  afterAll(() => db.drop());

  const terminate = async (pid: number) => {
    await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the FATAL reaches the idle, checked-out client
  };

  it.each([
    {
      kind: 'a plain transaction',
      run: () =>
        inTransaction(db.pool, async (tx) => {
          await terminate((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
          await tx.query('SELECT 1');
        }),
    },
    {
      kind: 'a checkpoint transaction',
      run: () =>
        inCheckpointTransaction(db.pool, ['reader:terminated'], async (tx) => {
          await terminate((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
          return { result: 0 };
        }),
    },
  ])('fails $kind whose connection the server ends, instead of the process, and keeps the dead client out of the pool', async ({ run }) => {
    await expect(run()).rejects.toThrow();
    const { rows } = await db.pool.query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
    await expect(inCheckpointTransaction(db.pool, ['reader:after'], async () => ({ result: 'committed' }))).resolves.toBe('committed');
  });

  it('keeps nothing of a batch whose checkpoint row vanished before the save, instead of committing it without its checkpoint', async () => {
    await db.pool.query('CREATE TABLE batch_effects (n int)');
    const batch = inCheckpointTransaction(db.pool, ['reader:kept', 'reader:vanishing'], async (tx) => {
      await tx.query('INSERT INTO batch_effects VALUES (1)');
      await tx.query(`DELETE FROM checkpoints WHERE name = 'reader:vanishing'`);
      return { result: 'saved', save: { names: ['reader:kept', 'reader:vanishing'], checkpoint: { transactionId: '7', globalPosition: '7' } } };
    });
    await expect(batch).rejects.toThrow(/checkpoint rows \{reader:vanishing\} vanished/);
    expect((await db.pool.query('SELECT * FROM batch_effects')).rows).toEqual([]);
    expect((await db.pool.query(`SELECT name FROM checkpoints WHERE name IN ('reader:kept', 'reader:vanishing')`)).rows).toEqual([]);
  });
});
