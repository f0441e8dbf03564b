import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import {
  assessmentStream,
  type CorrectedScore,
  correctedAssessment,
  cycleDecider,
  cycleStream,
  decideCycle,
  rulesetRefOf,
  scoreAssessment,
  toUnitResult,
} from '../domain';
import { RulesetCatalog } from '../queries/ruleset-catalog';
import { cycleWriterGuard, readAssessment, readCycle, rereadingOnChange } from './stream-state';

/** Corrects a published result: indicator scores replaced by the given ones, rescored under the ruleset the cycle pins for the unit's kode. */
export class CorrectResultCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly correctedScores: CorrectedScore[],
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(CorrectResultCommand)
export class CorrectResultHandler implements ICommandHandler<CorrectResultCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
    private readonly clock: Clock,
  ) {}

  async execute({ cycleId, unitId, correctedScores, reason, meta }: CorrectResultCommand): Promise<AppendResult> {
    return rereadingOnChange(async () => {
      const { state: cycle } = await readCycle(this.store, meta.tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      const lokus = cycle.units[unitId];
      if (!lokus) throw new DomainError('CYCLE.UNIT_NOT_IN_SCOPE', `unit ${unitId} is not a unit lokus of cycle ${cycleId}`);
      const ruleset = await this.rulesets.get(meta.tenantId, rulesetRefOf(cycle, unitId));
      const { state: assessment, version: assessmentVersion } = await readAssessment(this.store, meta.tenantId, cycleId, unitId);
      const result = toUnitResult(unitId, scoreAssessment(ruleset, correctedAssessment(ruleset, assessment, lokus, correctedScores, reason), lokus));
      const now = this.clock.now().toISOString();
      return this.store.handle(
        cycleStream(meta.tenantId, cycleId),
        cycleDecider,
        (state) => decideCycle({ type: 'CorrectResult', cycleId, result, reason, now }, state),
        meta,
        // scored from the assessment as read: if it changed meanwhile, read and score again
        { guard: cycleWriterGuard(meta.tenantId, cycleId, [{ streamId: assessmentStream(meta.tenantId, cycleId, unitId), version: assessmentVersion }]) },
      );
    });
  }
}
