import { Injectable } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import type { Projection, StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import { unitKindFromPb } from '../domain';

/**
 * The units registry of every tenant as rows. A registration never changes once made (the decider
 * refuses different data for a registered id), so replaying an event inserts nothing new.
 */
@Injectable()
export class UnitsProjection implements Projection<EvaluationEvent> {
  readonly name = 'units';
  readonly tables = ['units_v1'];

  async apply(events: StoredEvent<EvaluationEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      if (event.$case !== 'unitRegistered') continue;
      const { unitId, name, kind, parentUnitId } = event.value;
      await tx.query(
        `INSERT INTO units_v1 (tenant_id, unit_id, name, kind, parent_unit_id, registered_order)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        // an unknown kind can only come from a newer producer; keep the row rather than lose the unit
        [envelope.tenantId, unitId, name, unitKindFromPb(kind) ?? kind, parentUnitId === '' ? null : parentUnitId, envelope.streamVersion],
      );
    }
  }
}
