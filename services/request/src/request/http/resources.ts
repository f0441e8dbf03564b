import { Injectable } from '@nestjs/common';
import { type ResourceRef, type Target, TargetLocator } from '@lib/platform';
import { Pool } from 'pg';
import { complaintStream } from '../commands/complaint.commands';
import { requestStream } from '../commands/request.commands';
import { standardStream } from '../commands/service-standard.commands';

export const REQUEST: ResourceRef = { kind: 'request', idParam: 'requestId', notFoundCode: 'REQUEST.NOT_FOUND' };
export const COMPLAINT: ResourceRef = { kind: 'complaint', idParam: 'complaintId', notFoundCode: 'COMPLAINT.NOT_FOUND' };
export const STANDARD: ResourceRef = { kind: 'service-standard', idParam: 'serviceId', notFoundCode: 'STANDARD.NOT_FOUND' };
/** A submission names the service in its body; an unknown one is the submission's own 409. */
export const STANDARD_TO_SUBMIT_AGAINST: ResourceRef = { ...STANDARD, notFoundCode: 'STANDARD.NOT_PUBLISHED' };

const STREAMS: Record<string, (id: string) => string> = {
  [REQUEST.kind]: requestStream,
  [COMPLAINT.kind]: complaintStream,
  [STANDARD.kind]: standardStream,
};

/**
 * Kinds whose tenant and unit never change once written: a request stays with the unit of its
 * standard, and a standard with the unit it was published for (a revision under another unit is
 * refused). A complaint moves to the unit it is assigned to, so it is always read.
 */
const FIXED_PLACE = new Set([REQUEST.kind, STANDARD.kind]);
const REMEMBERED_PLACES = 50_000;

/**
 * Reads where a request, complaint or standard lives from the envelope of its latest event: current
 * as soon as a command returns (a projection may lag), and a complaint's unit follows its assignment.
 * Places that cannot change are remembered, so the steps of a request after its first cost no read.
 */
@Injectable()
export class RequestResourceLocator extends TargetLocator {
  private readonly fixedPlaces = new Map<string, Target>();

  constructor(private readonly pool: Pool) {
    super();
  }

  async locate(kind: string, id: string): Promise<Target | undefined> {
    const stream = STREAMS[kind];
    if (!stream) throw new Error(`unknown resource kind ${kind}`);
    const key = `${kind}/${id}`;
    const remembered = this.fixedPlaces.get(key);
    if (remembered) return remembered;
    const located = await this.read(stream(id));
    if (located && FIXED_PLACE.has(kind)) this.remember(key, located);
    return located;
  }

  /** Where a request just submitted lives, so its next step is not looked up. */
  rememberSubmitted(requestId: string, target: Target): void {
    this.remember(`${REQUEST.kind}/${requestId}`, target);
  }

  private remember(key: string, target: Target): void {
    this.fixedPlaces.set(key, target);
    if (this.fixedPlaces.size > REMEMBERED_PLACES) this.fixedPlaces.delete(this.fixedPlaces.keys().next().value as string);
  }

  private async read(streamId: string): Promise<Target | undefined> {
    const { rows } = await this.pool.query<{ tenant_id: string | null; unit_id: string | null }>(
      `SELECT metadata->>'tenantId' AS tenant_id, metadata->>'unitId' AS unit_id FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`,
      [streamId],
    );
    const row = rows[0];
    if (!row?.tenant_id) return undefined;
    return row.unit_id ? { tenantId: row.tenant_id, unitId: row.unit_id } : { tenantId: row.tenant_id };
  }
}
