import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role's privileges on the evidence upload tables: a file's binding to a unit and
 * cycle is only inserted (a trigger refuses the rest), and an upload's staged slices are deleted once
 * PostgreSQL has joined them into the file.
 */
export class EvidenceUploadGrants1733300000000 implements MigrationInterface {
  readonly name = 'EvidenceUploadGrants1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'evidence_file_uploads_v1', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'evidence_upload_chunks_v1', ['SELECT', 'INSERT', 'DELETE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['evidence_file_uploads_v1', 'evidence_upload_chunks_v1']) {
      await queryRunner.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
    }
  }
}
