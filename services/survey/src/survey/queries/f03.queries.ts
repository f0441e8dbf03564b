import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, foldStream } from '@lib/event-sourcing';
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
