import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { assessmentStream, cycleDecider, cycleStream, decideCycle, type UnitLokusAssignment } from '../domain';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { cycleWriterGuard, readAssessment, rereadingOnChange } from './stream-state';

/** Many unit lokus of a cycle in one command on its stream, all or nothing. */
export class AssignUnitsLokusCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    /** Whether each unit's assessment is underway is read by the handler. */
    readonly units: Omit<UnitLokusAssignment, 'assessmentUnderway'>[],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(AssignUnitsLokusCommand)
export class AssignUnitsLokusHandler implements ICommandHandler<AssignUnitsLokusCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, units, meta }: AssignUnitsLokusCommand): Promise<AppendResult> {
    const today = await this.timeZones.localDate(meta.tenantId, this.clock.now());
    return rereadingOnChange(async () => {
      const read = await Promise.all(units.map((unit) => readAssessment(this.store, meta.tenantId, cycleId, unit.unitId)));
      const assigned = units.map((unit, i) => ({
        ...unit,
        assessmentUnderway: read[i].state.status !== 'draft' || Object.keys(read[i].state.scores).length > 0,
      }));
      const unchanged = units.map((unit, i) => ({ streamId: assessmentStream(meta.tenantId, cycleId, unit.unitId), version: read[i].version }));
      return this.store.handle(
        cycleStream(meta.tenantId, cycleId),
        cycleDecider,
        (state) => decideCycle({ type: 'AssignUnitsLokus', cycleId, units: assigned, today }, state),
        meta,
        // as AssignUnitLokus: an F-01 submitted meanwhile fixes a unit's kode, so read again
        { guard: cycleWriterGuard(meta.tenantId, cycleId, unchanged) },
      );
    });
  }
}
