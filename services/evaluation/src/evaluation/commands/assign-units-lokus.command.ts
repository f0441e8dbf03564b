import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { cycleDecider, cycleStream, decideCycle, type UnitLokusAssignment } from '../domain';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { cycleWriterGuard } from './stream-state';

/** Many unit lokus of a cycle in one command on its stream, all or nothing. */
export class AssignUnitsLokusCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly units: UnitLokusAssignment[],
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
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'AssignUnitsLokus', cycleId, units, today }, state),
      meta,
      { guard: cycleWriterGuard(meta.tenantId, cycleId) },
    );
  }
}
