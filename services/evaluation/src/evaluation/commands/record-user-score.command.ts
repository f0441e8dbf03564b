import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import type { Fraction } from '@lib/kernel';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { cycleDecider, cycleStream, decideCycle } from '../domain';
import { cycleWriterGuard } from './stream-state';

export class RecordUserScoreCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly summary: { score: Fraction; respondents: number; quotaMet: boolean },
    readonly sourceEventId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RecordUserScoreCommand)
export class RecordUserScoreHandler implements ICommandHandler<RecordUserScoreCommand> {
  constructor(private readonly store: EventStore<EvaluationEvent>) {}

  execute({ cycleId, unitId, summary, sourceEventId, meta }: RecordUserScoreCommand): Promise<AppendResult> {
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'RecordUserScore', cycleId, unitId, ...summary, sourceEventId }, state),
      meta,
      { guard: cycleWriterGuard(meta.tenantId, cycleId) },
    );
  }
}
