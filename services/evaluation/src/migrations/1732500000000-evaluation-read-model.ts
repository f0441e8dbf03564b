import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read tables of the evaluation context, all fed by one projection (EvaluationReadModelProjection):
 * a unit's score needs its cycle, its assessment and the pinned ruleset at the same log position.
 * `state` columns hold the deciders' own folded state, so the projection reuses evolve().
 */
export class EvaluationReadModel1732500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rulesets_v1 (
        ruleset_id text NOT NULL,
        version int NOT NULL,
        title text NOT NULL,
        document jsonb NOT NULL,
        provisional boolean NOT NULL,
        reason text NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (ruleset_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE cycles_v1 (
        cycle_id text PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        ruleset_id text NOT NULL,
        ruleset_version int NOT NULL,
        window_start date NOT NULL,
        window_end date NOT NULL,
        self_assessment_due date NOT NULL,
        state jsonb NOT NULL,
        stream_version int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX cycles_v1_tenant ON cycles_v1 (tenant_id, window_start DESC)`);
    await queryRunner.query(`
      CREATE TABLE unit_assessments_v1 (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        tenant_id text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        stream_version int NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (cycle_id, unit_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE unit_results_v1 (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        tenant_id text NOT NULL,
        score jsonb NOT NULL,
        ipp numeric(4, 2) NOT NULL,
        category text NOT NULL,
        provisional boolean NOT NULL,
        published jsonb,
        correction_reason text,
        PRIMARY KEY (cycle_id, unit_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit_results_v1, unit_assessments_v1, cycles_v1, rulesets_v1`);
  }
}
