import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SKM and F-03 stream ids carry the tenant (`survey-<tenant>/<unit>/<kind>/<start>`,
 * `f03-<tenant>/<cycle>/<unit>`), so two Pemdas with the same unit ids no longer share a stream.
 * Streams written under the old ids are not carried over (the platform is pre-production): the
 * commands would no longer find them while the read tables still listed them, so a database that
 * holds any is refused with what to do, rather than served half-visible.
 */
export class TenantScopedStreams1732850000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const old: { stream_id: string }[] = await queryRunner.query(
      `SELECT stream_id FROM events
       WHERE (stream_id LIKE 'survey-%' AND stream_id NOT LIKE 'survey-%/%/%/%') OR (stream_id LIKE 'f03-%' AND stream_id NOT LIKE 'f03-%/%/%')
       LIMIT 1`,
    );
    if (old.length > 0) {
      throw new Error(
        `this database holds streams named before stream ids carried the tenant (e.g. ${old[0].stream_id}), which are not migrated: ` +
          'recreate the local databases (npm stop; dropdb pantau_request, pantau_survey and pantau_evaluation; npm start, which seeds the demo again)',
      );
    }
  }

  async down(): Promise<void> {
    // nothing was changed
  }
}
