import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { cycleDecider, cycleStream, decideCycle } from '../domain';
import { RulesetCatalog } from '../queries/ruleset-catalog';

export class OpenCycleCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly name: string,
    readonly rulesetId: string,
    readonly rulesetVersion: number | undefined,
    readonly window: { windowStart: string; windowEnd: string; selfAssessmentDue: string },
    readonly meta: CommandMeta,
    /** The service chose the id because the client did not. */
    readonly idGenerated: boolean,
  ) {
    super();
  }
}

@CommandHandler(OpenCycleCommand)
export class OpenCycleHandler implements ICommandHandler<OpenCycleCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
  ) {}

  async execute({ cycleId, name, rulesetId, rulesetVersion, window, meta, idGenerated }: OpenCycleCommand): Promise<AppendResult> {
    const ruleset = await this.rulesets.find(meta.tenantId, rulesetId, rulesetVersion);
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'OpenCycle', cycleId, name, ruleset, ...window }, state),
      meta,
      // a retried opening without a client-chosen id comes with a fresh one: its key answers the first cycle
      idGenerated ? { createsStreamWithPrefix: cycleStream(meta.tenantId, '') } : {},
    );
  }
}
