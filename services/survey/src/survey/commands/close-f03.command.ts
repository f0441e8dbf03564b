import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply, forUnit } from '@lib/platform';
import { f03Decider, f03StreamId } from '../domain';

export class CloseF03Command extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@CommandHandler(CloseF03Command)
export class CloseF03Handler implements ICommandHandler<CloseF03Command> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ meta, cycleId, unitId }: CloseF03Command): Promise<CommandReply> {
    return commandReply(
      await this.store.handle(
        f03StreamId(meta.tenantId, cycleId, unitId),
        f03Decider,
        (state) => f03Decider.decide({ type: 'CloseF03', now: this.clock.now().toISOString() }, state),
        forUnit(meta, unitId),
      ),
    );
  }
}
