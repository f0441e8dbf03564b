import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the log's readers need to survive faults: a record of the events a projection could not decode
 * and skipped (see ProjectionGroup), and a check that a batch's checkpoint save found every row it
 * locked, made inside the statement that commits the batch (see inCheckpointTransaction).
 */
export class ReaderFaults1733180000000 implements MigrationInterface {
  readonly name = 'ReaderFaults1733180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE quarantined_events (
        reader text NOT NULL,
        event_id uuid NOT NULL,
        global_position bigint NOT NULL,
        transaction_id xid8 NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reader, event_id)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION assert_checkpoints_saved(expected text[], saved text[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        missing text[] := ARRAY(SELECT unnest(expected) EXCEPT SELECT unnest(saved));
      BEGIN
        IF cardinality(missing) > 0 THEN
          RAISE EXCEPTION 'checkpoint rows % vanished during the batch: nothing of it is kept', missing;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION assert_checkpoints_saved`);
    await queryRunner.query(`DROP TABLE quarantined_events`);
  }
}
