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
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      const cleaner = new Pool({ connectionString: databaseUrl(server, 'postgres'), max: 1 });
      try {
        await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}
