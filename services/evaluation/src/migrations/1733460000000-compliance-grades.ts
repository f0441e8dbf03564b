import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance ruleset each cycle pins (a cycle opened before carries none in its CycleOpened, and
 * reads as ombudsman-2025 v1, the columns' default), and the Ombudsman compliance grade of each unit
 * lokus of an open cycle: the grade as stored and shown, the events behind each dimension, and the
 * input it was computed from (a what-if grades the same input under another ruleset). Kept by the
 * same recompute as the proposals, upserted and never rebuilt, so no TRUNCATE.
 */
export class ComplianceGrades1733460000000 implements MigrationInterface {
  readonly name = 'ComplianceGrades1733460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cycles_v1
        ADD COLUMN compliance_ruleset_id text NOT NULL DEFAULT 'ombudsman-2025',
        ADD COLUMN compliance_ruleset_version int NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      CREATE TABLE compliance_grades_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        ruleset_id text NOT NULL,
        ruleset_version int NOT NULL,
        total numeric(5, 2) NOT NULL CHECK (total BETWEEN 0 AND 100),
        band_code text NOT NULL,
        zone text NOT NULL,
        label text NOT NULL,
        complete boolean NOT NULL,
        grade jsonb NOT NULL,
        source_event_ids jsonb NOT NULL,
        input jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id)
      )`);
    await grantToApplicationRole(queryRunner, 'compliance_grades_v1', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON compliance_grades_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`DROP TABLE compliance_grades_v1`);
    await queryRunner.query(`ALTER TABLE cycles_v1 DROP COLUMN compliance_ruleset_id, DROP COLUMN compliance_ruleset_version`);
  }
}
