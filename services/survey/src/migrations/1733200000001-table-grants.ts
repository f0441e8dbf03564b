import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role's privileges on this service's own tables, after LeastPrivilege took the blanket
 * grants away. The SKM and F-03 projections update their rows and are emptied by a rebuild (TRUNCATE); the completed
 * requests a consumer records are only inserted.
 */
export class SurveyTableGrants1733200000001 implements MigrationInterface {
  readonly name = 'SurveyTableGrants1733200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'skm_surveys_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'skm_unsur_totals_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'f03_collections_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'completed_requests_v1', ['SELECT', 'INSERT']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON skm_surveys_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON skm_unsur_totals_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON f03_collections_v1 FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON completed_requests_v1 FROM ${APPLICATION_ROLE}`);
  }
}
