import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { assessmentStream, cycleDecider, cycleStream, decideCycle, type LokusKode } from '../domain';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { cycleWriterGuard, readAssessment, rereadingOnChange } from './stream-state';

export class AssignUnitLokusCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly evaluatorIds: string[],
    readonly leadEvaluatorId: string,
    readonly meta: CommandMeta,
    /** Absent: the lokus keeps its kode, and a new lokus is Kode A. */
    readonly kode?: LokusKode,
  ) {
    super();
  }
}

@CommandHandler(AssignUnitLokusCommand)
export class AssignUnitLokusHandler implements ICommandHandler<AssignUnitLokusCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, unitId, evaluatorIds, leadEvaluatorId, meta, kode }: AssignUnitLokusCommand): Promise<AppendResult> {
    const today = await this.timeZones.localDate(meta.tenantId, this.clock.now());
    return rereadingOnChange(async () => {
      const { state: assessment, version } = await readAssessment(this.store, meta.tenantId, cycleId, unitId);
      const assessmentUnderway = assessment.status !== 'draft' || Object.keys(assessment.scores).length > 0;
      return this.store.handle(
        cycleStream(meta.tenantId, cycleId),
        cycleDecider,
        (state) => decideCycle({ type: 'AssignUnitLokus', cycleId, unitId, evaluatorIds, leadEvaluatorId, kode, assessmentUnderway, today }, state),
        meta,
        // decided on the assessment as read: an F-01 submitted meanwhile fixes the kode, so read again
        { guard: cycleWriterGuard(meta.tenantId, cycleId, [{ streamId: assessmentStream(meta.tenantId, cycleId, unitId), version }]) },
      );
    });
  }
}
