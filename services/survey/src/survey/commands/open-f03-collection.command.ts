import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply, forUnit } from '@lib/platform';
import { f03Decider, f03StreamId } from '../domain';

export class OpenF03CollectionCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly cycleId: string,
    readonly unitId: string,
    readonly quota: { minimum: number; maximum: number; provisional: boolean },
    readonly ruleset: string,
  ) {
    super();
  }
}

@CommandHandler(OpenF03CollectionCommand)
export class OpenF03CollectionHandler implements ICommandHandler<OpenF03CollectionCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ meta, cycleId, unitId, quota, ruleset }: OpenF03CollectionCommand): Promise<CommandReply> {
    const command = { type: 'OpenF03Collection' as const, cycleId, unitId, tenantId: meta.tenantId, quota, ruleset, now: this.clock.now().toISOString() };
    return commandReply(
      await this.store.handle(f03StreamId(meta.tenantId, cycleId, unitId), f03Decider, (state) => f03Decider.decide(command, state), forUnit(meta, unitId)),
    );
  }
}
