import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendars the command handlers read (fed by CalendarsProjection), on the request
 * table the calendar each due date was computed on and whether it rests on provisional calendar data,
 * and that flag for complaint deadlines too.
 */
export class CalendarReadModel1732600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_national_years_v1 (
        scope text NOT NULL,
        year int NOT NULL,
        revision int NOT NULL,
        calendar_version_id text NOT NULL,
        provisional boolean NOT NULL,
        provisional_reason text NOT NULL,
        source text NOT NULL,
        holidays jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (scope, year, revision)
      )`);
    await queryRunner.query(`COMMENT ON COLUMN calendar_national_years_v1.scope IS 'empty: shipped, every tenant; otherwise the tenant that published it'`);
    await queryRunner.query(`
      CREATE TABLE tenant_calendars_v1 (
        tenant_id text PRIMARY KEY,
        version int NOT NULL,
        utc_offset_minutes int NOT NULL,
        cuti_bersama_is_working_day boolean NOT NULL,
        local_holidays jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `ALTER TABLE requests_v1 ADD COLUMN calendar_id text NOT NULL DEFAULT '', ADD COLUMN due_date_provisional boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE complaints_v1 ADD COLUMN deadlines_provisional boolean NOT NULL DEFAULT false`);
    // Rows projected before these columns existed get what a replay would give them: the submission's
    // calendar (resubmissions did not name one then) and no provisional flag (none was recorded).
    await queryRunner.query(`
      UPDATE requests_v1 r SET calendar_id = e.payload->>'calendarId'
      FROM events e WHERE e.stream_id = 'request-' || r.request_id::text AND e.event_type = 'RequestSubmitted'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE complaints_v1 DROP COLUMN deadlines_provisional`);
    await queryRunner.query(`ALTER TABLE requests_v1 DROP COLUMN due_date_provisional, DROP COLUMN calendar_id`);
    await queryRunner.query(`DROP TABLE tenant_calendars_v1, calendar_national_years_v1`);
  }
}
