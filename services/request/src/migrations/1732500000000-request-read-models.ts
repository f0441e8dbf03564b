import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read tables of the request service: standards in force, requests and complaints with their
 * deadlines (fed by projections), and the reporters' identities, which never enter an event so they
 * can be erased on request.
 */
export class RequestReadModels1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_standards_v1 (
        service_id text PRIMARY KEY,
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        name text NOT NULL,
        revision int NOT NULL,
        effective_at timestamptz NOT NULL,
        completion_working_days int NOT NULL,
        cost_rupiah bigint NOT NULL,
        requirements jsonb NOT NULL,
        product text NOT NULL,
        complete boolean NOT NULL,
        missing_components int[] NOT NULL,
        unpublished_components int[] NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX service_standards_v1_unit ON service_standards_v1 (tenant_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE requests_v1 (
        request_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        service_id text NOT NULL,
        tracking_code text NOT NULL,
        status text NOT NULL,
        period text NOT NULL,
        submitted_at timestamptz NOT NULL,
        due_date date NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        sla_breached boolean NOT NULL DEFAULT false,
        met_standard boolean,
        elapsed_working_days int,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX requests_v1_unit_period ON requests_v1 (tenant_id, unit_id, period)`);
    await queryRunner.query(`CREATE INDEX requests_v1_tracking_code ON requests_v1 (tracking_code)`);
    await queryRunner.query(`CREATE INDEX requests_v1_open_due ON requests_v1 (due_date) WHERE status IN ('submitted', 'in-process') AND NOT sla_breached`);
    await queryRunner.query(`
      CREATE TABLE complaints_v1 (
        complaint_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        channel text NOT NULL,
        category text NOT NULL,
        status text NOT NULL,
        period text NOT NULL,
        received_at timestamptz NOT NULL,
        status_due_date date NOT NULL,
        resolution_due_date date,
        deadline_breaches int NOT NULL DEFAULT 0,
        status_deadline_breached boolean NOT NULL DEFAULT false,
        breached_resolution_due_date date,
        resolved_within_deadline boolean,
        via_lapor boolean NOT NULL,
        resolved_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX complaints_v1_unit_period ON complaints_v1 (tenant_id, unit_id, period)`);
    await queryRunner.query(`
      CREATE TABLE complaint_reporters (
        reporter_ref uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        email text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE complaint_reporters, complaints_v1, requests_v1, service_standards_v1`);
  }
}
