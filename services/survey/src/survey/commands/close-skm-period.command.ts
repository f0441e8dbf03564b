import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply } from '@lib/platform';
import { CompletedRequests } from '../queries/completed-requests';
import { handleStaffSurveyCommand, readSurvey, type SkmSurveyRef } from './skm-stream';

export class CloseSkmPeriodCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly ref: SkmSurveyRef,
  ) {
    super();
  }
}

@CommandHandler(CloseSkmPeriodCommand)
export class CloseSkmPeriodHandler implements ICommandHandler<CloseSkmPeriodCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
    private readonly completedRequests: CompletedRequests,
  ) {}

  async execute({ meta, ref }: CloseSkmPeriodCommand): Promise<CommandReply> {
    // The period's end is on the stream; the count is looked up before deciding, as the decider wants it on the command.
    const survey = await readSurvey(this.store, meta.tenantId, ref);
    const completed =
      survey.status === 'none' ? 0 : await this.completedRequests.countInPeriod(meta.tenantId, ref.unitId, survey.periodStart, survey.periodEnd);
    const result = await handleStaffSurveyCommand(this.store, meta, ref, () => ({
      type: 'CloseSkmPeriod',
      completedRequestsInPeriod: completed,
      now: this.clock.now().toISOString(),
    }));
    return commandReply(result);
  }
}
