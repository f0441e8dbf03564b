import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta, foldStream } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply, forUnit } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { f03Decider, type F03ItemScore, f03StreamId } from '../domain';

export class RecordF03ResponseCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly cycleId: string,
    readonly unitId: string,
    readonly items: F03ItemScore[],
  ) {
    super();
  }
}

@CommandHandler(RecordF03ResponseCommand)
export class RecordF03ResponseHandler implements ICommandHandler<RecordF03ResponseCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ meta, cycleId, unitId, items }: RecordF03ResponseCommand): Promise<CommandReply> {
    const streamId = f03StreamId(meta.tenantId, cycleId, unitId);
    const history = await this.store.readStream(streamId);
    const state = foldStream(
      f03Decider,
      streamId,
      history.map((e) => e.event),
    );
    if (state.status === 'none') throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    // A response id is never the client's key: a key only says "this is a retry" (the store answers it).
    const responseId = randomUUID();
    return commandReply(
      await this.store.handle(
        streamId,
        f03Decider,
        (current) => f03Decider.decide({ type: 'RecordF03Response', responseId, items, now: this.clock.now().toISOString() }, current),
        forUnit(meta, unitId),
      ),
    );
  }
}
