import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply } from '@lib/platform';
import { handleStaffSurveyCommand, type SkmSurveyRef } from './skm-stream';

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
