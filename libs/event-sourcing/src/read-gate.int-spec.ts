import { applicationDatabaseUrl, createTestDatabase, eventually, type TestDatabase } from '@lib/testing';
import { Pool } from 'pg';
import { eventStoreMigrations } from './migrations';
import { ReadGateWatch } from './read-gate';

/** An open transaction that holds a transaction id, as a long migration or a forgotten psql session does. */
async function openTransaction(pool: Pool, applicationName: string): Promise<{ pid: number; end(): Promise<void> }> {
  const client = await pool.connect();
  await client.query(`SET application_name = ${client.escapeLiteral(applicationName)}`);
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_current_xact_id()');
  return {
    pid: rows[0].pid,
    async end() {
      await client.query('COMMIT');
      client.release();
    },
  };
}

// Other suites share the server, and the watch looks at the whole server: each test first waits until
// its own transaction is the oldest one.
describe('ReadGateWatch on PostgreSQL', () => {
  let db: TestDatabase;
  let application: Pool;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    application = new Pool({ connectionString: applicationDatabaseUrl(db.url), max: 3 });
  });
  afterAll(async () => {
    await application.end();
    await db.drop();
  });

  it('names the oldest open transaction holding a transaction id, and how long it has been open', async () => {
    const watch = new ReadGateWatch(application);
    const held = await openTransaction(application, 'read-gate-spec');
    try {
      const holder = await eventually(
        async () => {
          const oldest = await watch.oldestHolder();
          expect(oldest?.pid).toBe(held.pid);
          expect(oldest?.seconds).toBeGreaterThanOrEqual(1);
          return oldest;
        },
        { timeoutMs: 30_000 },
      );
      expect(holder).toMatchObject({ database: db.name, applicationName: 'read-gate-spec' });
    } finally {
      await held.end();
    }
    await eventually(async () => expect((await watch.oldestHolder())?.pid).not.toBe(held.pid));
  });

  it("counts a transaction whose start the role may not see (another role's) from when it first saw it", async () => {
    let now = 0;
    const watch = new ReadGateWatch(application, () => now);
    const held = await openTransaction(db.pool, 'read-gate-spec-owner');
    try {
      await eventually(async () => expect((await watch.oldestHolder())?.pid).toBe(held.pid), { timeoutMs: 30_000 });
      now += 42_000;
      expect(await watch.oldestHolder()).toMatchObject({ pid: held.pid, database: db.name, seconds: 42 });
    } finally {
      await held.end();
    }
  });
});
