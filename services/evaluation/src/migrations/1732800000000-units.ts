import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant's registered units, fed by UnitsProjection from the `units-<tenantId>` streams. The
 * stream version is the registration order, so a list shows parents before their children.
 */
export class Units1732800000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE units_v1 (
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        parent_unit_id text,
        registered_order int NOT NULL,
        PRIMARY KEY (tenant_id, unit_id)
      )`);
    await queryRunner.query(`CREATE INDEX units_v1_tenant_order ON units_v1 (tenant_id, registered_order)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE units_v1`);
  }
}
