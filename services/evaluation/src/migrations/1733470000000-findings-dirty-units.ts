import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The units whose findings (proposals, compliance grade) wait to be recomputed: marked by the
 * transaction that applied their source events, deleted by the transaction that recomputed them
 * (FindingsRecomputeWorker). `generation` is the transaction id of the last mark, which keys the
 * recompute's appends; `latest_*` is the latest source event marked since, the changes' time and cause.
 */
export class FindingsDirtyUnits1733470000000 implements MigrationInterface {
  readonly name = 'FindingsDirtyUnits1733470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE findings_dirty_units (
        tenant_id text NOT NULL,
        unit_id text NOT NULL,
        generation bigint NOT NULL,
        latest_event_id text NOT NULL,
        latest_correlation_id text NOT NULL,
        latest_occurred_at text NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, unit_id)
      )`);
    await grantToApplicationRole(queryRunner, 'findings_dirty_units', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON findings_dirty_units FROM ${APPLICATION_ROLE}`);
    await queryRunner.query(`DROP TABLE findings_dirty_units`);
  }
}
