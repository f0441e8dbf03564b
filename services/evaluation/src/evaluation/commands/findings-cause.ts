import type { EventEnvelope } from '@lib/contracts';

/** A unit of a tenant, whose findings (proposals, compliance grade) are recomputed. */
export interface UnitRef {
  tenantId: string;
  unitId: string;
}

/** The batch a recompute follows: its latest event (the change's time and cause) and a key of all its event ids. */
export interface BatchCause {
  latest: EventEnvelope | undefined;
  batchKey: string;
}
