#!/usr/bin/env node
// Creates one database per service on the server in DATABASE_SERVER_URL (default: the local
// PostgreSQL on 127.0.0.1:5432). Idempotent; schemas come from each service's migrations at boot.
const { Client } = require('pg');

const server = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databases = ['pantau_request', 'pantau_survey', 'pantau_evaluation'];

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
