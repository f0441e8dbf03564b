import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role's privileges on the respondent-proof tables: one-time codes are issued and
 * counted, a used proof is only ever claimed (never released), and submission fingerprints are purged
 * once their retention ends.
 */
export class RespondentProofGrants1733300000000 implements MigrationInterface {
  readonly name = 'RespondentProofGrants1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'f03_proof_codes_v1', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'survey_used_proofs_v1', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'survey_submissions_v1', ['SELECT', 'INSERT', 'DELETE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['f03_proof_codes_v1', 'survey_used_proofs_v1', 'survey_submissions_v1']) {
      await queryRunner.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
    }
  }
}
