import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database role a service connects as at run time (DATABASE_URL); created by the setup step. */
export const APPLICATION_ROLE = 'pantau_app';

/**
 * Least privilege for the running service: it reads and writes its read tables, appends events, and
 * can never change or remove one (UPDATE, DELETE and TRUNCATE on `events` are not granted; the
 * append-only trigger stays as a second line). Only the schema owner (DATABASE_MIGRATION_URL) runs
 * migrations. Runs last in every service's list; tables added by later migrations get the same grants
 * through the default privileges set here.
 */
export class ApplicationRole1732900000000 implements MigrationInterface {
  readonly name = 'ApplicationRole1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
          RAISE EXCEPTION 'role ${APPLICATION_ROLE} does not exist: run "npm run db:setup" (deploy/local/create-databases.js) or create it as the README says';
        END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON events FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON migrations FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APPLICATION_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${APPLICATION_ROLE}`);
  }
}
