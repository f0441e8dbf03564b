import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

export interface TestDatabase {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** The server the integration suites use; set by test/support/global-setup. */
export function testServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the suite through jest (test/support/global-setup sets it)');
  return url;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The application role of the services (APPLICATION_ROLE in @lib/platform) and its password in test runs. */
const APPLICATION_ROLE = 'pantau_app';
const TEST_APPLICATION_PASSWORD = 'pantau_app';

/**
 * Creates the services' application role on the test server unless it exists (`npm run db:setup`
 * creates it for local runs). Another run creating it at the same moment is fine.
 */
export async function ensureApplicationRole(serverUrl: string): Promise<void> {
  const admin = new Pool({ connectionString: databaseUrl(serverUrl, 'postgres'), max: 1 });
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APPLICATION_ROLE]);
    if (rowCount === 0) await admin.query(`CREATE ROLE ${APPLICATION_ROLE} LOGIN PASSWORD '${TEST_APPLICATION_PASSWORD}'`);
  } catch (error) {
    // 42710 duplicate_object, 23505 unique_violation: a concurrent run won the race.
    if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await admin.end();
  }
}

/** `url` with the application role as its user: the connection a service uses at run time. */
export function applicationDatabaseUrl(url: string): string {
  const application = new URL(url);
  application.username = APPLICATION_ROLE;
  application.password = TEST_APPLICATION_PASSWORD;
  return application.toString();
}

/**
 * A fresh database per spec file, migrated with the given migrations, so spec files run in parallel
 * without sharing rows. `drop()` closes the pool and removes the database.
 */
export async function createTestDatabase(migrations: DataSourceOptions['migrations'], prefix = 'pantau_test'): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Pool({ connectionString: databaseUrl(server, 'postgres'), max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(server, name);
  const migrator = new DataSource({ type: 'postgres', url, migrations, migrationsRun: false, synchronize: false, logging: false });
  await migrator.initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
  }
  const pool = new Pool({ connectionString: url, max: 20 });
  let dropping = false;
  // DROP … WITH (FORCE) terminates (57P01) a connection pg-pool is still closing; anything else is a failure
  pool.on('error', (error: Error & { code?: string }) => {
    if (!(dropping && error.code === '57P01')) throw error;
  });
  return {
    name,
    url,
    pool,
    async drop() {
      dropping = true;
      await pool.end();
      const cleaner = new Pool({ connectionString: databaseUrl(server, 'postgres'), max: 1 });
      try {
        await untilDisconnected(cleaner, name);
        await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}

/**
 * pg-pool's `end()` resolves once its clients are asked to end, before their connections are gone: a
 * forced DROP at that moment terminates (57P01) a client that still reports errors to a pool the spec
 * owns, often one without a listener, and the spec fails on an error of nobody's making. A connection
 * still open after a few seconds is one a spec forgot; the forced DROP ends it.
 */
async function untilDisconnected(cleaner: Pool, database: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await cleaner.query<{ open: number }>(`SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1`, [database]);
    if (rows[0].open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits until every transaction that was running on the server when called has ended. The event
 * log's readers see only rows of transactions older than the oldest one still running anywhere on
 * the server (transaction ids are server-wide), so another suite's open transaction, even in another
 * database, hides a moment ago's appends from them for as long as it runs. A test that appends and
 * then reads the log in one go waits here first.
 */
export async function untilLogReadable(pool: Pick<Pool, 'query'>, timeoutMs = 30_000): Promise<void> {
  const { rows } = await pool.query<{ next: string }>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows: ended } = await pool.query<{ ended: boolean }>(`SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS ended`, [rows[0].next]);
    if (ended[0].ended) return;
    if (Date.now() > deadline) throw new Error(`a transaction older than ${rows[0].next} is still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
