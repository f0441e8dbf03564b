import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Respondent proofs (issue 19): the one-time codes an F-03 collection issued, the proofs each collection
 * or survey has used, and the submissions of public forms for burst review. Codes, tracking codes and
 * client fingerprints appear here only as keyed hashes (HMAC with the service's secret); used proofs
 * carry no time, so a proof cannot be matched to the response it came with. Submissions are purged
 * after the configured retention.
 */
export class RespondentProofs1733000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE f03_proof_codes_v1 (
        stream_id text NOT NULL,
        code_hash text NOT NULL,
        issued_at timestamptz NOT NULL,
        issued_by text NOT NULL,
        PRIMARY KEY (stream_id, code_hash)
      )`);
    // The primary key makes a proof count once per collection or survey, even for concurrent posts.
    await queryRunner.query(`
      CREATE TABLE survey_used_proofs_v1 (
        scope text NOT NULL,
        proof_hash text NOT NULL,
        proof_kind text NOT NULL,
        PRIMARY KEY (scope, proof_hash)
      )`);
    await queryRunner.query(`
      CREATE TABLE survey_submissions_v1 (
        id bigserial PRIMARY KEY,
        scope text NOT NULL,
        submitted_at timestamptz NOT NULL,
        fingerprint text NOT NULL,
        resend_key text,
        verified boolean NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX survey_submissions_v1_scope ON survey_submissions_v1 (scope, submitted_at)`);
    await queryRunner.query(`CREATE INDEX survey_submissions_v1_resend ON survey_submissions_v1 (scope, resend_key) WHERE resend_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX survey_submissions_v1_age ON survey_submissions_v1 (submitted_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE survey_submissions_v1`);
    await queryRunner.query(`DROP TABLE survey_used_proofs_v1`);
    await queryRunner.query(`DROP TABLE f03_proof_codes_v1`);
  }
}
