import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply } from '@lib/platform';
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

export class PlanFollowUpCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly ref: SkmSurveyRef,
    readonly itemId: string,
    readonly unsurCode: string,
    readonly action: string,
    readonly dueDate: string,
  ) {
    super();
  }
}

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

@CommandHandler(PublishSkmResultCommand)
export class PublishSkmResultHandler implements ICommandHandler<PublishSkmResultCommand> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ meta, ref, media, publishedOn }: PublishSkmResultCommand): Promise<CommandReply> {
    return commandReply(await handleStaffSurveyCommand(this.store, meta, ref, () => ({ type: 'PublishSkmResult', media, publishedOn })));
  }
}

@CommandHandler(PlanFollowUpCommand)
export class PlanFollowUpHandler implements ICommandHandler<PlanFollowUpCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ meta, ref, itemId, unsurCode, action, dueDate }: PlanFollowUpCommand): Promise<CommandReply> {
    return commandReply(
      await handleStaffSurveyCommand(this.store, meta, ref, () => ({
        type: 'PlanFollowUp',
        itemId,
        unsurCode,
        action,
        dueDate,
        now: this.clock.now().toISOString(),
      })),
    );
  }
}

@CommandHandler(CompleteFollowUpCommand)
export class CompleteFollowUpHandler implements ICommandHandler<CompleteFollowUpCommand> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ meta, ref, itemId, completedOn, evidence }: CompleteFollowUpCommand): Promise<CommandReply> {
    return commandReply(await handleStaffSurveyCommand(this.store, meta, ref, () => ({ type: 'CompleteFollowUp', itemId, completedOn, evidence })));
  }
}
