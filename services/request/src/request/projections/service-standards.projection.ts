import { Injectable } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import { type Projection, ReadModelCache, type StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import type { StandardInForce } from '../domain';
import { READ_MODEL_CACHE_TTL_MS } from './calendars.projection';

/** The standard a submission is checked and timed against, with the unit that serves it. */
export interface StandardOfService {
  unitId: string;
  inForce: StandardInForce;
}

/** The standard in force per service, with its completeness; submissions look their standard up here. */
@Injectable()
export class ServiceStandardsProjection implements Projection<RequestEvent> {
  readonly name = 'service_standards_v1';
  readonly tables = ['service_standards_v1'];
  /** Per tenant and service, the standard in force as submissions read it from this table (undefined: none published). */
  readonly standardsInForce = new ReadModelCache<StandardOfService | undefined>(READ_MODEL_CACHE_TTL_MS);

  committed(): void {
    this.standardsInForce.invalidate();
  }

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      if (event.$case !== 'serviceStandardPublished' && event.$case !== 'serviceStandardRevised') continue;
      const v = event.value;
      // Keyed by tenant and service and guarded by revision, so a replay leaves the row as it was.
      await tx.query(
        `INSERT INTO service_standards_v1 (service_id, tenant_id, unit_id, name, revision, effective_at, completion_working_days,
           cost_rupiah, requirements, product, complete, missing_components, unpublished_components, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (tenant_id, service_id) DO UPDATE SET unit_id = $3, name = $4, revision = $5, effective_at = $6,
           completion_working_days = $7, cost_rupiah = $8, requirements = $9, product = $10, complete = $11,
           missing_components = $12, unpublished_components = $13, updated_at = $14
         WHERE service_standards_v1.revision <= excluded.revision`,
        [
          v.serviceId,
          envelope.tenantId,
          v.unitId,
          v.name,
          v.revision,
          v.effectiveAt,
          v.completionWorkingDays,
          v.costRupiah,
          JSON.stringify(v.requirements),
          v.product,
          v.complete,
          v.missingComponents,
          v.unpublishedComponents,
          envelope.occurredAt,
        ],
      );
    }
  }
}
