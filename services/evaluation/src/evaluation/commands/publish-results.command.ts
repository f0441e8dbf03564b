import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { assessmentStream, type Cycle, cycleDecider, cycleStream, decideCycle, type Ruleset, rulesetRefOf, scoreAssessment, toUnitResult } from '../domain';
import { RulesetCatalog } from '../queries/ruleset-catalog';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { cycleWriterGuard, readAssessment, readCycle, rereadingOnChange } from './stream-state';

/** Freezes every unit's result, scored now from the assessment streams under the ruleset the cycle pins for its kode. */
export class PublishResultsCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(PublishResultsCommand)
export class PublishResultsHandler implements ICommandHandler<PublishResultsCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, meta }: PublishResultsCommand): Promise<AppendResult> {
    return rereadingOnChange(async () => {
      const { state: cycle } = await readCycle(this.store, meta.tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      const unitIds = Object.keys(cycle.units);
      const rulesets: Ruleset[] = await Promise.all(unitIds.map((unitId) => this.rulesets.get(meta.tenantId, rulesetRefOf(cycle, unitId))));
      const scoredUnder = Object.fromEntries(unitIds.map((unitId, u) => [unitId, { id: rulesets[u].id, version: rulesets[u].version }]));
      const assessments = await Promise.all(unitIds.map((unitId) => readAssessment(this.store, meta.tenantId, cycleId, unitId)));
      const instant = this.clock.now();
      const now = instant.toISOString();
      const today = await this.timeZones.localDate(meta.tenantId, instant);
      // Results are scored inside decide from the cycle state handle() read, so a user score recorded
      // meanwhile makes the append retry with it; an F-01/F-02 change to an assessment after the
      // reads above fails the guard, and the whole publication is read and decided again.
      const resultsOf = (state: Cycle) =>
        state.status === 'none'
          ? []
          : unitIds.map((unitId, u) => toUnitResult(unitId, scoreAssessment(rulesets[u], assessments[u].state, state.units[unitId] ?? null)));
      const guard = cycleWriterGuard(
        meta.tenantId,
        cycleId,
        unitIds.map((unitId, u) => ({ streamId: assessmentStream(meta.tenantId, cycleId, unitId), version: assessments[u].version })),
      );
      return this.store.handle(
        cycleStream(meta.tenantId, cycleId),
        cycleDecider,
        (state) => decideCycle({ type: 'PublishResults', cycleId, scoredUnder, results: resultsOf(state), now, today }, state),
        meta,
        { guard },
      );
    });
  }
}
