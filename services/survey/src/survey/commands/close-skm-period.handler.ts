import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, appendResultOf, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import type { Actor } from '../http/actor';
import { CompletedRequests } from '../queries/completed-requests';
import { handleStaffSurveyCommand, readSurvey, type SkmSurveyRef } from './skm-stream';

export class CloseSkmPeriodCommand extends Command<AppendResult> {
  constructor(
    readonly actor: Actor,
    readonly ref: SkmSurveyRef,
    readonly idempotencyKey?: string,
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

  async execute({ actor, ref, idempotencyKey }: CloseSkmPeriodCommand): Promise<AppendResult> {
    // The period's end is on the stream; the count is looked up before deciding, as the decider wants it on the command.
    const survey = await readSurvey(this.store, actor.tenantId, ref);
    const completed =
      survey.status === 'none' ? 0 : await this.completedRequests.countInPeriod(actor.tenantId, ref.unitId, survey.periodStart, survey.periodEnd);
    const result = await handleStaffSurveyCommand(
      this.store,
      actor,
      ref,
      () => ({ type: 'CloseSkmPeriod', completedRequestsInPeriod: completed, now: this.clock.now().toISOString() }),
      idempotencyKey,
    );
    return appendResultOf(result);
  }
}
