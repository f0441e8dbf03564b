import { Injectable } from '@nestjs/common';
import { type ResourceRef, type Target, TargetLocator } from '@lib/platform';
import { Pool } from 'pg';
import { cycleStream } from '../commands/command-meta';

/** A PEKPPP cycle belongs to a tenant, not to a unit: routes under it name their unit in the path. */
export const CYCLE: ResourceRef = { kind: 'cycle', idParam: 'cycleId', notFoundCode: 'CYCLE.NOT_FOUND' };

/**
 * A cycle of the tenant the request acts in, from its opening event (current as soon as the cycle is
 * opened). A client may choose a cycle id, so another tenant's cycle with the same id is another
 * stream and is never found here.
 */
@Injectable()
export class EvaluationResourceLocator extends TargetLocator {
  constructor(private readonly pool: Pool) {
    super();
  }

  async locate(kind: string, id: string, tenantId: string): Promise<Target | undefined> {
    if (kind !== CYCLE.kind) throw new Error(`unknown resource kind ${kind}`);
    const { rows } = await this.pool.query(`SELECT 1 FROM events WHERE stream_id = $1 AND stream_version = 1`, [cycleStream(tenantId, id)]);
    return rows.length > 0 ? { tenantId } : undefined;
  }
}
