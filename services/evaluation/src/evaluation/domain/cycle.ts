import type { EvaluationEvent, evaluationPb } from '@lib/contracts';
import { type Decider, type EventsOf, assertNever } from '@lib/event-sourcing/domain';
import { compare, equals, type Fraction, formatFraction, fraction, fromDecimal, isAfter, isLocalDate, parseFraction, toNumber } from '@lib/kernel';
import { COMPLIANCE_RULESET_OF_UNPINNED_CYCLES } from './compliance/compliance-registry';
import type { ComplianceRulesetRef } from './compliance/compliance-ruleset';
import {
  CYCLE_PHASES,
  type CyclePhase,
  derivedPhaseWindows,
  guardPhase,
  isCyclePhase,
  isPhaseAction,
  OVERRIDABLE_ACTIONS,
  type PhaseOverride,
  type PhaseWindow,
  type PhaseWindows,
  validatePhaseWindows,
} from './cycle-phases';
import { DomainError } from './error-codes';
import { decideEach, firstRepeat } from './list-commands';
import { type NonSubmissionOutcome, type Ruleset, type RulesetRef, SCALE_MAX, SCALE_MIN, sameRuleset } from './ruleset/ruleset';

// One stream per PEKPPP cycle of a tenant (`cycle-<tenantId>/<cycleId>`): the window, the pinned ruleset (and its Kode B one) and compliance
// ruleset, the unit lokus with their kode and evaluators, the F-03 user scores from the survey context, and the published results.

export interface UserScore {
  /** Nearest double of the exact score, for display. */
  score: number;
  /** The exact score as "n/d"; absent when it was recorded before the exact score travelled (see `exactUserScore`). */
  exact?: string;
  respondents: number;
  quotaMet: boolean;
  sourceEventId: string;
}

/** The PEKPPP form a unit lokus is evaluated with: A (luring, services at a counter) or B (daring, fully online services). */
export type LokusKode = 'A' | 'B';
export const LOKUS_KODES: readonly LokusKode[] = ['A', 'B'];

/**
 * What the admin decided for a unit lokus that never submitted its F-01 once the F-01 window closed:
 * its evaluators score from a field visit, or the ruleset's non-submission outcome applies.
 */
export type NonSubmissionDecision = { reason: string; decidedBy: string; decidedAt: string } & (
  { kind: 'field-visit' } | { kind: 'ruleset-outcome'; ruleset: RulesetRef; outcome: NonSubmissionOutcome }
);

export interface UnitLokus {
  /** Absent in a read-model row written before Kode B: A. */
  kode?: LokusKode;
  evaluatorIds: string[];
  leadEvaluatorId: string;
  userScore: UserScore | null;
  /** Actions the admin let this unit take outside their phases; absent when none (and in rows written before phases). */
  overrides?: PhaseOverride[];
  /** Absent unless the unit never submitted F-01 and the admin decided what follows. */
  nonSubmission?: NonSubmissionDecision;
}

export interface OpenCycle {
  status: 'open' | 'published';
  cycleId: string;
  name: string;
  ruleset: RulesetRef;
  /** The ruleset a Kode B lokus is scored under; null when the pinned ruleset names none (absent in a read-model row written before Kode B). */
  kodeBRuleset?: RulesetRef | null;
  /** The Ombudsman compliance ruleset the unit lokus's compliance grades are computed under. */
  complianceRuleset: ComplianceRulesetRef;
  windowStart: string;
  windowEnd: string;
  selfAssessmentDue: string;
  /** The window of each phase; absent for a cycle opened before phases existed (see `phaseWindowsOf`). */
  phases?: PhaseWindows;
  units: Record<string, UnitLokus>;
  /** Current result per unit once published (corrections replace). */
  results: Record<string, evaluationPb.UnitResult>;
  /** Survey event ids already recorded, so a redelivered F03Closed records nothing. */
  userScoreSources: string[];
}

export type Cycle = { status: 'none' } | OpenCycle;

export const CYCLE_EVENT_TYPES = [
  'cycleOpened',
  'unitLokusAssigned',
  'userScoreReceived',
  'cycleResultsPublished',
  'resultCorrected',
  'cyclePhaseWindowChanged',
  'phaseOverrideGranted',
  'fieldVisitScoringAllowed',
  'nonSubmissionOutcomeApplied',
] as const;
export type CycleEvent = EventsOf<EvaluationEvent, typeof CYCLE_EVENT_TYPES>;

export type CycleCommand =
  | {
      type: 'OpenCycle';
      cycleId: string;
      name: string;
      /** The ruleset to pin, as looked up by the handler (it must exist). */
      ruleset: Ruleset;
      /** The newest version of the ruleset `ruleset.kodeBRulesetId` names, as looked up by the handler; null when it names none. */
      kodeBRuleset: RulesetRef | null;
      /** The compliance ruleset to pin, as looked up by the handler (it must be shipped). */
      complianceRuleset: ComplianceRulesetRef;
      windowStart: string;
      windowEnd: string;
      selfAssessmentDue: string;
      /** Windows of the phases the admin set; every phase not named takes its window from `derivedPhaseWindows`. */
      phases?: Partial<Record<CyclePhase, PhaseWindow>>;
    }
  /** Moves the window of a phase that has not started yet. */
  | { type: 'ChangePhaseWindow'; cycleId: string; phase: string; window: PhaseWindow; reason: string; by: string; today: string; now: string }
  /** Lets one unit lokus take one action outside its phases, from today until `until`. */
  | { type: 'GrantPhaseOverride'; cycleId: string; unitId: string; action: string; until: string; reason: string; by: string; today: string; now: string }
  /**
   * What follows for a unit lokus whose F-01 was never submitted, once the F-01 window closed:
   * `field-visit` lets evaluators score F-02 without an F-01; `ruleset-outcome` applies the non-submission
   * outcome of `ruleset` (the one the unit is scored under, as the handler looked it up).
   * `f01Submitted`: whether the unit ever submitted its F-01, as the handler read its assessment.
   */
  | {
      type: 'DecideNonSubmission';
      cycleId: string;
      unitId: string;
      decision: 'field-visit' | 'ruleset-outcome';
      ruleset: Ruleset;
      f01Submitted: boolean;
      reason: string;
      by: string;
      today: string;
      now: string;
    }
  | {
      type: 'AssignUnitLokus';
      cycleId: string;
      unitId: string;
      evaluatorIds: string[];
      leadEvaluatorId: string;
      /** Absent: the lokus keeps its kode, and a new lokus is Kode A. */
      kode?: LokusKode;
      /** Whether the unit's F-01 was submitted or an evaluator scored it, as the handler read its assessment: its kode is then fixed. */
      assessmentUnderway: boolean;
      today: string;
    }
  /** Many units at once, each decided as an AssignUnitLokus. */
  | { type: 'AssignUnitsLokus'; cycleId: string; units: UnitLokusAssignment[]; today: string }
  /** From the survey context's F03Closed, with the score exact. */
  | { type: 'RecordUserScore'; cycleId: string; unitId: string; score: Fraction; respondents: number; quotaMet: boolean; sourceEventId: string }
  /** Results computed by the handler with scoreUnit(), each under its lokus's ruleset (`rulesetRefOf`), as `scoredUnder` says by unit id. */
  /** `today`: held to the finalisation phase when given (a cycle opened before phases is not). */
  | {
      type: 'PublishResults';
      cycleId: string;
      scoredUnder: Readonly<Record<string, RulesetRef>>;
      results: evaluationPb.UnitResult[];
      now: string;
      today?: string;
    }
  | { type: 'CorrectResult'; cycleId: string; result: evaluationPb.UnitResult; reason: string; now: string };

/** One unit of an AssignUnitsLokus: whatever an AssignUnitLokus says about its unit. */
export type UnitLokusAssignment = Omit<Extract<CycleCommand, { type: 'AssignUnitLokus' }>, 'type' | 'cycleId' | 'today'>;

export const initialCycle = (): Cycle => ({ status: 'none' });

/** A recorded user score, exact: as it arrived, or for one recorded before, the decimal its double prints as. */
export function exactUserScore(userScore: UserScore): Fraction {
  return (userScore.exact === undefined ? undefined : parseFraction(userScore.exact)) ?? fromDecimal(userScore.score);
}

/** The F-03 respondent quota the survey context collects under, from the pinned ruleset; absent without a user score. */
const f03QuotaOf = (ruleset: Ruleset): evaluationPb.F03Quota | undefined => {
  const merge = ruleset.userScoreMerge;
  return merge ? { minimum: merge.f03MinRespondents, maximum: merge.f03MaxRespondents, provisional: merge.provisional } : undefined;
};

/** The window of each phase of a cycle: as recorded, or for a cycle opened before phases, derived from its window and due date. */
export const phaseWindowsOf = (cycle: OpenCycle): PhaseWindows => cycle.phases ?? derivedPhaseWindows(cycle);

/**
 * Whether the cycle holds every action to the phase table: one opened with phases, or one whose phases the
 * admin changed since. A cycle opened before phases holds only the unit's F-01 actions to its dates, as it always did.
 */
export const phasesRecorded = (cycle: OpenCycle): boolean => cycle.phases !== undefined;

function opened(state: Cycle, cycleId: string): OpenCycle {
  if (state.status === 'none') throw new DomainError('CYCLE.NOT_OPENED', `cycle ${cycleId} has not been opened`);
  return state;
}

function notFrozen(state: OpenCycle): OpenCycle {
  if (state.status === 'published') throw new DomainError('CYCLE.RESULTS_FROZEN', `results of cycle ${state.cycleId} are published and frozen`);
  return state;
}

const kodeOf = (lokus: UnitLokus): LokusKode => lokus.kode ?? 'A';

/** The ruleset a unit of the cycle is scored under: the Kode B one for a Kode B lokus, else the pinned one. */
export function rulesetRefOf(cycle: OpenCycle, unitId: string): RulesetRef {
  const lokus = cycle.units[unitId];
  return lokus && kodeOf(lokus) === 'B' && cycle.kodeBRuleset ? cycle.kodeBRuleset : cycle.ruleset;
}

function lokusOf(state: OpenCycle, unitId: string): UnitLokus {
  const lokus = state.units[unitId];
  if (!lokus) throw new DomainError('CYCLE.UNIT_NOT_IN_SCOPE', `unit ${unitId} is not a unit lokus of cycle ${state.cycleId}`);
  return lokus;
}

function requireDate(value: string, field: string): void {
  if (!isLocalDate(value)) throw new DomainError('CYCLE.INVALID_DATE', `${field} must be a date YYYY-MM-DD, got "${value}"`);
}

export function decideCycle(command: CycleCommand, state: Cycle): CycleEvent[] {
  switch (command.type) {
    case 'OpenCycle': {
      if (state.status !== 'none') throw new DomainError('CYCLE.ALREADY_OPENED', `cycle ${command.cycleId} is already open`);
      if (command.name.trim() === '') throw new DomainError('CYCLE.NAME_REQUIRED', 'a cycle needs a name, e.g. "PEKPPP 2026"');
      requireDate(command.windowStart, 'windowStart');
      requireDate(command.windowEnd, 'windowEnd');
      requireDate(command.selfAssessmentDue, 'selfAssessmentDue');
      if (isAfter(command.windowStart, command.windowEnd)) {
        throw new DomainError('CYCLE.INVALID_WINDOW', `the window starts ${command.windowStart}, after it ends ${command.windowEnd}`);
      }
      if (isAfter(command.windowStart, command.selfAssessmentDue) || isAfter(command.selfAssessmentDue, command.windowEnd)) {
        throw new DomainError(
          'CYCLE.DUE_OUTSIDE_WINDOW',
          `the self-assessment due date ${command.selfAssessmentDue} is outside ${command.windowStart}..${command.windowEnd}`,
        );
      }
      const phases: PhaseWindows = { ...derivedPhaseWindows(command), ...command.phases };
      validatePhaseWindows(phases, command);
      return [
        {
          $case: 'cycleOpened',
          value: {
            cycleId: command.cycleId,
            name: command.name,
            rulesetId: command.ruleset.id,
            rulesetVersion: command.ruleset.version,
            windowStart: command.windowStart,
            windowEnd: command.windowEnd,
            selfAssessmentDue: command.selfAssessmentDue,
            f03Quota: f03QuotaOf(command.ruleset),
            complianceRulesetId: command.complianceRuleset.id,
            complianceRulesetVersion: command.complianceRuleset.version,
            kodeBRulesetId: command.kodeBRuleset?.id ?? '',
            kodeBRulesetVersion: command.kodeBRuleset?.version ?? 0,
            phaseWindows: CYCLE_PHASES.map((phase) => ({ phase, ...phases[phase] })),
          },
        },
      ];
    }
    case 'ChangePhaseWindow': {
      const cycle = notFrozen(opened(state, command.cycleId));
      requireDate(command.today, 'today');
      const { phase, window } = command;
      if (!isCyclePhase(phase)) throw new DomainError('CYCLE.UNKNOWN_PHASE', `no phase "${phase}"; phases: ${CYCLE_PHASES.join(', ')}`, { phase });
      const windows = phaseWindowsOf(cycle);
      const current = windows[phase];
      if (current.start === window.start && current.end === window.end) return [];
      if (!isAfter(current.start, command.today)) {
        throw new DomainError('CYCLE.PHASE_STARTED', `${phase} started on ${current.start}; only a phase that has not started can move`, { phase });
      }
      if (isLocalDate(window.start) && !isAfter(window.start, command.today)) {
        throw new DomainError('CYCLE.PHASE_STARTED', `${phase} cannot move to start on ${window.start}, not after today ${command.today}`, { phase });
      }
      validatePhaseWindows({ ...windows, [phase]: window }, cycle);
      return [
        {
          $case: 'cyclePhaseWindowChanged',
          value: {
            cycleId: cycle.cycleId,
            phase,
            start: window.start,
            end: window.end,
            previousStart: current.start,
            previousEnd: current.end,
            reason: command.reason,
            changedBy: command.by,
            changedAt: command.now,
          },
        },
      ];
    }
    case 'GrantPhaseOverride': {
      const cycle = notFrozen(opened(state, command.cycleId));
      requireDate(command.today, 'today');
      const lokus = lokusOf(cycle, command.unitId);
      if (!isPhaseAction(command.action) || !OVERRIDABLE_ACTIONS.includes(command.action)) {
        throw new DomainError('CYCLE.ACTION_NOT_OVERRIDABLE', `"${command.action}" cannot be overridden; overridable: ${OVERRIDABLE_ACTIONS.join(', ')}`, {
          action: command.action,
        });
      }
      if (command.reason.trim() === '') throw new DomainError('CYCLE.OVERRIDE_REASON_REQUIRED', 'an override of the phase schedule must say why');
      requireDate(command.until, 'until');
      if (isAfter(command.today, command.until)) {
        throw new DomainError('CYCLE.OVERRIDE_IN_PAST', `an override until ${command.until} would end before today ${command.today}`);
      }
      if ((command.action === 'f01-fill' || command.action === 'f01-revise') && lokus.nonSubmission) {
        throw new DomainError(
          'CYCLE.NON_SUBMISSION_DECIDED',
          `unit ${command.unitId}'s non-submission was decided (${lokus.nonSubmission.kind}); its F-01 stays closed`,
        );
      }
      return [
        {
          $case: 'phaseOverrideGranted',
          value: {
            cycleId: cycle.cycleId,
            unitId: command.unitId,
            action: command.action,
            until: command.until,
            reason: command.reason,
            grantedBy: command.by,
            grantedAt: command.now,
          },
        },
      ];
    }
    case 'DecideNonSubmission': {
      const cycle = notFrozen(opened(state, command.cycleId));
      requireDate(command.today, 'today');
      const lokus = lokusOf(cycle, command.unitId);
      if (command.reason.trim() === '') throw new DomainError('CYCLE.NON_SUBMISSION_REASON_REQUIRED', 'a non-submission decision must say why');
      const f01 = phaseWindowsOf(cycle)['f01-filling'];
      if (!isAfter(command.today, f01.end)) {
        throw new DomainError('CYCLE.F01_WINDOW_OPEN', `F-01 filling runs until ${f01.end}; decide on non-submission after it closes`, {
          f01FillingEnd: f01.end,
        });
      }
      if (command.f01Submitted) throw new DomainError('CYCLE.F01_SUBMITTED', `unit ${command.unitId} submitted its F-01`);
      if (lokus.nonSubmission) {
        if (lokus.nonSubmission.kind === command.decision) return [];
        throw new DomainError('CYCLE.NON_SUBMISSION_DECIDED', `unit ${command.unitId} already has the decision ${lokus.nonSubmission.kind}`, {
          decision: lokus.nonSubmission.kind,
        });
      }
      const decided = { cycleId: cycle.cycleId, unitId: command.unitId, reason: command.reason };
      if (command.decision === 'field-visit') {
        return [{ $case: 'fieldVisitScoringAllowed', value: { ...decided, allowedBy: command.by, allowedAt: command.now } }];
      }
      const pinned = rulesetRefOf(cycle, command.unitId);
      if (!sameRuleset(pinned, command.ruleset)) {
        throw new DomainError('CYCLE.RULESET_MISMATCH', `unit ${command.unitId} is scored under ${pinned.id} v${pinned.version}`);
      }
      const outcome = command.ruleset.nonSubmissionOutcome;
      if (!outcome) {
        throw new DomainError(
          'CYCLE.NO_NON_SUBMISSION_OUTCOME',
          `${pinned.id} v${pinned.version} states no non-submission outcome; allow field-visit scoring instead`,
        );
      }
      return [
        {
          $case: 'nonSubmissionOutcomeApplied',
          value: {
            ...decided,
            appliedBy: command.by,
            appliedAt: command.now,
            rulesetId: pinned.id,
            rulesetVersion: pinned.version,
            label: outcome.label,
            indicatorScore: outcome.indicatorScore,
            provisional: outcome.provisional,
            source: outcome.source,
          },
        },
      ];
    }
    case 'AssignUnitLokus': {
      const cycle = notFrozen(opened(state, command.cycleId));
      requireDate(command.today, 'today');
      if (isAfter(command.today, cycle.windowEnd)) throw new DomainError('CYCLE.CLOSED', `cycle ${cycle.cycleId} closed on ${cycle.windowEnd}`);
      if (command.unitId.trim() === '') throw new DomainError('CYCLE.UNIT_REQUIRED', 'a unit id is required');
      if (command.evaluatorIds.length === 0) throw new DomainError('CYCLE.NO_EVALUATORS', `unit ${command.unitId} needs at least one evaluator`);
      if (new Set(command.evaluatorIds).size !== command.evaluatorIds.length) {
        throw new DomainError('CYCLE.DUPLICATE_EVALUATOR', `an evaluator is listed twice for unit ${command.unitId}`);
      }
      if (!command.evaluatorIds.includes(command.leadEvaluatorId)) {
        throw new DomainError('CYCLE.LEAD_NOT_AN_EVALUATOR', `lead evaluator ${command.leadEvaluatorId} is not among the evaluators of unit ${command.unitId}`);
      }
      const current = cycle.units[command.unitId];
      const kode = command.kode ?? (current ? kodeOf(current) : 'A');
      if (kode === 'B' && !cycle.kodeBRuleset) {
        throw new DomainError(
          'CYCLE.NO_KODE_B_RULESET',
          `cycle ${cycle.cycleId} pins ${cycle.ruleset.id} v${cycle.ruleset.version}, which has no Kode B ruleset`,
        );
      }
      // a submitted F-01 and F-02 scores answer the indicators of the kode's ruleset, which the other kode's does not all have
      if (current && kode !== kodeOf(current) && command.assessmentUnderway) {
        throw new DomainError(
          'CYCLE.KODE_LOCKED',
          `unit ${command.unitId} is assessed as Kode ${kodeOf(current)} (F-01 submitted or F-02 scored); its kode can no longer change`,
        );
      }
      if (
        current &&
        kode === kodeOf(current) &&
        current.leadEvaluatorId === command.leadEvaluatorId &&
        sameMembers(current.evaluatorIds, command.evaluatorIds)
      ) {
        return [];
      }
      return [
        {
          $case: 'unitLokusAssigned',
          value: { cycleId: cycle.cycleId, unitId: command.unitId, evaluatorIds: command.evaluatorIds, leadEvaluatorId: command.leadEvaluatorId, kode },
        },
      ];
    }
    case 'AssignUnitsLokus': {
      notFrozen(opened(state, command.cycleId));
      if (command.units.length === 0) throw new DomainError('CYCLE.NO_ASSIGNMENTS', 'list at least one unit lokus');
      const repeat = firstRepeat(command.units, (assignment) => assignment.unitId);
      if (repeat >= 0) {
        const { unitId } = command.units[repeat];
        throw new DomainError('CYCLE.DUPLICATE_UNIT', `unit ${unitId} is listed twice`, { field: `units[${repeat}].unitId`, index: repeat, unitId });
      }
      const { cycleId, today } = command;
      return decideEach(evolveCycle, state, { field: 'units', items: command.units }, (assignment, current) =>
        decideCycle({ ...assignment, type: 'AssignUnitLokus', cycleId, today }, current),
      );
    }
    case 'RecordUserScore': {
      const cycle = opened(state, command.cycleId);
      if (cycle.userScoreSources.includes(command.sourceEventId)) return []; // a redelivered F03Closed
      notFrozen(cycle);
      const recorded = lokusOf(cycle, command.unitId).userScore;
      const { score } = command;
      if (
        compare(score, fraction(SCALE_MIN)) < 0 ||
        compare(score, fraction(SCALE_MAX)) > 0 ||
        !Number.isInteger(command.respondents) ||
        command.respondents < 0
      ) {
        throw new DomainError(
          'CYCLE.INVALID_USER_SCORE',
          `user score must be 0..5 from >= 0 respondents, got ${formatFraction(score)} from ${command.respondents}`,
        );
      }
      // The survey context closes a unit's F-03 collection once and has no way to reopen it, so a second
      // F03Closed is not a correction: the first score stays, and one that differs is refused (dead-lettered).
      if (recorded) {
        if (equals(exactUserScore(recorded), score) && recorded.respondents === command.respondents && recorded.quotaMet === command.quotaMet) return [];
        throw new DomainError(
          'CYCLE.USER_SCORE_ALREADY_RECORDED',
          `unit ${command.unitId} already has the F-03 score ${recorded.score} from ${recorded.respondents} respondents (event ${recorded.sourceEventId}); event ${command.sourceEventId} says ${toNumber(score)} from ${command.respondents}`,
        );
      }
      return [
        {
          $case: 'userScoreReceived',
          value: {
            cycleId: cycle.cycleId,
            unitId: command.unitId,
            score: toNumber(score),
            respondents: command.respondents,
            quotaMet: command.quotaMet,
            sourceEventId: command.sourceEventId,
            scoreNumerator: Number(score.num),
            scoreDenominator: Number(score.den),
          },
        },
      ];
    }
    case 'PublishResults': {
      const cycle = notFrozen(opened(state, command.cycleId));
      if (command.today !== undefined && phasesRecorded(cycle)) guardPhase(phaseWindowsOf(cycle), 'results-publish', command.today);
      const unitIds = Object.keys(cycle.units);
      if (unitIds.length === 0) throw new DomainError('CYCLE.NO_UNITS', `cycle ${cycle.cycleId} has no unit lokus`);
      const seen = new Set<string>();
      for (const result of command.results) {
        lokusOf(cycle, result.unitId);
        if (seen.has(result.unitId)) throw new DomainError('CYCLE.DUPLICATE_RESULT', `unit ${result.unitId} has two results`);
        const pinned = rulesetRefOf(cycle, result.unitId);
        const scoredUnder = command.scoredUnder[result.unitId];
        if (!scoredUnder || !sameRuleset(scoredUnder, pinned)) {
          throw new DomainError(
            'CYCLE.RULESET_MISMATCH',
            `the result of ${result.unitId} was scored under ${scoredUnder ? `${scoredUnder.id} v${scoredUnder.version}` : 'no ruleset'}; cycle ${cycle.cycleId} scores it under ${pinned.id} v${pinned.version}`,
          );
        }
        seen.add(result.unitId);
      }
      const missing = unitIds.filter((unitId) => !seen.has(unitId));
      if (missing.length > 0) {
        throw new DomainError('CYCLE.RESULTS_INCOMPLETE', `${missing.length} unit lokus have no result`, { unitIds: missing });
      }
      return [
        {
          $case: 'cycleResultsPublished',
          value: {
            cycleId: cycle.cycleId,
            rulesetId: cycle.ruleset.id,
            rulesetVersion: cycle.ruleset.version,
            results: command.results,
            publishedAt: command.now,
          },
        },
      ];
    }
    case 'CorrectResult': {
      const cycle = opened(state, command.cycleId);
      if (cycle.status !== 'published')
        throw new DomainError('CYCLE.NOT_PUBLISHED', `results of cycle ${cycle.cycleId} are not published; change the scores instead`);
      if (!cycle.results[command.result.unitId]) lokusOf(cycle, command.result.unitId);
      if (command.reason.trim() === '') throw new DomainError('CYCLE.REASON_REQUIRED', 'a correction of a published result must say why');
      return [{ $case: 'resultCorrected', value: { cycleId: cycle.cycleId, result: command.result, reason: command.reason, correctedAt: command.now } }];
    }
    default:
      return assertNever(command);
  }
}

/** The phases a CycleOpened records; none (a cycle opened before phases) leaves them to `phaseWindowsOf`. */
function phasesOf(recorded: readonly evaluationPb.CyclePhaseWindow[] | undefined): { phases?: PhaseWindows } {
  const byPhase = new Map((recorded ?? []).map(({ phase, start, end }) => [phase, { start, end }]));
  if (!CYCLE_PHASES.every((phase) => byPhase.has(phase))) return {};
  return { phases: Object.fromEntries(CYCLE_PHASES.map((phase) => [phase, byPhase.get(phase)])) as Record<CyclePhase, PhaseWindow> };
}

function withNonSubmission(state: Cycle, unitId: string, decision: NonSubmissionDecision): Cycle {
  if (state.status === 'none' || !state.units[unitId]) return state;
  return { ...state, units: { ...state.units, [unitId]: { ...state.units[unitId], nonSubmission: decision } } };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export function evolveCycle(state: Cycle, event: CycleEvent): Cycle {
  switch (event.$case) {
    case 'cycleOpened': {
      const value = event.value;
      return {
        status: 'open',
        cycleId: value.cycleId,
        name: value.name,
        ruleset: { id: value.rulesetId, version: value.rulesetVersion },
        kodeBRuleset: value.kodeBRulesetId ? { id: value.kodeBRulesetId, version: value.kodeBRulesetVersion } : null,
        complianceRuleset: value.complianceRulesetId
          ? { id: value.complianceRulesetId, version: value.complianceRulesetVersion }
          : { ...COMPLIANCE_RULESET_OF_UNPINNED_CYCLES },
        windowStart: value.windowStart,
        windowEnd: value.windowEnd,
        selfAssessmentDue: value.selfAssessmentDue,
        ...phasesOf(value.phaseWindows),
        units: {},
        results: {},
        userScoreSources: [],
      };
    }
    case 'unitLokusAssigned': {
      if (state.status === 'none') return state;
      const { unitId, evaluatorIds, leadEvaluatorId, kode } = event.value;
      const { userScore = null, overrides, nonSubmission } = state.units[unitId] ?? {};
      const lokus: UnitLokus = {
        kode: kode === 'B' ? 'B' : 'A',
        evaluatorIds: [...evaluatorIds],
        leadEvaluatorId,
        userScore,
        ...(overrides && { overrides }),
        ...(nonSubmission && { nonSubmission }),
      };
      return { ...state, units: { ...state.units, [unitId]: lokus } };
    }
    case 'userScoreReceived': {
      if (state.status === 'none') return state;
      const { unitId, score, respondents, quotaMet, sourceEventId, scoreNumerator, scoreDenominator } = event.value;
      const lokus = state.units[unitId];
      if (!lokus) return state;
      const exact = scoreDenominator > 0 ? { exact: formatFraction(fraction(scoreNumerator, scoreDenominator)) } : {};
      return {
        ...state,
        units: { ...state.units, [unitId]: { ...lokus, userScore: { score, ...exact, respondents, quotaMet, sourceEventId } } },
        userScoreSources: [...state.userScoreSources, sourceEventId],
      };
    }
    case 'cycleResultsPublished': {
      if (state.status === 'none') return state;
      return { ...state, status: 'published', results: Object.fromEntries(event.value.results.map((result) => [result.unitId, result])) };
    }
    case 'resultCorrected': {
      const result = event.value.result;
      if (state.status === 'none' || !result) return state;
      return { ...state, results: { ...state.results, [result.unitId]: result } };
    }
    case 'cyclePhaseWindowChanged': {
      if (state.status === 'none' || !isCyclePhase(event.value.phase)) return state;
      const { phase, start, end } = event.value;
      return { ...state, phases: { ...phaseWindowsOf(state), [phase]: { start, end } } };
    }
    case 'phaseOverrideGranted': {
      const { unitId, action, until, reason, grantedBy, grantedAt } = event.value;
      if (state.status === 'none' || !state.units[unitId] || !isPhaseAction(action)) return state;
      const lokus = state.units[unitId];
      const override: PhaseOverride = { action, until, reason, grantedBy, grantedAt };
      return { ...state, units: { ...state.units, [unitId]: { ...lokus, overrides: [...(lokus.overrides ?? []), override] } } };
    }
    case 'fieldVisitScoringAllowed': {
      const { unitId, reason, allowedBy, allowedAt } = event.value;
      return withNonSubmission(state, unitId, { kind: 'field-visit', reason, decidedBy: allowedBy, decidedAt: allowedAt });
    }
    case 'nonSubmissionOutcomeApplied': {
      const { unitId, reason, appliedBy, appliedAt, rulesetId, rulesetVersion, label, indicatorScore, provisional, source } = event.value;
      return withNonSubmission(state, unitId, {
        kind: 'ruleset-outcome',
        reason,
        decidedBy: appliedBy,
        decidedAt: appliedAt,
        ruleset: { id: rulesetId, version: rulesetVersion },
        outcome: { label, indicatorScore, provisional, source },
      });
    }
    default:
      return assertNever(event);
  }
}

export const cycleDecider: Decider<CycleCommand, CycleEvent, Cycle> = {
  eventTypes: CYCLE_EVENT_TYPES,
  initialState: initialCycle,
  decide: decideCycle,
  evolve: evolveCycle,
};
