import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operational facts per unit and year, counted from the request service's events: they feed the
 * PEKPPP indicators on service delivery and complaint handling.
 */
export class OperationalFacts1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE operational_facts_v1 (
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        year int NOT NULL,
        requests_submitted int NOT NULL DEFAULT 0,
        requests_completed int NOT NULL DEFAULT 0,
        requests_completed_on_time int NOT NULL DEFAULT 0,
        requests_rejected int NOT NULL DEFAULT 0,
        sla_breaches int NOT NULL DEFAULT 0,
        complaints_received int NOT NULL DEFAULT 0,
        complaints_resolved int NOT NULL DEFAULT 0,
        complaints_resolved_in_time int NOT NULL DEFAULT 0,
        complaints_resolved_via_lapor int NOT NULL DEFAULT 0,
        complaint_deadline_breaches int NOT NULL DEFAULT 0,
        last_event_id uuid,
        last_event_at timestamptz,
        PRIMARY KEY (tenant_id, unit_id, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE operational_facts_v1`);
  }
}
