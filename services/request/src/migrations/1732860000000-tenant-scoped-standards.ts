import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service standard's stream id carries its tenant (`service-standard-<tenant>/<service>`), like every
 * stream whose id a client chooses: each Pemda has its own `ktp-el`, and one tenant can neither take
 * an id from another nor learn that another uses it. Standards written under the old ids are not
 * carried over (the platform is pre-production): a database that holds any is refused with what to do.
 */
export class TenantScopedStandards1732860000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const old: { stream_id: string }[] = await queryRunner.query(
      `SELECT stream_id FROM events WHERE stream_id LIKE 'service-standard-%' AND stream_id NOT LIKE 'service-standard-%/%' LIMIT 1`,
    );
    if (old.length > 0) {
      throw new Error(
        `this database holds service standards named before their stream ids carried the tenant (e.g. ${old[0].stream_id}), which are not migrated: ` +
          'recreate the local databases (npm stop; dropdb pantau_request, pantau_survey and pantau_evaluation; npm start, which seeds the demo again)',
      );
    }
    await queryRunner.query(`ALTER TABLE service_standards_v1 DROP CONSTRAINT service_standards_v1_pkey, ADD PRIMARY KEY (tenant_id, service_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE service_standards_v1 DROP CONSTRAINT service_standards_v1_pkey, ADD PRIMARY KEY (service_id)`);
  }
}
