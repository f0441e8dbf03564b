import { Pool } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './migrations/1732900000000-application-role';

/** A table privilege PostgreSQL can grant; the boot check (assertLeastPrivilege) looks at all of them. */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'REFERENCES' | 'TRIGGER';
export const TABLE_PRIVILEGES: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

/** What the application role may do on each table of a service's database; a table left out gets nothing. */
export type TablePrivileges = Readonly<Record<string, readonly TablePrivilege[]>>;

/**
 * The event store's tables (libs/event-sourcing), as the code uses them: events and idempotency keys are
 * only appended; the inbox is only added to (a deleted row would be processed again); checkpoints move
 * (a reset moves one back, never deletes it); a rebuild forgets a projection's quarantined events; the
 * migrations table is read to check, at boot, that the schema is current.
 */
export const EVENT_STORE_TABLE_PRIVILEGES: TablePrivileges = {
  events: ['SELECT', 'INSERT'],
  idempotency_keys: ['SELECT', 'INSERT'],
  inbox: ['SELECT', 'INSERT'],
  checkpoints: ['SELECT', 'INSERT', 'UPDATE'],
  quarantined_events: ['SELECT', 'INSERT', 'DELETE'],
  migrations: ['SELECT'],
};

/**
 * Gives the application role exactly `privileges` on `table`, and the use of the table's own sequences
 * when it may insert. Tables get nothing by default: every migration that creates a table calls this,
 * and each service's privileges int-spec holds the decision for every table.
 */
export async function grantToApplicationRole(queryRunner: Pick<QueryRunner, 'query'>, table: string, privileges: readonly TablePrivilege[]): Promise<void> {
  await queryRunner.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
  if (privileges.length > 0) await queryRunner.query(`GRANT ${privileges.join(', ')} ON ${table} TO ${APPLICATION_ROLE}`);
  if (!privileges.includes('INSERT')) return;
  const sequences: { name: string }[] = await queryRunner.query(
    `SELECT s.relname AS name FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
     WHERE d.refobjid = $1::regclass AND d.deptype IN ('a', 'i')`,
    [table],
  );
  for (const { name } of sequences) await queryRunner.query(`GRANT USAGE ON SEQUENCE ${name} TO ${APPLICATION_ROLE}`);
}

export class LeastPrivilegeError extends Error {
  override readonly name = 'LeastPrivilegeError';
}

export class SchemaBehindError extends Error {
  override readonly name = 'SchemaBehindError';
}

/** The privileges the connected role holds (directly, through PUBLIC or a role it is in) on each table of the public schema. */
export async function tablePrivilegesOfCurrentRole(db: Pick<Pool, 'query'>): Promise<Record<string, TablePrivilege[]>> {
  const { rows } = await db.query<{ table: string; privileges: TablePrivilege[] }>(
    `SELECT c.relname AS table,
            ARRAY(SELECT p FROM unnest($1::text[]) AS p WHERE has_table_privilege(c.oid, p)) AS privileges
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     ORDER BY c.relname`,
    [TABLE_PRIVILEGES],
  );
  return Object.fromEntries(rows.map((row) => [row.table, row.privileges]));
}

/**
 * Refuses to serve as a role that could rewrite what the service must only append or keep: a superuser,
 * a role that may create roles, owns (or may become the owner of) any object in the schema, may create
 * objects in it or the database, or holds a privilege beyond `allowed` on one of the service's tables.
 * Tables the service does not know (a newer version's, during a rolling deploy) are left to that version.
 */
export async function assertLeastPrivilege(url: string, allowed: TablePrivileges): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ role: string; superuser: boolean; createrole: boolean; schema_create: boolean; database_create: boolean }>(
      `SELECT current_user AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
              has_schema_privilege('public', 'CREATE') AS schema_create,
              has_database_privilege(current_database(), 'CREATE') AS database_create
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const role = rows[0];
    const problems: string[] = [];
    if (role.superuser) problems.push('is a superuser');
    if (role.createrole) problems.push('may create roles (CREATEROLE)');
    const owned = await pool.query<{ kind: string; name: string }>(
      `SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' ELSE 'table' END AS kind, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pg_has_role(current_user, c.relowner, 'MEMBER')
       UNION ALL
       SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND pg_has_role(current_user, p.proowner, 'MEMBER')
       UNION ALL
       SELECT 'schema', n.nspname FROM pg_namespace n WHERE n.nspname = 'public' AND pg_has_role(current_user, n.nspowner, 'MEMBER')
       ORDER BY 1, 2`,
    );
    if (!role.superuser) {
      problems.push(...owned.rows.map(({ kind, name }) => `owns ${kind} ${name}`));
      if (role.schema_create) problems.push('has CREATE on schema public');
      if (role.database_create) problems.push('has CREATE on the database');
      const held = await tablePrivilegesOfCurrentRole(pool);
      for (const [table, privileges] of Object.entries(held)) {
        const allowedHere = allowed[table];
        if (!allowedHere) continue;
        const excess = privileges.filter((privilege) => !allowedHere.includes(privilege));
        if (excess.length > 0) {
          problems.push(`${excess.map((privilege) => `may ${privilege} ${table}`).join(', ')} (it needs only ${allowedHere.join(', ') || 'nothing'})`);
        }
      }
    }
    if (problems.length > 0) {
      throw new LeastPrivilegeError(
        `refusing to serve as role ${role.role}: it ${problems.join('; it ')}. DATABASE_URL must name the application role (${APPLICATION_ROLE}), ` +
          'whose grants the migrations set; migrations run as the schema owner in a separate step (DATABASE_MIGRATION_URL, README "Security")',
      );
    }
  } finally {
    await pool.end();
  }
}

/**
 * Without the schema owner's connection the service does not migrate: it checks that every migration
 * it knows has run (a newer version's may have run too) and refuses to start on a schema behind it.
 */
export async function assertSchemaCurrent(url: string, migrations: (new () => MigrationInterface)[]): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const applied = await pool.query<{ name: string }>(`SELECT name FROM migrations`).then(
      ({ rows }) => new Set(rows.map((row) => row.name)),
      (error: { code?: string }) => {
        // 42P01: no migrations table yet; 42501: a schema from before the application role could read it.
        if (error.code === '42P01' || error.code === '42501') return new Set<string>();
        throw error;
      },
    );
    const missing = migrations.map((migration) => new migration().name ?? migration.name).filter((name) => !applied.has(name));
    if (missing.length > 0) {
      throw new SchemaBehindError(
        `the schema is behind this version (missing migrations: ${missing.join(', ')}): run the migration step first ` +
          '(`node dist/services/<name>/main.js --migrate-only` or `npm run db:migrate` with DATABASE_MIGRATION_URL set to the schema owner), ' +
          'or give the service DATABASE_MIGRATION_URL to migrate at boot',
      );
    }
  } finally {
    await pool.end();
  }
}
