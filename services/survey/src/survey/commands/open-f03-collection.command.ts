import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply, forUnit } from '@lib/platform';
import { f03Decider, f03StreamId } from '../domain';
import { PekpppCycles } from '../queries/pekppp-cycles';

export class OpenF03CollectionCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

/** Opens the F-03 collection of a unit lokus, with the quota and ruleset of its cycle as the evaluation service announced them. */
@CommandHandler(OpenF03CollectionCommand)
export class OpenF03CollectionHandler implements ICommandHandler<OpenF03CollectionCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
    private readonly cycles: PekpppCycles,
  ) {}

  async execute({ meta, cycleId, unitId }: OpenF03CollectionCommand): Promise<CommandReply> {
    const cycle = await this.cycles.seen(meta.tenantId, cycleId, unitId);
    const command = { type: 'OpenF03Collection' as const, cycleId, unitId, tenantId: meta.tenantId, cycle, now: this.clock.now().toISOString() };
    return commandReply(
      await this.store.handle(f03StreamId(meta.tenantId, cycleId, unitId), f03Decider, (state) => f03Decider.decide(command, state), forUnit(meta, unitId)),
    );
  }
}
