import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { Pool } from 'pg';
import { assessmentStream, complianceStream, cycleStream, proposalsStream } from '../domain';
import { type TimelineEntry, type TimelineSource, unitTimeline } from '../domain/audit/unit-timeline';
import { unitNames } from './unit-registry.queries';

export interface UnitTimelineView {
  cycleId: string;
  unitId: string;
  unitName: string | null;
  entries: TimelineEntry[];
}

/** Every event that touched a unit in a cycle, read from the log itself (not from a read model), oldest first. */
export class GetUnitTimelineQuery extends Query<UnitTimelineView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@QueryHandler(GetUnitTimelineQuery)
export class GetUnitTimelineHandler implements IQueryHandler<GetUnitTimelineQuery> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly pool: Pool,
  ) {}

  async execute({ tenantId, cycleId, unitId }: GetUnitTimelineQuery): Promise<UnitTimelineView> {
    const streams = [
      cycleStream(tenantId, cycleId),
      assessmentStream(tenantId, cycleId, unitId),
      proposalsStream(tenantId, cycleId, unitId),
      complianceStream(tenantId, cycleId, unitId),
    ];
    const stored = (await Promise.all(streams.map((streamId) => this.store.readStream(streamId)))).flat();
    const sources = stored.map((event): TimelineSource => ({
      position: event.globalPosition,
      eventId: event.envelope.eventId,
      recordedAt: event.recordedAt.toISOString(),
      actorId: event.envelope.actorId,
      actorRole: event.envelope.actorRole,
      event: event.event,
    }));
    const names = await unitNames(this.pool, tenantId, [unitId]);
    return { cycleId, unitId, unitName: names.get(unitId) ?? null, entries: unitTimeline(unitId, sources) };
  }
}
