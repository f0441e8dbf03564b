import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A survey's population is declared (and corrected) as events of its own, each naming where the figure
 * comes from: the survey row keeps the latest declaration's source and time beside its population.
 * Rows of populations given at opening, before declarations carried a source, keep a null source and
 * take their opening as the time.
 */
export class PopulationDeclarations1733600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE skm_surveys_v1 ADD COLUMN declared_population_source text, ADD COLUMN population_declared_at timestamptz`);
    await queryRunner.query(`UPDATE skm_surveys_v1 SET population_declared_at = opened_at WHERE declared_population IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE skm_surveys_v1 DROP COLUMN population_declared_at, DROP COLUMN declared_population_source`);
  }
}
