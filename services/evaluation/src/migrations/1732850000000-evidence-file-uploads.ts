import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may use an evidence file: the bytes stay content-addressed per tenant (evidence_files_v1), and
 * each upload binds them to the unit and cycle it was made for, so one unit can neither download nor
 * attach another's file by its hash. Insert-only, like the files: a binding is a fact about an upload.
 * Files stored before this migration are bound to the unit and cycle that first uploaded them.
 */
export class EvidenceFileUploads1732850000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_file_uploads_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        sha256 text NOT NULL,
        -- the name this unit uploaded the file under: the stem of its download name
        name text NOT NULL,
        -- the file's size, kept here so a unit's quota is one indexed sum
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id, sha256),
        FOREIGN KEY (tenant_id, sha256) REFERENCES evidence_files_v1 (tenant_id, sha256)
      )`);
    await queryRunner.query(`
      INSERT INTO evidence_file_uploads_v1 (tenant_id, cycle_id, unit_id, sha256, name, size_bytes, uploaded_by, uploaded_at)
      SELECT tenant_id, first_cycle_id, first_unit_id, sha256, first_name, size_bytes, uploaded_by, uploaded_at FROM evidence_files_v1`);
    await queryRunner.query(`
      CREATE TRIGGER evidence_file_uploads_insert_only BEFORE UPDATE OR DELETE ON evidence_file_uploads_v1
      FOR EACH ROW EXECUTE FUNCTION evidence_files_insert_only()`);
    await queryRunner.query(`
      CREATE TRIGGER evidence_file_uploads_no_truncate BEFORE TRUNCATE ON evidence_file_uploads_v1
      FOR EACH STATEMENT EXECUTE FUNCTION evidence_files_insert_only()`);
    // An upload's bytes travel to PostgreSQL in slices, staged here and joined into its evidence_files_v1
    // row by the same transaction, which also removes them: no other session ever sees a row.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE evidence_upload_chunks_v1 (
        upload_id uuid NOT NULL,
        seq int NOT NULL,
        chunk bytea NOT NULL,
        PRIMARY KEY (upload_id, seq)
      )`);
    // Downloads read the bytes in slices; an uncompressed out-of-line value is sliced without
    // decompressing everything before the slice (PDFs, JPEGs and OOXML are compressed already).
    // Applies to rows stored from now on.
    await queryRunner.query(`ALTER TABLE evidence_files_v1 ALTER COLUMN content SET STORAGE EXTERNAL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE evidence_files_v1 ALTER COLUMN content SET STORAGE EXTENDED`);
    await queryRunner.query(`DROP TABLE evidence_upload_chunks_v1`);
    await queryRunner.query(`DROP TABLE evidence_file_uploads_v1`);
  }
}
