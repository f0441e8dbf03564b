import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cycle, assessment and ruleset stream ids carry the tenant (`cycle-<tenant>/<cycle>`,
 * `assessment-<tenant>/<cycle>/<unit>`, `ruleset-<tenant>/<ruleset>`): a client may choose a cycle id,
 * so two Pemdas may hold the same one, and their read rows are keyed by tenant first too.
 * Streams written under the old ids are not carried over (the platform is pre-production): the
 * commands would no longer find them while the read tables still listed them, so a database that
 * holds any is refused with what to do, rather than served half-visible.
 */
export class TenantScopedStreams1732740000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const old: { stream_id: string }[] = await queryRunner.query(
      `SELECT stream_id FROM events
       WHERE (stream_id LIKE 'cycle-%' AND stream_id NOT LIKE 'cycle-%/%')
          OR (stream_id LIKE 'assessment-%' AND stream_id NOT LIKE 'assessment-%/%/%')
          OR (stream_id LIKE 'ruleset-%' AND stream_id NOT LIKE 'ruleset-%/%')
       LIMIT 1`,
    );
    if (old.length > 0) {
      throw new Error(
        `this database holds streams named before stream ids carried the tenant (e.g. ${old[0].stream_id}), which are not migrated: ` +
          'recreate the local databases (npm stop; dropdb pantau_request, pantau_survey and pantau_evaluation; npm start, which seeds the demo again)',
      );
    }
    await queryRunner.query(`ALTER TABLE cycles_v1 DROP CONSTRAINT cycles_v1_pkey, ADD PRIMARY KEY (tenant_id, cycle_id)`);
    await queryRunner.query(`ALTER TABLE unit_assessments_v1 DROP CONSTRAINT unit_assessments_v1_pkey, ADD PRIMARY KEY (tenant_id, cycle_id, unit_id)`);
    await queryRunner.query(`ALTER TABLE unit_results_v1 DROP CONSTRAINT unit_results_v1_pkey, ADD PRIMARY KEY (tenant_id, cycle_id, unit_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE unit_results_v1 DROP CONSTRAINT unit_results_v1_pkey, ADD PRIMARY KEY (cycle_id, unit_id)`);
    await queryRunner.query(`ALTER TABLE unit_assessments_v1 DROP CONSTRAINT unit_assessments_v1_pkey, ADD PRIMARY KEY (cycle_id, unit_id)`);
    await queryRunner.query(`ALTER TABLE cycles_v1 DROP CONSTRAINT cycles_v1_pkey, ADD PRIMARY KEY (cycle_id)`);
  }
}
