import type { EventEnvelope } from '@lib/contracts';

/** A unit of a tenant, whose findings (proposals, compliance grade) are recomputed. */
export interface UnitRef {
  tenantId: string;
  unitId: string;
}

/**
 * What a recompute follows: its latest event (the change's time and cause) and a key of it, which
 * keys the recompute's appends (see RecomputeUnitFindings.recomputeNextDirty).
 */
export interface BatchCause {
  latest: Pick<EventEnvelope, 'eventId' | 'correlationId' | 'occurredAt'> | undefined;
  batchKey: string;
}
