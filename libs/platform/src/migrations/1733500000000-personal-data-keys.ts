import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1732900000000-application-role';

/**
 * Per-subject data keys for sealed personal fields (see PersonalDataKeys). Erasure clears the wrapped
 * key and stamps erased_at; the row stays as the record that the subject was erased, so the application
 * role may read, add and update rows, never delete them. Runs after ApplicationRole, whose default
 * privileges would otherwise grant DELETE and TRUNCATE.
 */
export class PersonalDataKeys1733500000000 implements MigrationInterface {
  readonly name = 'PersonalDataKeys1733500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE personal_data_keys (
        subject_id text PRIMARY KEY,
        scope_id text,
        wrapped_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT personal_data_keys_erased_has_no_key CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX personal_data_keys_live_scope ON personal_data_keys (scope_id) WHERE erased_at IS NULL AND scope_id IS NOT NULL`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON personal_data_keys FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON personal_data_keys TO ${APPLICATION_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE personal_data_keys`);
  }
}
