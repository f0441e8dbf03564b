import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, foldStream } from '@lib/event-sourcing';
import { F03_ITEMS, F03_SCALE, type F03ItemDefinition } from '@lib/kernel';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { f03Decider, f03Report, type F03Report, f03StreamId } from '../domain';

/** The F-03 report of one unit lokus in one cycle: score so far (final once closed), quota, means per item and aspect. */
export class GetF03ReportQuery extends Query<F03Report> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

/**
 * Folded from the collection's stream: a collection holds at most the ruleset's maximum quota of
 * responses (20 today), so a projection would buy nothing.
 */
@QueryHandler(GetF03ReportQuery)
export class GetF03ReportHandler implements IQueryHandler<GetF03ReportQuery> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ tenantId, cycleId, unitId }: GetF03ReportQuery): Promise<F03Report> {
    const streamId = f03StreamId(tenantId, cycleId, unitId);
    const history = await this.store.readStream(streamId);
    const collection = foldStream(
      f03Decider,
      streamId,
      history.map((stored) => stored.event),
    );
    if (collection.status === 'none') {
      throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    }
    return f03Report(collection);
  }
}

/** The F-03 form a respondent fills for one open collection: the 14 items with their codes, and the 0..5 scale. */
export interface PublicF03Form {
  tenantId: string;
  cycleId: string;
  unitId: string;
  items: F03ItemDefinition[];
  scale: { min: number; max: number };
}

export class GetPublicF03FormQuery extends Query<PublicF03Form> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

/** Serves the form only for a collection that is open: a link to one that never opened is 404, to a closed one 409. */
@QueryHandler(GetPublicF03FormQuery)
export class GetPublicF03FormHandler implements IQueryHandler<GetPublicF03FormQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId }: GetPublicF03FormQuery): Promise<PublicF03Form> {
    const { rows } = await this.pool.query<{ status: string }>(`SELECT status FROM f03_collections_v1 WHERE stream_id = $1`, [
      f03StreamId(tenantId, cycleId, unitId),
    ]);
    const status = rows[0]?.status;
    if (status === undefined) throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    if (status === 'closed') throw new DomainError('F03.CLOSED', `F-03 collection of ${unitId} in cycle ${cycleId} is closed`);
    return { tenantId, cycleId, unitId, items: [...F03_ITEMS], scale: { ...F03_SCALE } };
  }
}
