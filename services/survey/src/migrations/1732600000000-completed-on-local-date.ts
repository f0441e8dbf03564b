import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Completed requests get the local date the request service dated them with on the tenant's calendar,
 * so SKM periods count a WITA or WIT tenant's completions on the right day. Rows from before the event
 * carried that date were placed in WIB, as the service did then.
 */
export class CompletedOnLocalDate1732600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE completed_requests_v1 ADD COLUMN completed_on date`);
    await queryRunner.query(`UPDATE completed_requests_v1 SET completed_on = (completed_at AT TIME ZONE 'Asia/Jakarta')::date`);
    await queryRunner.query(`ALTER TABLE completed_requests_v1 ALTER COLUMN completed_on SET NOT NULL`);
    await queryRunner.query(`DROP INDEX completed_requests_v1_unit`);
    await queryRunner.query(`CREATE INDEX completed_requests_v1_unit ON completed_requests_v1 (tenant_id, unit_id, completed_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX completed_requests_v1_unit`);
    await queryRunner.query(`CREATE INDEX completed_requests_v1_unit ON completed_requests_v1 (tenant_id, unit_id, completed_at)`);
    await queryRunner.query(`ALTER TABLE completed_requests_v1 DROP COLUMN completed_on`);
  }
}
