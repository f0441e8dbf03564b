import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reporter row names its complaint, so retention can purge it once the complaint has been closed
 * long enough. Rows written before are linked through the ComplaintReceived event that carries their
 * reporterRef; a row no event names (its command failed mid-way) has no complaint and is purged first.
 */
export class ReporterComplaintLink1733500000001 implements MigrationInterface {
  readonly name = 'ReporterComplaintLink1733500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaint_reporters ADD COLUMN complaint_id uuid`);
    await queryRunner.query(`
      UPDATE complaint_reporters r SET complaint_id = (e.payload->>'complaintId')::uuid
      FROM events e WHERE e.event_type = 'ComplaintReceived' AND e.payload->>'reporterRef' = r.reporter_ref::text`);
    await queryRunner.query(`CREATE INDEX complaint_reporters_complaint ON complaint_reporters (complaint_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaint_reporters DROP COLUMN complaint_id`);
  }
}
