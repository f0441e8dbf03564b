import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant's offset from UTC (WIB, WITA or WIT), learnt from the request service's calendar
 * settings events: F-01 deadlines and cycle windows are local dates, and so is the year a request
 * fact counts in. A tenant without a row is in WIB, the request service's default.
 */
export class TenantTimeZones1732700000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant_time_zones_v1 (
        tenant_id text PRIMARY KEY,
        utc_offset_minutes int NOT NULL CHECK (utc_offset_minutes IN (420, 480, 540)),
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tenant_time_zones_v1`);
  }
}
