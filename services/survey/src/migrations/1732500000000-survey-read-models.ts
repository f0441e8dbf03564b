import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read tables of the survey service: the surveys and their per-unsur answer totals (fed by the
 * survey projection), F-03 collections, and the completed requests counted from the request
 * service's events (cited tracking codes, population of a period).
 */
export class SurveyReadModels1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE skm_surveys_v1 (
        survey_id text PRIMARY KEY,
        stream_id text NOT NULL UNIQUE,
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        period_kind text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        ruleset text NOT NULL,
        unsur jsonb NOT NULL,
        declared_population int,
        status text NOT NULL,
        respondents int NOT NULL DEFAULT 0,
        verified_respondents int NOT NULL DEFAULT 0,
        result jsonb,
        published_media jsonb NOT NULL DEFAULT '[]',
        follow_ups jsonb NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        version int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX skm_surveys_v1_unit ON skm_surveys_v1 (tenant_id, unit_id, period_start)`);
    await queryRunner.query(`
      CREATE TABLE skm_unsur_totals_v1 (
        survey_id text NOT NULL,
        code text NOT NULL,
        answer_total int NOT NULL DEFAULT 0,
        PRIMARY KEY (survey_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE f03_collections_v1 (
        stream_id text PRIMARY KEY,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        tenant_id text NOT NULL,
        status text NOT NULL,
        minimum_quota int NOT NULL,
        maximum_quota int NOT NULL,
        ruleset text NOT NULL,
        respondents int NOT NULL DEFAULT 0,
        item_score_total int NOT NULL DEFAULT 0,
        score double precision,
        quota_met boolean,
        version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE completed_requests_v1 (
        tenant_id text NOT NULL,
        tracking_code text NOT NULL,
        unit_id text NOT NULL,
        request_id text NOT NULL,
        completed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, tracking_code)
      )`);
    await queryRunner.query(`CREATE INDEX completed_requests_v1_unit ON completed_requests_v1 (tenant_id, unit_id, completed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE completed_requests_v1`);
    await queryRunner.query(`DROP TABLE f03_collections_v1`);
    await queryRunner.query(`DROP TABLE skm_unsur_totals_v1`);
    await queryRunner.query(`DROP TABLE skm_surveys_v1`);
  }
}
