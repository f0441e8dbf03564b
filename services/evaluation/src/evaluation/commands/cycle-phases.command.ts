import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { assessmentStream, cycleDecider, type CycleCommand, cycleStream, decideCycle, type PhaseWindow, rulesetRefOf } from '../domain';
import { DomainError } from '../domain/error-codes';
import { RulesetCatalog } from '../queries/ruleset-catalog';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { cycleWriterGuard, readAssessment, readCycle, rereadingOnChange } from './stream-state';

// The admin's commands on a cycle's phase schedule: moving a phase that has not started, letting one unit
// take an action outside its phases, and deciding what follows for a unit that never submitted F-01.
// Each is decided on the tenant's local date.

/** Moves the window of a phase that has not started yet. */
export class ChangePhaseWindowCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly phase: string,
    readonly window: PhaseWindow,
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Lets one unit lokus take one action outside its phases until a day, with a reason. */
export class GrantPhaseOverrideCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly action: string,
    readonly until: string,
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** For a unit lokus that never submitted F-01, once its window closed: field-visit scoring, or the ruleset's outcome. */
export class DecideNonSubmissionCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly decision: 'field-visit' | 'ruleset-outcome',
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ChangePhaseWindowCommand)
export class ChangePhaseWindowHandler implements ICommandHandler<ChangePhaseWindowCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, phase, window, reason, meta }: ChangePhaseWindowCommand): Promise<AppendResult> {
    const instant = this.clock.now();
    const today = await this.timeZones.localDate(meta.tenantId, instant);
    const command: CycleCommand = { type: 'ChangePhaseWindow', cycleId, phase, window, reason, by: meta.actor.id, today, now: instant.toISOString() };
    return this.store.handle(cycleStream(meta.tenantId, cycleId), cycleDecider, (state) => decideCycle(command, state), meta, {
      guard: cycleWriterGuard(meta.tenantId, cycleId),
    });
  }
}

@CommandHandler(GrantPhaseOverrideCommand)
export class GrantPhaseOverrideHandler implements ICommandHandler<GrantPhaseOverrideCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, unitId, action, until, reason, meta }: GrantPhaseOverrideCommand): Promise<AppendResult> {
    const instant = this.clock.now();
    const today = await this.timeZones.localDate(meta.tenantId, instant);
    const command: CycleCommand = { type: 'GrantPhaseOverride', cycleId, unitId, action, until, reason, by: meta.actor.id, today, now: instant.toISOString() };
    return this.store.handle(cycleStream(meta.tenantId, cycleId), cycleDecider, (state) => decideCycle(command, state), meta, {
      guard: cycleWriterGuard(meta.tenantId, cycleId),
    });
  }
}

@CommandHandler(DecideNonSubmissionCommand)
export class DecideNonSubmissionHandler implements ICommandHandler<DecideNonSubmissionCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ cycleId, unitId, decision, reason, meta }: DecideNonSubmissionCommand): Promise<AppendResult> {
    const instant = this.clock.now();
    const today = await this.timeZones.localDate(meta.tenantId, instant);
    return rereadingOnChange(async () => {
      const { state: cycle } = await readCycle(this.store, meta.tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      const ruleset = await this.rulesets.get(meta.tenantId, rulesetRefOf(cycle, unitId));
      const { state: assessment, version } = await readAssessment(this.store, meta.tenantId, cycleId, unitId);
      // a draft is the only state an F-01 never submitted is in: a return or a verification follows a submission
      const f01Submitted = assessment.status !== 'draft';
      const command: CycleCommand = {
        type: 'DecideNonSubmission',
        cycleId,
        unitId,
        decision,
        ruleset,
        f01Submitted,
        reason,
        by: meta.actor.id,
        today,
        now: instant.toISOString(),
      };
      return this.store.handle(
        cycleStream(meta.tenantId, cycleId),
        cycleDecider,
        (state) => decideCycle(command, state),
        meta,
        // decided on the assessment as read: an F-01 submitted meanwhile (under an override) is read again
        { guard: cycleWriterGuard(meta.tenantId, cycleId, [{ streamId: assessmentStream(meta.tenantId, cycleId, unitId), version }]) },
      );
    });
  }
}
