import { Injectable } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { type ResourceRef, type Target, TargetLocator } from '@lib/platform';
import { cycleStream } from '../domain';

/** A PEKPPP cycle belongs to a tenant, not to a unit: routes under it name their unit in the path. */
export const CYCLE: ResourceRef = { kind: 'cycle', idParam: 'cycleId', notFoundCode: 'CYCLE.NOT_FOUND' };

/**
 * A cycle of the tenant the request acts in, from the store (current as soon as the cycle is opened).
 * A client may choose a cycle id, so another tenant's cycle with the same id is another stream and is
 * never found here.
 */
@Injectable()
export class EvaluationResourceLocator extends TargetLocator {
  constructor(private readonly store: EventStore<EvaluationEvent>) {
    super();
  }

  async locate(kind: string, id: string, tenantId: string): Promise<Target | undefined> {
    if (kind !== CYCLE.kind) throw new Error(`unknown resource kind ${kind}`);
    return (await this.store.locateStream(cycleStream(tenantId, id))) ? { tenantId } : undefined;
  }
}
