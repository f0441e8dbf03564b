import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplicationRole } from '../database-privileges';
import { APPLICATION_ROLE } from './1732900000000-application-role';

/**
 * Replaces ApplicationRole's blanket grants (full DML on every table, and on every future table through
 * default privileges) with each table's own: here the event store's, then each service's migration of
 * the same time its read tables' (see EVENT_STORE_TABLE_PRIVILEGES for why each). Nobody but the owner may create objects in the schema (PUBLIC could,
 * before PostgreSQL 15).
 */
export class LeastPrivilege1733200000000 implements MigrationInterface {
  readonly name = 'LeastPrivilege1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await grantToApplicationRole(queryRunner, 'events', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'idempotency_keys', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'inbox', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'checkpoints', ['SELECT', 'INSERT', 'UPDATE']);
    await grantToApplicationRole(queryRunner, 'quarantined_events', ['SELECT', 'INSERT', 'DELETE']);
    await grantToApplicationRole(queryRunner, 'migrations', ['SELECT']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON events FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON migrations FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${APPLICATION_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APPLICATION_ROLE}`);
  }
}
