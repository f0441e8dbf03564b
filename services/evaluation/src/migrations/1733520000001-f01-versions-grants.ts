import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role's privileges on the F-01 versions projection's tables: histories are upserted;
 * a unit's fingerprints are replaced (deleted, inserted) whenever it freezes a version; a rebuild empties all three.
 */
export class F01VersionsGrants1733520000001 implements MigrationInterface {
  readonly name = 'F01VersionsGrants1733520000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'f01_histories_v1', ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'f01_evidence_hashes_v1', ['SELECT', 'INSERT', 'DELETE', 'TRUNCATE']);
    await grantToApplicationRole(queryRunner, 'f01_answer_prints_v1', ['SELECT', 'INSERT', 'DELETE', 'TRUNCATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['f01_histories_v1', 'f01_evidence_hashes_v1', 'f01_answer_prints_v1']) {
      await queryRunner.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
    }
  }
}
