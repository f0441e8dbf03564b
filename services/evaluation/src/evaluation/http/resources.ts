import { Injectable } from '@nestjs/common';
import { type ResourceRef, type Target, TargetLocator } from '@lib/platform';
import { Pool } from 'pg';
import { cycleStream } from '../commands/command-meta';

/** A PEKPPP cycle belongs to a tenant, not to a unit: routes under it name their unit in the path. */
export const CYCLE: ResourceRef = { kind: 'cycle', idParam: 'cycleId', notFoundCode: 'CYCLE.NOT_FOUND' };

/** The tenant of a cycle, from the envelope of its opening event (current as soon as the cycle is opened). */
@Injectable()
export class EvaluationResourceLocator extends TargetLocator {
  constructor(private readonly pool: Pool) {
    super();
  }

  async locate(kind: string, id: string): Promise<Target | undefined> {
    if (kind !== CYCLE.kind) throw new Error(`unknown resource kind ${kind}`);
    const { rows } = await this.pool.query<{ tenant_id: string | null }>(
      `SELECT metadata->>'tenantId' AS tenant_id FROM events WHERE stream_id = $1 AND stream_version = 1`,
      [cycleStream(id)],
    );
    const tenantId = rows[0]?.tenant_id;
    return tenantId ? { tenantId } : undefined;
  }
}
