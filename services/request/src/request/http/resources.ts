import { Injectable } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { type ResourceRef, type Target, TargetLocator } from '@lib/platform';
import { complaintStream } from '../commands/complaint-stream';
import { requestStream } from '../commands/request-stream';
import { standardStream } from '../commands/decide-service-standard.command';

export const REQUEST: ResourceRef = { kind: 'request', idParam: 'requestId', notFoundCode: 'REQUEST.NOT_FOUND' };
export const COMPLAINT: ResourceRef = { kind: 'complaint', idParam: 'complaintId', notFoundCode: 'COMPLAINT.NOT_FOUND' };
export const STANDARD: ResourceRef = { kind: 'service-standard', idParam: 'serviceId', notFoundCode: 'STANDARD.NOT_FOUND' };
/** A submission names the service in its body; an unknown one is the submission's own 409. */
export const STANDARD_TO_SUBMIT_AGAINST: ResourceRef = { ...STANDARD, notFoundCode: 'STANDARD.NOT_PUBLISHED' };

/** Requests and complaints have random ids, unique across tenants; a standard's id is its tenant's own. */
const STREAMS: Record<string, (id: string, tenantId: string) => string> = {
  [REQUEST.kind]: (id) => requestStream(id),
  [COMPLAINT.kind]: (id) => complaintStream(id),
  [STANDARD.kind]: (id, tenantId) => standardStream(tenantId, id),
};

/**
 * Kinds whose tenant and unit never change once written: a request stays with the unit of its
 * standard, and a standard with the unit it was published for (a revision under another unit is
 * refused). A complaint moves to the unit it is assigned to, so it is always read.
 */
const FIXED_PLACE = new Set([REQUEST.kind, STANDARD.kind]);
const REMEMBERED_PLACES = 50_000;

/**
 * Reads where a request, complaint or standard lives from the store (the envelope of its latest
 * event): current as soon as a command returns (a projection may lag), and a complaint's unit follows
 * its assignment. Places that cannot change are remembered, so the steps of a request after its first
 * cost no read.
 */
@Injectable()
export class RequestResourceLocator extends TargetLocator {
  private readonly fixedPlaces = new Map<string, Target>();

  constructor(private readonly store: EventStore<RequestEvent>) {
    super();
  }

  async locate(kind: string, id: string, tenantId: string): Promise<Target | undefined> {
    const stream = STREAMS[kind];
    if (!stream) throw new Error(`unknown resource kind ${kind}`);
    const streamId = stream(id, tenantId);
    const remembered = this.fixedPlaces.get(streamId);
    if (remembered) return remembered;
    const located = await this.store.locateStream(streamId);
    if (!located?.tenantId) return undefined;
    const target: Target = located.unitId ? { tenantId: located.tenantId, unitId: located.unitId } : { tenantId: located.tenantId };
    if (FIXED_PLACE.has(kind)) this.remember(streamId, target);
    return target;
  }

  /** Where a request just submitted lives, so its next step is not looked up. */
  rememberSubmitted(requestId: string, target: Target): void {
    this.remember(requestStream(requestId), target);
  }

  private remember(streamId: string, target: Target): void {
    this.fixedPlaces.set(streamId, target);
    if (this.fixedPlaces.size > REMEMBERED_PLACES) this.fixedPlaces.delete(this.fixedPlaces.keys().next().value as string);
  }
}
