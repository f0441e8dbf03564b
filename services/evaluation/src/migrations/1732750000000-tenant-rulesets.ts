import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published ruleset versions belong to the tenant that published them (the shipped national ones
 * live in code). The table holds no row from before: TenantScopedStreams refuses a database with
 * ruleset streams named without their tenant.
 */
export class TenantRulesets1732750000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rulesets_v1 ADD COLUMN tenant_id text NOT NULL`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 DROP CONSTRAINT rulesets_v1_pkey`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 ADD PRIMARY KEY (tenant_id, ruleset_id, version)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rulesets_v1 DROP CONSTRAINT rulesets_v1_pkey`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 ADD PRIMARY KEY (ruleset_id, version)`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 DROP COLUMN tenant_id`);
  }
}
