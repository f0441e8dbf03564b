import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { commandReply, type CommandReply } from '@lib/platform';
import { handleStaffSurveyCommand, type SkmSurveyRef } from './skm-stream';

export class PublishSkmResultCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly ref: SkmSurveyRef,
    readonly media: string[],
    readonly publishedOn: string,
  ) {
    super();
  }
}

@CommandHandler(PublishSkmResultCommand)
export class PublishSkmResultHandler implements ICommandHandler<PublishSkmResultCommand> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ meta, ref, media, publishedOn }: PublishSkmResultCommand): Promise<CommandReply> {
    return commandReply(await handleStaffSurveyCommand(this.store, meta, ref, () => ({ type: 'PublishSkmResult', media, publishedOn })));
  }
}
