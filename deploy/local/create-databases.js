#!/usr/bin/env node
// Creates one database per service on the server in DATABASE_SERVER_URL (default: the local
// PostgreSQL on 127.0.0.1:5432), and the application role the services run as. Idempotent; schemas
// and the role's grants come from each service's migrations, run as the schema owner by the migration
// step (`main.js --migrate-only`, `npm run db:migrate`) before the services start.
//
// Least privilege: the owner (DATABASE_MIGRATION_URL, here the postgres user) runs migrations; the
// services connect (DATABASE_URL) as pantau_app, which may append events but never change or remove
// one, and holds on each other table only what the service needs (LeastPrivilege migrations; each
// service refuses to start as a role with more).
// PANTAU_APP_DB_PASSWORD sets its password on servers that do not trust local connections; it is sent
// as a SCRAM-SHA-256 verifier, never in plain text.
const { createHash, createHmac, pbkdf2Sync, randomBytes } = require('node:crypto');
const { Client } = require('pg');

const server = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databases = ['pantau_request', 'pantau_survey', 'pantau_evaluation'];
const applicationRole = 'pantau_app';
const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802, RFC 7677; the format of
 * pg_authid.rolpassword), computed here so the password itself never reaches the server, where
 * `log_statement = ddl` or pg_stat_statements would keep it. Clients SASLprep a password before
 * hashing it; printable ASCII is left as it is, so only such passwords are accepted.
 */
function scramSha256Verifier(password, salt = randomBytes(16), iterations = SCRAM_ITERATIONS) {
  if (!/^[\x20-\x7e]+$/.test(password)) throw new Error("the application role's password must be printable ASCII");
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Creates `role` (LOGIN) unless it exists, and sets its password, as a verifier, when one is given. */
async function ensureRole(client, role, password) {
  const { rowCount: exists } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const withPassword = password ? ` PASSWORD ${client.escapeLiteral(scramSha256Verifier(password))}` : '';
  if (exists === 0) {
    await client.query(`CREATE ROLE ${client.escapeIdentifier(role)} LOGIN${withPassword}`);
    console.log(`created role ${role}`);
  } else if (password) {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role)}${withPassword}`);
  }
}

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
    await ensureRole(client, applicationRole, process.env.PANTAU_APP_DB_PASSWORD);
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

if (require.main === module) main();

module.exports = { ensureRole, scramSha256Verifier };
