import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An SKM period's declared population as the survey's closed result names it: where the figure came
 * from and the local date it was declared on. Null for results without a declaration, and for rows
 * applied before these columns existed (the inbox will not apply their events again).
 */
export class SkmDeclaredPopulation1733450000000 implements MigrationInterface {
  readonly name = 'SkmDeclaredPopulation1733450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE proposal_skm_periods_v1 ADD COLUMN declared_population_source text, ADD COLUMN population_declared_on date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE proposal_skm_periods_v1 DROP COLUMN declared_population_source, DROP COLUMN population_declared_on`);
  }
}
