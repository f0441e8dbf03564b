import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role's privileges on this service's own tables, after LeastPrivilege took the blanket
 * grants away. The projections (units and rulesets only insert; cycles, assessments and results upsert) are emptied by
 * a rebuild (TRUNCATE); the consumers' operational facts and time zones are upserted and never rebuilt;
 * evidence files are only inserted and read: none may be changed or removed once stored.
 */
export class EvaluationTableGrants1733200000001 implements MigrationInterface {
  readonly name = 'EvaluationTableGrants1733200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'units_v1', ['SELECT', 'INSERT', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'rulesets_v1', ['SELECT', 'INSERT', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'cycles_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'unit_assessments_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'unit_results_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'operational_facts_v1', ['SELECT', 'INSERT', 'UPDATE']);
    await grantToApplicationRole(queryRunner, 'tenant_time_zones_v1', ['SELECT', 'INSERT', 'UPDATE']);
    await grantToApplicationRole(queryRunner, 'evidence_files_v1', ['SELECT', 'INSERT']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON units_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON rulesets_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON cycles_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON unit_assessments_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON unit_results_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON operational_facts_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON tenant_time_zones_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON evidence_files_v1 FROM ${APPLICATION_ROLE}`);
  }
}
