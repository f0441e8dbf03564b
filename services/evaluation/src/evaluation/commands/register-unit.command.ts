import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { type RegisteredUnit, unitRegistryDecider, unitRegistryStream } from '../domain';

/** Registers a unit in the registry of the command's tenant. */
export class RegisterUnitCommand extends Command<AppendResult> {
  constructor(
    readonly unit: RegisteredUnit,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(private readonly store: EventStore<EvaluationEvent>) {}

  execute({ unit, meta }: RegisterUnitCommand): Promise<AppendResult> {
    return this.store.handle(
      unitRegistryStream(meta.tenantId),
      unitRegistryDecider,
      (state) => unitRegistryDecider.decide({ type: 'RegisterUnit', unit }, state),
      meta,
    );
  }
}

/** Registers many units in one command on the registry, in order, all or nothing; a unit registered with the same data appends nothing. */
export class RegisterUnitsCommand extends Command<AppendResult> {
  constructor(
    readonly units: RegisteredUnit[],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterUnitsCommand)
export class RegisterUnitsHandler implements ICommandHandler<RegisterUnitsCommand> {
  constructor(private readonly store: EventStore<EvaluationEvent>) {}

  execute({ units, meta }: RegisterUnitsCommand): Promise<AppendResult> {
    return this.store.handle(
      unitRegistryStream(meta.tenantId),
      unitRegistryDecider,
      (state) => unitRegistryDecider.decide({ type: 'RegisterUnits', units }, state),
      meta,
    );
  }
}
