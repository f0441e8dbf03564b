import { assertTransactionIdsAhead } from '@lib/event-sourcing';
import type { Logger } from 'pino';
import { Pool } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * Fails at boot with a message a newcomer can act on, instead of a stack trace from deep in pg.
 */
export async function assertDatabaseReachable(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === '3D000') {
      throw new DatabaseUnavailableError(`database in ${redact(url)} does not exist: run "npm run db:setup" (or set DATABASE_URL). ${message}`);
    }
    throw new DatabaseUnavailableError(
      `PostgreSQL at ${redact(url)} is unreachable (${code ?? message}). Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or fix DATABASE_URL.`,
    );
  } finally {
    await pool.end();
  }
}

/**
 * Refuses a database restored from a logical dump or moved by logical replication, whose event log
 * holds transaction ids the server has not reached yet (see assertTransactionIdsAhead).
 */
export async function assertEventLogReadable(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await assertTransactionIdsAhead(pool);
  } finally {
    await pool.end();
  }
}

/** Runs pending TypeORM migrations, each in its own transaction. Schema never comes from `synchronize`. */
export async function runMigrations(url: string, migrations: (new () => MigrationInterface)[]): Promise<string[]> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations, migrationsTableName: 'migrations', synchronize: false, logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The service's pool. An idle connection the server closes (a restart, a failover, an administrator)
 * emits 'error' on the pool; without a listener that would end the process, so it is logged and the
 * pool opens a new connection when one is next needed.
 */
export function createPool(url: string, logger: Pick<Logger, 'warn'>, max = 20): Pool {
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  pool.on('error', (error: Error & { code?: string }) => logger.warn({ code: error.code, message: error.message }, 'idle PostgreSQL connection lost'));
  return pool;
}
