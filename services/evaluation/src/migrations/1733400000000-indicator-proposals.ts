import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURE_TABLES = ['proposal_standards_v1', 'proposal_requests_v1', 'proposal_complaints_v1', 'proposal_skm_periods_v1'] as const;

/**
 * What the proposal rules read, learnt from the request and survey topics by the proposal-figures
 * consumers (one row per standard revision, request, complaint and SKM period, each with the ids of
 * the events behind it; dates are the tenant's local dates), and the proposals computed from them per
 * unit lokus of an open cycle. `recorded_on` is the local date of the latest event applied to a row:
 * a unit's figures stand as of the latest of them, never the wall clock, so a replay gives the same.
 * Rows are keyed by tenant first: unit, service and cycle ids are only unique within a tenant. The
 * consumers upsert and are never rebuilt (the inbox remembers what they applied), so no TRUNCATE.
 */
export class IndicatorProposals1733400000000 implements MigrationInterface {
  readonly name = 'IndicatorProposals1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE proposal_standards_v1 (
        tenant_id text NOT NULL,
        service_id text NOT NULL,
        revision int NOT NULL,
        unit_id text NOT NULL,
        name text NOT NULL,
        effective_on date NOT NULL,
        components jsonb NOT NULL,
        event_id text NOT NULL,
        recorded_on date NOT NULL,
        PRIMARY KEY (tenant_id, service_id, revision)
      )`);
    await queryRunner.query(`CREATE INDEX proposal_standards_v1_unit ON proposal_standards_v1 (tenant_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE proposal_requests_v1 (
        tenant_id text NOT NULL,
        request_id text NOT NULL,
        unit_id text NOT NULL,
        service_id text,
        completed_on date,
        met_standard boolean,
        completed_event_id text,
        breach_due_date date,
        breach_detected_on date,
        breach_event_id text,
        recorded_on date NOT NULL,
        PRIMARY KEY (tenant_id, request_id)
      )`);
    await queryRunner.query(`CREATE INDEX proposal_requests_v1_unit ON proposal_requests_v1 (tenant_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE proposal_complaints_v1 (
        tenant_id text NOT NULL,
        complaint_id text NOT NULL,
        unit_id text NOT NULL,
        channel text,
        received_on date,
        answered boolean NOT NULL DEFAULT false,
        resolved boolean NOT NULL DEFAULT false,
        resolved_within_deadline boolean NOT NULL DEFAULT false,
        breaches jsonb NOT NULL DEFAULT '[]',
        event_ids text[] NOT NULL DEFAULT '{}',
        recorded_on date NOT NULL,
        PRIMARY KEY (tenant_id, complaint_id)
      )`);
    await queryRunner.query(`CREATE INDEX proposal_complaints_v1_unit ON proposal_complaints_v1 (tenant_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE proposal_skm_periods_v1 (
        tenant_id text NOT NULL,
        survey_id text NOT NULL,
        unit_id text NOT NULL,
        period_start date,
        period_end date,
        ruleset text,
        opened_event_id text,
        closed_on date,
        closed_event_id text,
        responses int NOT NULL DEFAULT 0,
        ikm_converted double precision,
        population int,
        population_source text,
        publications jsonb NOT NULL DEFAULT '[]',
        follow_ups jsonb NOT NULL DEFAULT '{}',
        recorded_on date NOT NULL,
        PRIMARY KEY (tenant_id, survey_id)
      )`);
    await queryRunner.query(`CREATE INDEX proposal_skm_periods_v1_unit ON proposal_skm_periods_v1 (tenant_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE indicator_proposals_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        indicator_code text NOT NULL,
        level int NOT NULL CHECK (level BETWEEN 0 AND 5),
        rule_id text NOT NULL,
        rule_source text NOT NULL,
        rule_source_reason text NOT NULL,
        provisional boolean NOT NULL,
        provisional_source text NOT NULL,
        figures jsonb NOT NULL,
        explanation text NOT NULL,
        source_event_ids text[] NOT NULL,
        proposal_rules text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id, indicator_code)
      )`);
    for (const table of [...FIGURE_TABLES, 'indicator_proposals_v1']) await grantToApplicationRole(queryRunner, table, ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...FIGURE_TABLES, 'indicator_proposals_v1']) await queryRunner.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`DROP TABLE indicator_proposals_v1, ${FIGURE_TABLES.join(', ')}`);
  }
}
