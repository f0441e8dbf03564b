import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published ruleset versions belong to the tenant that published them (the shipped national ones
 * live in code). Rows from before were national in effect; they are kept under an empty tenant, which
 * no tenant reads, and the projection's rebuild files them under their publisher.
 */
export class TenantRulesets1732750000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rulesets_v1 ADD COLUMN tenant_id text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 ALTER COLUMN tenant_id DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 DROP CONSTRAINT rulesets_v1_pkey`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 ADD PRIMARY KEY (tenant_id, ruleset_id, version)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rulesets_v1 DROP CONSTRAINT rulesets_v1_pkey`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 ADD PRIMARY KEY (ruleset_id, version)`);
    await queryRunner.query(`ALTER TABLE rulesets_v1 DROP COLUMN tenant_id`);
  }
}
