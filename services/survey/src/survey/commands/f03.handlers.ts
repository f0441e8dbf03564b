import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, appendResultOf, EventStore } from '@lib/event-sourcing';
import { foldEvents } from '@lib/event-sourcing/domain';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { f03Decider, type F03ItemScore, f03StreamId } from '../domain';
import { type Actor, PUBLIC_ACTOR } from '../http/actor';
import { commandMeta } from './command-meta';

export class OpenF03CollectionCommand extends Command<AppendResult> {
  constructor(
    readonly actor: Actor,
    readonly cycleId: string,
    readonly unitId: string,
    readonly quota: { minimum: number; maximum: number; provisional: boolean },
    readonly ruleset: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class RecordF03ResponseCommand extends Command<AppendResult> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    readonly items: F03ItemScore[],
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class CloseF03Command extends Command<AppendResult> {
  constructor(
    readonly actor: Actor,
    readonly cycleId: string,
    readonly unitId: string,
    readonly idempotencyKey?: string,
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

  async execute({ actor, cycleId, unitId, quota, ruleset, idempotencyKey }: OpenF03CollectionCommand): Promise<AppendResult> {
    const command = { type: 'OpenF03Collection' as const, cycleId, unitId, tenantId: actor.tenantId, quota, ruleset, now: this.clock.now().toISOString() };
    return appendResultOf(
      await this.store.handle(
        f03StreamId(actor.tenantId, cycleId, unitId),
        f03Decider,
        (state) => f03Decider.decide(command, state),
        commandMeta(actor, unitId, idempotencyKey),
      ),
    );
  }
}

@CommandHandler(RecordF03ResponseCommand)
export class RecordF03ResponseHandler implements ICommandHandler<RecordF03ResponseCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ tenantId, cycleId, unitId, items, idempotencyKey }: RecordF03ResponseCommand): Promise<AppendResult> {
    const streamId = f03StreamId(tenantId, cycleId, unitId);
    const history = await this.store.readStream(streamId);
    const state = foldEvents(
      f03Decider.evolve,
      f03Decider.initialState(),
      history.map((e) => e.event),
    );
    if (state.status === 'none') throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    const responseId = idempotencyKey ?? randomUUID();
    return appendResultOf(
      await this.store.handle(
        streamId,
        f03Decider,
        (current) => f03Decider.decide({ type: 'RecordF03Response', responseId, items, now: this.clock.now().toISOString() }, current),
        commandMeta({ ...PUBLIC_ACTOR, tenantId }, unitId, idempotencyKey),
      ),
    );
  }
}

@CommandHandler(CloseF03Command)
export class CloseF03Handler implements ICommandHandler<CloseF03Command> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, cycleId, unitId, idempotencyKey }: CloseF03Command): Promise<AppendResult> {
    return appendResultOf(
      await this.store.handle(
        f03StreamId(actor.tenantId, cycleId, unitId),
        f03Decider,
        (state) => f03Decider.decide({ type: 'CloseF03', now: this.clock.now().toISOString() }, state),
        commandMeta(actor, unitId, idempotencyKey),
      ),
    );
  }
}
