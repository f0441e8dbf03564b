import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { cycleDecider, cycleStream, decideCycle } from '../domain';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { cycleWriterGuard } from './stream-state';

export class AssignUnitLokusCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly evaluatorIds: string[],
    readonly leadEvaluatorId: string,
    readonly meta: CommandMeta,
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

  async execute({ cycleId, unitId, evaluatorIds, leadEvaluatorId, meta }: AssignUnitLokusCommand): Promise<AppendResult> {
    const today = await this.timeZones.localDate(meta.tenantId, this.clock.now());
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'AssignUnitLokus', cycleId, unitId, evaluatorIds, leadEvaluatorId, today }, state),
      meta,
      { guard: cycleWriterGuard(meta.tenantId, cycleId) },
    );
  }
}
