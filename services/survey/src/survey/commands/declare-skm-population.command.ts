import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply } from '@lib/platform';
import { handleStaffSurveyCommand, type SkmSurveyRef } from './skm-stream';

/** Declares or corrects the population of an open SKM period, with where the figure comes from. */
export class DeclareSkmPopulationCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly ref: SkmSurveyRef,
    readonly population: number,
    readonly source: string,
  ) {
    super();
  }
}

@CommandHandler(DeclareSkmPopulationCommand)
export class DeclareSkmPopulationHandler implements ICommandHandler<DeclareSkmPopulationCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ meta, ref, population, source }: DeclareSkmPopulationCommand): Promise<CommandReply> {
    return commandReply(
      await handleStaffSurveyCommand(this.store, meta, ref, () => ({ type: 'DeclarePopulation', population, source, now: this.clock.now().toISOString() })),
    );
  }
}
