import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PEKPPP cycles and unit lokus the evaluation service announced (CycleOpened, UnitLokusAssigned):
 * an F-03 collection opens only for a unit lokus of a cycle seen here, with the F-03 quota of the
 * ruleset the cycle pinned. A null quota: that ruleset has no user assessment, or the cycle was opened
 * before its events carried the quota.
 */
export class PekpppCycles1733700000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pekppp_cycles_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        ruleset_id text NOT NULL,
        ruleset_version integer NOT NULL,
        f03_minimum_quota integer,
        f03_maximum_quota integer,
        f03_quota_provisional boolean,
        PRIMARY KEY (tenant_id, cycle_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE pekppp_unit_lokus_v1 (
        tenant_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id, unit_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE pekppp_unit_lokus_v1`);
    await queryRunner.query(`DROP TABLE pekppp_cycles_v1`);
  }
}
