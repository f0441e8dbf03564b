#!/usr/bin/env node
// Creates one database per service on the server in DATABASE_SERVER_URL (default: the local
// PostgreSQL on 127.0.0.1:5432), and the application role the services run as. Idempotent; schemas
// and the role's grants come from each service's migrations, run at boot as the schema owner.
//
// Least privilege: the owner (DATABASE_MIGRATION_URL, here the postgres user) runs migrations; the
// services connect (DATABASE_URL) as pantau_app, which may read and write the read tables and append
// events but never UPDATE, DELETE or TRUNCATE them (ApplicationRole migration in libs/platform).
// PANTAU_APP_DB_PASSWORD sets its password on servers that do not trust local connections.
const { Client } = require('pg');

const server = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databases = ['pantau_request', 'pantau_survey', 'pantau_evaluation'];
const applicationRole = 'pantau_app';

async function main() {
  const client = new Client({ connectionString: server, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    console.error(
      `PostgreSQL at ${server.replace(/:[^:@/]*@/, ':***@')} is unreachable (${error.code ?? error.message}).\n` +
        'Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_SERVER_URL.',
    );
    process.exit(1);
  }
  try {
    const { rowCount: roleExists } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [applicationRole]);
    const password = process.env.PANTAU_APP_DB_PASSWORD;
    const withPassword = password ? ` PASSWORD ${client.escapeLiteral(password)}` : '';
    if (roleExists === 0) {
      await client.query(`CREATE ROLE ${applicationRole} LOGIN${withPassword}`);
      console.log(`created role ${applicationRole}`);
    } else if (password) {
      await client.query(`ALTER ROLE ${applicationRole} PASSWORD ${client.escapeLiteral(password)}`);
    }
    for (const name of databases) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount === 0) {
        await client.query(`CREATE DATABASE ${name}`);
        console.log(`created database ${name}`);
      }
    }
  } finally {
    await client.end();
  }
}

main();
