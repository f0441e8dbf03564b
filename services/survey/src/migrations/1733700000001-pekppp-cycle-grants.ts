import { APPLICATION_ROLE, grantToApplicationRole } from '@lib/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The evaluation service's cycles and lokus are only ever recorded as announced, and read when a collection opens. */
export class PekpppCycleGrants1733700000001 implements MigrationInterface {
  readonly name = 'PekpppCycleGrants1733700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await grantToApplicationRole(queryRunner, 'pekppp_cycles_v1', ['SELECT', 'INSERT']);
    await grantToApplicationRole(queryRunner, 'pekppp_unit_lokus_v1', ['SELECT', 'INSERT']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['pekppp_cycles_v1', 'pekppp_unit_lokus_v1']) {
      await queryRunner.query(`REVOKE ALL ON ${table} FROM ${APPLICATION_ROLE}`);
    }
  }
}
