import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role's privileges on this service's own tables, after LeastPrivilege took the blanket
 * grants away. Projections (requests, complaints, service standards, calendars) upsert their rows and are emptied by a
 * rebuild (TRUNCATE); the national calendar's rows are only inserted. A complaint's reporter is written
 * beside its event and deleted again when the complaint is not recorded (the WHERE of that DELETE reads it).
 */
export class RequestTableGrants1733200000001 implements MigrationInterface {
  readonly name = 'RequestTableGrants1733200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'service_standards_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'requests_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'complaints_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'calendar_national_years_v1', ['SELECT', 'INSERT', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'tenant_calendars_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'complaint_reporters', ['SELECT', 'INSERT', 'DELETE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON service_standards_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON requests_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON complaints_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON calendar_national_years_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON tenant_calendars_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON complaint_reporters FROM ${APPLICATION_ROLE}`);
  }
}
