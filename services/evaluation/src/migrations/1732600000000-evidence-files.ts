import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files (bukti dukung), content-addressed per tenant: the F-01 evidence event names the
 * sha256, and the bytes stored under it can never change (rows are insert-only, like the events), so
 * an auditor who downloads a file years later gets exactly what the unit submitted.
 */
export class EvidenceFiles1732600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_files_v1 (
        tenant_id text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        media_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        content bytea NOT NULL,
        first_name text NOT NULL,
        first_unit_id text NOT NULL,
        first_cycle_id text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, sha256)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION evidence_files_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence files are insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER evidence_files_insert_only BEFORE UPDATE OR DELETE ON evidence_files_v1
      FOR EACH ROW EXECUTE FUNCTION evidence_files_insert_only()`);
    await queryRunner.query(`
      CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON evidence_files_v1
      FOR EACH STATEMENT EXECUTE FUNCTION evidence_files_insert_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evidence_files_v1`);
    await queryRunner.query(`DROP FUNCTION evidence_files_insert_only()`);
  }
}
