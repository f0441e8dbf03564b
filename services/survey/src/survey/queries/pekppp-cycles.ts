import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import type { SeenCycle } from '../domain';

/** What the survey side learnt of PEKPPP cycles and their unit lokus from the evaluation service (PekpppCyclesConsumer). */
@Injectable()
export class PekpppCycles {
  constructor(private readonly pool: Pool) {}

  /** The cycle as it stands for the unit, or null when the evaluation service never announced it to this tenant. */
  async seen(tenantId: string, cycleId: string, unitId: string): Promise<SeenCycle | null> {
    const { rows } = await this.pool.query<{
      ruleset_id: string;
      ruleset_version: number;
      f03_minimum_quota: number | null;
      f03_maximum_quota: number | null;
      f03_quota_provisional: boolean | null;
      unit_is_lokus: boolean;
    }>(
      `SELECT c.ruleset_id, c.ruleset_version, c.f03_minimum_quota, c.f03_maximum_quota, c.f03_quota_provisional,
              EXISTS (SELECT 1 FROM pekppp_unit_lokus_v1 l WHERE l.tenant_id = c.tenant_id AND l.cycle_id = c.cycle_id AND l.unit_id = $3) AS unit_is_lokus
       FROM pekppp_cycles_v1 c WHERE c.tenant_id = $1 AND c.cycle_id = $2`,
      [tenantId, cycleId, unitId],
    );
    const cycle = rows[0];
    if (!cycle) return null;
    const { f03_minimum_quota: minimum, f03_maximum_quota: maximum } = cycle;
    return {
      ruleset: `${cycle.ruleset_id}@${cycle.ruleset_version}`,
      f03Quota: minimum === null || maximum === null ? null : { minimum, maximum, provisional: cycle.f03_quota_provisional === true },
      unitIsLokus: cycle.unit_is_lokus,
    };
  }
}
