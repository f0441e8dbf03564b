import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, appendResultOf, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import type { Actor } from '../http/actor';
import { handleStaffSurveyCommand, type SkmSurveyRef } from './skm-stream';

export class PublishSkmResultCommand extends Command<AppendResult> {
  constructor(
    readonly actor: Actor,
    readonly ref: SkmSurveyRef,
    readonly media: string[],
    readonly publishedOn: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class PlanFollowUpCommand extends Command<AppendResult> {
  constructor(
    readonly actor: Actor,
    readonly ref: SkmSurveyRef,
    readonly itemId: string,
    readonly unsurCode: string,
    readonly action: string,
    readonly dueDate: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class CompleteFollowUpCommand extends Command<AppendResult> {
  constructor(
    readonly actor: Actor,
    readonly ref: SkmSurveyRef,
    readonly itemId: string,
    readonly completedOn: string,
    readonly evidence: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

@CommandHandler(PublishSkmResultCommand)
export class PublishSkmResultHandler implements ICommandHandler<PublishSkmResultCommand> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ actor, ref, media, publishedOn, idempotencyKey }: PublishSkmResultCommand): Promise<AppendResult> {
    return appendResultOf(await handleStaffSurveyCommand(this.store, actor, ref, () => ({ type: 'PublishSkmResult', media, publishedOn }), idempotencyKey));
  }
}

@CommandHandler(PlanFollowUpCommand)
export class PlanFollowUpHandler implements ICommandHandler<PlanFollowUpCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, ref, itemId, unsurCode, action, dueDate, idempotencyKey }: PlanFollowUpCommand): Promise<AppendResult> {
    return appendResultOf(
      await handleStaffSurveyCommand(
        this.store,
        actor,
        ref,
        () => ({ type: 'PlanFollowUp', itemId, unsurCode, action, dueDate, now: this.clock.now().toISOString() }),
        idempotencyKey,
      ),
    );
  }
}

@CommandHandler(CompleteFollowUpCommand)
export class CompleteFollowUpHandler implements ICommandHandler<CompleteFollowUpCommand> {
  constructor(private readonly store: EventStore<SurveyEvent>) {}

  async execute({ actor, ref, itemId, completedOn, evidence, idempotencyKey }: CompleteFollowUpCommand): Promise<AppendResult> {
    return appendResultOf(
      await handleStaffSurveyCommand(this.store, actor, ref, () => ({ type: 'CompleteFollowUp', itemId, completedOn, evidence }), idempotencyKey),
    );
  }
}
