import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { commandReply, type CommandReply } from '@lib/platform';
import { handleStaffSurveyCommand, type SkmSurveyRef } from './skm-stream';

export class CompleteFollowUpCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly ref: SkmSurveyRef,
    readonly itemId: string,
    readonly completedOn: string,
    readonly evidence: string,
  ) {
    super();
  }
}

@CommandHandler(CompleteFollowUpCommand)
export class CompleteFollowUpHandler implements ICommandHandler<CompleteFollowUpCommand> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ meta, ref, itemId, completedOn, evidence }: CompleteFollowUpCommand): Promise<CommandReply> {
    return commandReply(await handleStaffSurveyCommand(this.store, meta, ref, () => ({ type: 'CompleteFollowUp', itemId, completedOn, evidence })));
  }
}
