import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import {
  assessmentStream,
  type CorrectedScore,
  correctedAssessment,
  type Cycle,
  cycleDecider,
  cycleStream,
  decideCycle,
  scoreAssessment,
  toUnitResult,
} from '../domain';
import { RulesetCatalog } from '../queries/ruleset-catalog';
import { TenantTimeZones } from '../../operations/tenant-time-zones';
import { cycleWriterGuard, readAssessment, readCycle, rereadingOnChange } from './stream-state';

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

export class AssignUnitLokusCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly evaluatorIds: string[],
    readonly leadEvaluatorId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(AssignUnitLokusCommand)
export class AssignUnitLokusHandler implements ICommandHandler<AssignUnitLokusCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, unitId, evaluatorIds, leadEvaluatorId, meta }: AssignUnitLokusCommand): Promise<AppendResult> {
    const today = await this.timeZones.localDate(meta.tenantId, this.clock.now());
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'AssignUnitLokus', cycleId, unitId, evaluatorIds, leadEvaluatorId, today }, state),
      meta,
      { guard: cycleWriterGuard(meta.tenantId, cycleId) },
    );
  }
}

export class RecordUserScoreCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly summary: { score: number; respondents: number; quotaMet: boolean },
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

/** Freezes every unit's result, scored now under the cycle's pinned ruleset from the assessment streams. */
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
  ) {}

  async execute({ cycleId, meta }: PublishResultsCommand): Promise<AppendResult> {
    return rereadingOnChange(async () => {
      const { state: cycle } = await readCycle(this.store, meta.tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      const ruleset = await this.rulesets.get(meta.tenantId, cycle.ruleset);
      const unitIds = Object.keys(cycle.units);
      const assessments = await Promise.all(unitIds.map((unitId) => readAssessment(this.store, meta.tenantId, cycleId, unitId)));
      const now = this.clock.now().toISOString();
      // Results are scored inside decide from the cycle state handle() read, so a user score recorded
      // meanwhile makes the append retry with it; an F-01/F-02 change to an assessment after the
      // reads above fails the guard, and the whole publication is read and decided again.
      const resultsOf = (state: Cycle) =>
        state.status === 'none'
          ? []
          : unitIds.map((unitId, u) => toUnitResult(unitId, scoreAssessment(ruleset, assessments[u].state, state.units[unitId] ?? null)));
      const guard = cycleWriterGuard(
        meta.tenantId,
        cycleId,
        unitIds.map((unitId, u) => ({ streamId: assessmentStream(meta.tenantId, cycleId, unitId), version: assessments[u].version })),
      );
      return this.store.handle(
        cycleStream(meta.tenantId, cycleId),
        cycleDecider,
        (state) =>
          decideCycle({ type: 'PublishResults', cycleId, scoredUnder: { id: ruleset.id, version: ruleset.version }, results: resultsOf(state), now }, state),
        meta,
        { guard },
      );
    });
  }
}

/** Corrects a published result: indicator scores replaced by the given ones, rescored under the pinned ruleset. */
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
      const ruleset = await this.rulesets.get(meta.tenantId, cycle.ruleset);
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
