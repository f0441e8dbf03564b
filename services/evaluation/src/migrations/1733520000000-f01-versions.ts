import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The F-01 history of each unit of a cycle (every version frozen at a submission or resubmission, the
 * versions returned and verified, the version each evaluator's mark was given on), and the fingerprints
 * of its latest version by which the evaluator is told of identical evidence in another unit of the
 * same tenant's cycle: each evidence file's sha256, and each indicator's answer and evidence set.
 * Both lookups go through an index on (tenant, cycle, hash), so they do not scan the cycle's units.
 */
export class F01Versions1733520000000 implements MigrationInterface {
  readonly name = 'F01Versions1733520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE f01_histories_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        history jsonb NOT NULL,
        latest_version int NOT NULL,
        stream_version int NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE f01_evidence_hashes_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        indicator_code text NOT NULL,
        sha256 text NOT NULL,
        file_name text NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id, indicator_code, sha256)
      )`);
    await queryRunner.query(`CREATE INDEX f01_evidence_hashes_v1_by_hash ON f01_evidence_hashes_v1 (tenant_id, cycle_id, sha256)`);
    await queryRunner.query(`
      CREATE TABLE f01_answer_prints_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        indicator_code text NOT NULL,
        fingerprint text NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id, indicator_code)
      )`);
    await queryRunner.query(`CREATE INDEX f01_answer_prints_v1_by_print ON f01_answer_prints_v1 (tenant_id, cycle_id, indicator_code, fingerprint)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE f01_answer_prints_v1`);
    await queryRunner.query(`DROP TABLE f01_evidence_hashes_v1`);
    await queryRunner.query(`DROP TABLE f01_histories_v1`);
  }
}
