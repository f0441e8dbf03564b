import type { EvaluationEvent, evaluationPb } from '@lib/contracts';
import { type Decider, type EventsOf, assertNever } from '@lib/event-sourcing/domain';
import { isAfter, isLocalDate } from '@lib/kernel';
import { DomainError, type EvaluationErrorCode } from './error-codes';
import { type Cycle, type NonSubmissionDecision, phasesRecorded, rulesetRefOf } from './cycle';
import { guardPhase, overrideHolds, type PhaseAction, type PhaseOverride, type PhaseWindows } from './cycle-phases';
import { type Ruleset, SCALE_MAX, SCALE_MIN, findIndicator, sameRuleset, scoredIndicators } from './ruleset/ruleset';
import type { ScoringInput } from './scoring/scoring-rules';
import { decideEach, firstRepeat } from './list-commands';
import { type F01AnswerInput, formMismatch, questionGaps, refuseProblems, selfAnswerFromQuestions } from './f01/f01-self-answer';

// One stream per cycle × unit of a tenant (`assessment-<tenantId>/<cycleId>/<unitId>`): the unit's self-assessment (F-01)
// with its evidence, the verifier's return/verify loop, the evaluators' F-02 scores and visits.
// What lives on the cycle stream (window, deadline, evaluators, pinned ruleset, frozen results)
// arrives on every command as an AssessmentContext built by assessmentContext().

/** Facts of the cycle and its pinned ruleset the assessment rules depend on. */
export interface AssessmentContext {
  cycleId: string;
  unitId: string;
  windowStart: string;
  windowEnd: string;
  selfAssessmentDue: string;
  resultsFrozen: boolean;
  /** The ruleset the cycle scores the unit under (`rulesetRefOf`: by its kode), not the newest one. */
  ruleset: Ruleset;
  /** Null when the unit is not a unit lokus of the cycle. */
  lokus: { evaluatorIds: readonly string[]; leadEvaluatorId: string } | null;
  /**
   * The phase windows every action is held to (cycle-phases.ts); absent for a cycle opened before phases,
   * which holds only the unit's F-01 actions, to the dates above.
   */
  phases?: PhaseWindows;
  /** The admin's overrides of the phase schedule for this unit. */
  overrides?: readonly PhaseOverride[];
  /** What the admin decided for this unit's F-01 that was never submitted, once its window closed. */
  nonSubmission?: NonSubmissionDecision['kind'];
}

/** Builds the context from the cycle's state and the ruleset the handler looked up for it. */
export function assessmentContext(cycle: Cycle, unitId: string, pinnedRuleset: Ruleset): AssessmentContext {
  if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_OPENED', 'the cycle has not been opened');
  const pinned = rulesetRefOf(cycle, unitId);
  if (!sameRuleset(pinned, pinnedRuleset)) {
    throw new DomainError(
      'CYCLE.RULESET_MISMATCH',
      `cycle ${cycle.cycleId} scores ${unitId} under ${pinned.id} v${pinned.version}, not ${pinnedRuleset.id} v${pinnedRuleset.version}`,
    );
  }
  const lokus = cycle.units[unitId];
  return {
    cycleId: cycle.cycleId,
    unitId,
    windowStart: cycle.windowStart,
    windowEnd: cycle.windowEnd,
    selfAssessmentDue: cycle.selfAssessmentDue,
    resultsFrozen: cycle.status === 'published',
    ruleset: pinnedRuleset,
    lokus: lokus ? { evaluatorIds: lokus.evaluatorIds, leadEvaluatorId: lokus.leadEvaluatorId } : null,
    ...(phasesRecorded(cycle) && { phases: cycle.phases }),
    ...(lokus?.overrides && { overrides: lokus.overrides }),
    ...(lokus?.nonSubmission && { nonSubmission: lokus.nonSubmission.kind }),
  };
}

export type AssessmentStatus = 'draft' | 'submitted' | 'returned' | 'verified';

export const ASSESSMENT_EVENT_TYPES = [
  'selfAssessmentDraftSaved',
  'evidenceAttached',
  'selfAssessmentSubmitted',
  'selfAssessmentReturned',
  'selfAssessmentResubmitted',
  'selfAssessmentVerified',
  'indicatorScored',
  'verificationVisitRecorded',
  'indicatorProposalConfirmed',
  'indicatorProposalOverridden',
] as const;
export type AssessmentEvent = EventsOf<EvaluationEvent, typeof ASSESSMENT_EVENT_TYPES>;

/** How an evaluator's mark came from the indicator's proposal: the proposal as it stood, and when they decided. */
export interface ProposalDecision {
  kind: 'confirmed' | 'overridden';
  proposedLevel: number;
  ruleId: string;
  proposalRules: string;
  sourceEventIds: string[];
  decidedAt: string;
}

export interface EvaluatorMark {
  score: number;
  note: string;
  /** Present when the mark confirms or overrides the indicator's proposal; a score typed in on F-02 has none. */
  decision?: ProposalDecision;
}

/** An indicator's proposal as indicator_proposals_v1 holds it when the command runs (the handler reads it). */
export interface ProposalSnapshot {
  level: number;
  ruleId: string;
  proposalRules: string;
  sourceEventIds: string[];
}

export interface Assessment {
  status: AssessmentStatus;
  answers: Record<string, evaluationPb.SelfAnswer>;
  /** Evidence per indicator code. */
  evidence: Record<string, evaluationPb.Evidence[]>;
  /** Notes of the latest return. */
  returnNotes: evaluationPb.IndicatorNote[];
  /** Latest score per indicator code, per evaluator id. */
  scores: Record<string, Record<string, EvaluatorMark>>;
  visits: evaluationPb.VerificationVisitRecorded[];
  /** F-01 versions frozen so far: each submission and resubmission freezes the next (see f01-versions.ts). */
  submittedVersions: number;
}

export type Actor = { userId: string; role: 'evaluator' | 'admin' };

/**
 * An indicator's F-01 answer. Under a ruleset without F-01 questions: `score` 0..5 with a justification.
 * Under one with questions: `questions` (each with the evidence it rests on), and the claimed level is derived.
 */
export interface DraftAnswer extends F01AnswerInput {
  /** Evidence already attached to this indicator; default: all of it (typed self score only). */
  evidenceIds?: string[];
}

/** One F-02 score of a list entered at once. */
export interface IndicatorScoreInput {
  indicatorCode: string;
  score: number;
  note: string;
}

export type EvidenceInput =
  | { kind: 'file'; evidenceId: string; name: string; storageKey: string; sha256: string; sizeBytes: number; mediaType: string }
  | { kind: 'link'; evidenceId: string; name: string; url: string };

/** Upload limits, from configuration. */
export interface EvidencePolicy {
  maxSizeBytes: number;
  allowedMediaTypes: readonly string[];
}

interface Common {
  context: AssessmentContext;
  /** Local date in the tenant's time zone. */
  today: string;
  /** Instant, ISO-8601. */
  now: string;
}

export type AssessmentCommand =
  | (Common & { type: 'SaveSelfAssessmentDraft'; answers: DraftAnswer[] })
  | (Common & { type: 'AttachEvidence'; indicatorCode: string; evidence: EvidenceInput; policy: EvidencePolicy })
  | (Common & { type: 'SubmitSelfAssessment' })
  | (Common & { type: 'ReturnSelfAssessment'; by: Actor; notes: evaluationPb.IndicatorNote[] })
  | (Common & { type: 'ResubmitSelfAssessment' })
  | (Common & { type: 'VerifySelfAssessment'; by: Actor })
  | (Common & { type: 'ScoreIndicator'; evaluatorId: string; indicatorCode: string; score: number; note: string })
  /**
   * Many F-02 scores of one evaluator at once, each decided as a ScoreIndicator. `evaluatorId`: whose
   * marks they are; default the caller for an evaluator, the lead evaluator for an admin.
   */
  | (Common & { type: 'ScoreIndicators'; by: Actor; evaluatorId?: string; scores: IndicatorScoreInput[] })
  /** `expectedLevel`: the level the evaluator saw proposed; null `proposal`: events propose nothing for the indicator. */
  | (Common & { type: 'ConfirmProposal'; evaluatorId: string; indicatorCode: string; proposal: ProposalSnapshot | null; expectedLevel: number })
  | (Common & { type: 'OverrideProposal'; evaluatorId: string; indicatorCode: string; proposal: ProposalSnapshot | null; score: number; note: string })
  | (Common & { type: 'RecordVerificationVisit'; by: Actor; visitedOn: string; evaluatorIds: string[]; findings: string });

export const initialAssessment = (): Assessment => ({
  status: 'draft',
  answers: {},
  evidence: {},
  returnNotes: [],
  scores: {},
  visits: [],
  submittedVersions: 0,
});

// read-model rows stored before versions were counted lack the field
const versionsSoFar = (state: Assessment): number => state.submittedVersions ?? 0;

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const HTTPS_URL = /^https:\/\/[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$/i;

function fail(code: EvaluationErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}

/** The phase-table action of each evaluator/admin command; the unit's F-01 commands are held to theirs by guardUnitEditing. */
const STAFF_ACTIONS: Partial<Record<AssessmentCommand['type'], PhaseAction>> = {
  ReturnSelfAssessment: 'f01-review',
  VerifySelfAssessment: 'f01-review',
  ScoreIndicator: 'f02-score',
  ScoreIndicators: 'f02-score',
  ConfirmProposal: 'f02-score',
  OverrideProposal: 'f02-score',
  RecordVerificationVisit: 'visit-record',
};

/** Checks every command shares: results not frozen, unit in scope, a valid `today`, and for an evaluator's or admin's action its phase. */
function guard(command: AssessmentCommand): NonNullable<AssessmentContext['lokus']> {
  const { context } = command;
  if (context.resultsFrozen) fail('CYCLE.RESULTS_FROZEN', `results of cycle ${context.cycleId} are published and frozen`);
  if (!context.lokus) fail('ASSESSMENT.UNIT_NOT_IN_SCOPE', `unit ${context.unitId} is not a unit lokus of cycle ${context.cycleId}`);
  if (!isLocalDate(command.today)) fail('ASSESSMENT.INVALID_DATE', `today must be a date YYYY-MM-DD, got "${command.today}"`);
  const staffAction = STAFF_ACTIONS[command.type];
  if (staffAction && context.phases) guardPhase(context.phases, staffAction, command.today, context.overrides);
  return context.lokus;
}

/**
 * The unit may edit its self-assessment: a draft in F-01 filling, a returned one in F-01 filling or
 * revision (cycle-phases.ts), or whenever an override of the admin holds. A cycle opened before phases
 * keeps its dates: a draft until the due date, a returned one until the window ends.
 */
function guardUnitEditing(command: AssessmentCommand, state: Assessment): void {
  const { context, today } = command;
  const action: PhaseAction = state.status === 'returned' ? 'f01-revise' : 'f01-fill';
  const scheduled = !overrideHolds(context.overrides, action, today);
  if (scheduled && context.phases) guardPhase(context.phases, action, today);
  const byCycleDates = scheduled && !context.phases;
  if (byCycleDates && isAfter(context.windowStart, today)) fail('CYCLE.NOT_STARTED', `cycle ${context.cycleId} opens on ${context.windowStart}`);
  switch (state.status) {
    case 'draft':
      if (context.nonSubmission) fail('ASSESSMENT.NON_SUBMISSION_DECIDED', `the unit's missing F-01 was decided (${context.nonSubmission}); it stays closed`);
      if (byCycleDates && isAfter(today, context.selfAssessmentDue)) {
        fail('ASSESSMENT.DEADLINE_PASSED', `the self-assessment was due on ${context.selfAssessmentDue}`);
      }
      return;
    case 'returned':
      if (byCycleDates && isAfter(today, context.windowEnd)) fail('CYCLE.CLOSED', `cycle ${context.cycleId} closed on ${context.windowEnd}`);
      return;
    case 'submitted':
      return fail('ASSESSMENT.ALREADY_SUBMITTED', 'the self-assessment is submitted and waits for verification');
    case 'verified':
      return fail('ASSESSMENT.ALREADY_VERIFIED', 'the self-assessment is verified');
    default:
      return assertNever(state.status);
  }
}

/**
 * Verifier and evaluator actions need a submitted assessment that is not back with the unit. With
 * `context`, an F-02 score or visit: also a never-submitted one the admin let evaluators score from a field visit.
 */
function guardSubmitted(state: Assessment, context?: AssessmentContext): void {
  if (state.status === 'draft' && context?.nonSubmission === 'field-visit') return;
  if (state.status === 'draft') fail('ASSESSMENT.NOT_SUBMITTED', 'the self-assessment has not been submitted');
  if (state.status === 'returned') fail('ASSESSMENT.AWAITING_RESUBMISSION', 'the self-assessment was returned to the unit and not resubmitted yet');
}

function guardActor(by: Actor, lokus: NonNullable<AssessmentContext['lokus']>): void {
  if (by.role === 'evaluator' && !lokus.evaluatorIds.includes(by.userId)) {
    fail('ASSESSMENT.EVALUATOR_NOT_ASSIGNED', `${by.userId} is not an evaluator of this unit`);
  }
}

function guardIndicator(context: AssessmentContext, code: string): void {
  if (!findIndicator(context.ruleset, code)) {
    fail('ASSESSMENT.UNKNOWN_INDICATOR', `${code} is not a scored indicator of ${context.ruleset.id} v${context.ruleset.version}`);
  }
}

function guardScore(score: number, code: string): void {
  if (!Number.isInteger(score) || score < SCALE_MIN || score > SCALE_MAX) {
    fail('ASSESSMENT.INVALID_SCORE', `score of ${code} must be an integer ${SCALE_MIN}..${SCALE_MAX}, got ${score}`);
  }
}

function missingAnswers(context: AssessmentContext, state: Assessment): string[] {
  return scoredIndicators(context.ruleset)
    .map((indicator) => indicator.code)
    .filter((code) => !state.answers[code]);
}

function guardComplete(context: AssessmentContext, state: Assessment): void {
  const missing = missingAnswers(context, state);
  const gaps = questionGaps(context.ruleset, state.answers);
  if (missing.length > 0 || gaps.questionIds.length > 0) {
    const indicatorCodes = [...missing, ...gaps.indicatorCodes];
    const questions = gaps.questionIds.length > 0 ? `; unanswered questions: ${gaps.questionIds.join(', ')}` : '';
    fail('ASSESSMENT.INCOMPLETE', `${indicatorCodes.length} indicator(s) are not fully answered: ${indicatorCodes.join(', ')}${questions}`, {
      indicatorCodes,
      questionIds: gaps.questionIds,
    });
  }
  refuseProblems('ASSESSMENT.EVIDENCE_REQUIRED', gaps.evidence);
}

function evidenceOf(input: EvidenceInput, policy: EvidencePolicy): evaluationPb.Evidence {
  if (input.evidenceId.trim() === '' || input.name.trim() === '') fail('ASSESSMENT.INVALID_EVIDENCE', 'evidence needs an id and a name');
  if (input.kind === 'link') {
    if (!HTTPS_URL.test(input.url)) fail('ASSESSMENT.INVALID_LINK', `evidence links must be https URLs, got "${input.url}"`);
    return { evidenceId: input.evidenceId, kind: 'link', name: input.name, location: input.url, sha256: '', sizeBytes: 0, mediaType: '' };
  }
  if (!SHA256_HEX.test(input.sha256)) fail('ASSESSMENT.INVALID_EVIDENCE_HASH', 'sha256 must be 64 hexadecimal characters');
  if (!Number.isInteger(input.sizeBytes) || input.sizeBytes <= 0) fail('ASSESSMENT.EMPTY_EVIDENCE', `file ${input.name} is empty`);
  if (input.sizeBytes > policy.maxSizeBytes) {
    fail('ASSESSMENT.EVIDENCE_TOO_LARGE', `file ${input.name} has ${input.sizeBytes} bytes; the limit is ${policy.maxSizeBytes}`);
  }
  if (!policy.allowedMediaTypes.includes(input.mediaType)) {
    fail('ASSESSMENT.EVIDENCE_TYPE_NOT_ALLOWED', `${input.mediaType} is not allowed; allowed: ${policy.allowedMediaTypes.join(', ')}`);
  }
  if (input.storageKey.trim() === '') fail('ASSESSMENT.INVALID_EVIDENCE', 'a file needs its storage key');
  return {
    evidenceId: input.evidenceId,
    kind: 'file',
    name: input.name,
    location: input.storageKey,
    sha256: input.sha256.toLowerCase(),
    sizeBytes: input.sizeBytes,
    mediaType: input.mediaType,
  };
}

const sameEvidence = (a: evaluationPb.Evidence, b: evaluationPb.Evidence): boolean =>
  a.evidenceId === b.evidenceId &&
  a.kind === b.kind &&
  a.name === b.name &&
  a.location === b.location &&
  a.sha256 === b.sha256 &&
  a.sizeBytes === b.sizeBytes &&
  a.mediaType === b.mediaType;

type ProposalDecisionCommand = Extract<AssessmentCommand, { type: 'ConfirmProposal' | 'OverrideProposal' }>;

/** What an F-02 score needs (an assigned evaluator, a submitted assessment, a scored indicator), and a proposal to decide on. */
function guardProposalDecision(command: ProposalDecisionCommand, state: Assessment): ProposalSnapshot {
  const lokus = guard(command);
  guardActor({ userId: command.evaluatorId, role: 'evaluator' }, lokus);
  guardIndicator(command.context, command.indicatorCode);
  guardSubmitted(state, command.context);
  if (!command.proposal) fail('PROPOSAL.NOT_FOUND', `events propose no level for ${command.indicatorCode}`, { indicatorCode: command.indicatorCode });
  return command.proposal;
}

const sameProposal = (decision: ProposalDecision, proposal: ProposalSnapshot): boolean =>
  decision.proposedLevel === proposal.level &&
  decision.ruleId === proposal.ruleId &&
  decision.proposalRules === proposal.proposalRules &&
  decision.sourceEventIds.join(',') === proposal.sourceEventIds.join(',');

/** The fields both decision events carry: who decided on which indicator, and the proposal as it stood. */
const decided = (command: ProposalDecisionCommand, proposal: ProposalSnapshot) => ({
  indicatorCode: command.indicatorCode,
  evaluatorId: command.evaluatorId,
  proposedLevel: proposal.level,
  ruleId: proposal.ruleId,
  proposalRules: proposal.proposalRules,
  sourceEventIds: proposal.sourceEventIds,
});

export function decideAssessment(command: AssessmentCommand, state: Assessment): AssessmentEvent[] {
  const { context } = command;
  const ids = { cycleId: context.cycleId, unitId: context.unitId };
  switch (command.type) {
    case 'SaveSelfAssessmentDraft': {
      guard(command);
      guardUnitEditing(command, state);
      if (command.answers.length === 0) fail('ASSESSMENT.NO_ANSWERS', 'a draft needs at least one answer');
      const seen = new Set<string>();
      refuseProblems(
        'ASSESSMENT.INVALID_ANSWER',
        command.answers.flatMap((answer, index) => formMismatch(findIndicator(context.ruleset, answer.indicatorCode)?.indicator.f01, answer, index)),
      );
      const answers = command.answers.map((answer, index): evaluationPb.SelfAnswer => {
        guardIndicator(context, answer.indicatorCode);
        if (seen.has(answer.indicatorCode)) fail('ASSESSMENT.DUPLICATE_ANSWER', `${answer.indicatorCode} is answered twice`);
        seen.add(answer.indicatorCode);
        const attached = (state.evidence[answer.indicatorCode] ?? []).map((evidence) => evidence.evidenceId);
        const form = findIndicator(context.ruleset, answer.indicatorCode)?.indicator.f01;
        if (form) return selfAnswerFromQuestions(form, answer, attached, index);
        const score = answer.score ?? Number.NaN;
        guardScore(score, answer.indicatorCode);
        const evidenceIds = answer.evidenceIds ?? attached;
        const unknown = evidenceIds.filter((id) => !attached.includes(id));
        if (unknown.length > 0) {
          fail('ASSESSMENT.UNKNOWN_EVIDENCE', `evidence ${unknown.join(', ')} is not attached to ${answer.indicatorCode}`, { evidenceIds: unknown });
        }
        return {
          indicatorCode: answer.indicatorCode,
          score,
          justification: answer.justification ?? '',
          evidenceIds,
          questionAnswers: [],
          claimedLevelRule: '',
          claimedLevelRuleSource: '',
        };
      });
      return [{ $case: 'selfAssessmentDraftSaved', value: { ...ids, answers, savedAt: command.now } }];
    }
    case 'AttachEvidence': {
      guard(command);
      guardUnitEditing(command, state);
      guardIndicator(context, command.indicatorCode);
      const evidence = evidenceOf(command.evidence, command.policy);
      const existing = Object.values(state.evidence)
        .flat()
        .find((candidate) => candidate.evidenceId === evidence.evidenceId);
      if (existing) {
        const sameIndicator = (state.evidence[command.indicatorCode] ?? []).includes(existing);
        if (sameIndicator && sameEvidence(existing, evidence)) return [];
        fail('ASSESSMENT.DUPLICATE_EVIDENCE', `evidence id ${evidence.evidenceId} is already used`);
      }
      return [{ $case: 'evidenceAttached', value: { ...ids, indicatorCode: command.indicatorCode, evidence } }];
    }
    case 'SubmitSelfAssessment': {
      guard(command);
      if (state.status === 'returned') fail('ASSESSMENT.RETURNED', 'a returned self-assessment is resubmitted, not submitted');
      guardUnitEditing(command, state);
      guardComplete(context, state);
      return [{ $case: 'selfAssessmentSubmitted', value: { ...ids, submittedAt: command.now, version: versionsSoFar(state) + 1 } }];
    }
    case 'ReturnSelfAssessment': {
      const lokus = guard(command);
      guardActor(command.by, lokus);
      if (state.status === 'draft') fail('ASSESSMENT.NOT_SUBMITTED', 'the self-assessment has not been submitted');
      if (state.status === 'returned') fail('ASSESSMENT.ALREADY_RETURNED', 'the self-assessment is already back with the unit');
      if (state.status === 'verified') fail('ASSESSMENT.ALREADY_VERIFIED', 'a verified self-assessment cannot be returned');
      if (command.notes.length === 0 || command.notes.some((note) => note.note.trim() === '')) {
        fail('ASSESSMENT.NOTES_REQUIRED', 'a return needs a note on every indicator it concerns');
      }
      command.notes.forEach((note) => guardIndicator(context, note.indicatorCode));
      return [
        {
          $case: 'selfAssessmentReturned',
          value: { ...ids, notes: command.notes, returnedAt: command.now, returnedBy: command.by.userId, version: versionsSoFar(state) },
        },
      ];
    }
    case 'ResubmitSelfAssessment': {
      guard(command);
      if (state.status !== 'returned') fail('ASSESSMENT.NOT_RETURNED', `only a returned self-assessment is resubmitted; it is ${state.status}`);
      guardUnitEditing(command, state);
      guardComplete(context, state);
      return [{ $case: 'selfAssessmentResubmitted', value: { ...ids, resubmittedAt: command.now, version: versionsSoFar(state) + 1 } }];
    }
    case 'VerifySelfAssessment': {
      const lokus = guard(command);
      guardActor(command.by, lokus);
      if (state.status === 'verified') fail('ASSESSMENT.ALREADY_VERIFIED', 'the self-assessment is already verified');
      guardSubmitted(state);
      return [{ $case: 'selfAssessmentVerified', value: { ...ids, verifiedAt: command.now, verifiedBy: command.by.userId, version: versionsSoFar(state) } }];
    }
    case 'ScoreIndicator': {
      const lokus = guard(command);
      guardActor({ userId: command.evaluatorId, role: 'evaluator' }, lokus);
      guardIndicator(context, command.indicatorCode);
      guardSubmitted(state, context);
      guardScore(command.score, command.indicatorCode);
      if (command.note.trim() === '') fail('ASSESSMENT.NOTE_REQUIRED', 'an F-02 score needs a note against the descriptors');
      const latest = state.scores[command.indicatorCode]?.[command.evaluatorId];
      // the same score over a confirmation or override is still a change: the mark stops being a decision on the proposal
      if (latest && !latest.decision && latest.score === command.score && latest.note === command.note) return [];
      return [
        {
          $case: 'indicatorScored',
          value: {
            ...ids,
            indicatorCode: command.indicatorCode,
            evaluatorId: command.evaluatorId,
            score: command.score,
            note: command.note,
            scoredAt: command.now,
          },
        },
      ];
    }
    case 'ScoreIndicators': {
      const lokus = guard(command);
      guardActor(command.by, lokus);
      const evaluatorId = command.evaluatorId ?? (command.by.role === 'admin' ? lokus.leadEvaluatorId : command.by.userId);
      // An evaluator enters only their own marks. An admin enters an assigned evaluator's marks from their
      // F-02 sheet, never marks of their own: IPP combines the evaluators' scores, and the admin is none.
      if (command.by.role === 'evaluator' && evaluatorId !== command.by.userId) {
        fail('ASSESSMENT.SCORES_OF_ANOTHER_EVALUATOR', `${command.by.userId} enters scores as ${evaluatorId}`);
      }
      if (command.scores.length === 0) fail('ASSESSMENT.NO_SCORES', 'enter at least one score');
      const repeat = firstRepeat(command.scores, (mark) => mark.indicatorCode);
      if (repeat >= 0) {
        const indicatorCode = command.scores[repeat].indicatorCode;
        fail('ASSESSMENT.DUPLICATE_SCORE', `${indicatorCode} is scored twice`, { field: `scores[${repeat}].indicatorCode`, index: repeat, indicatorCode });
      }
      return decideEach(evolveAssessment, state, { field: 'scores', items: command.scores }, (mark, current) =>
        decideAssessment({ type: 'ScoreIndicator', context, today: command.today, now: command.now, evaluatorId, ...mark }, current),
      );
    }
    case 'ConfirmProposal': {
      const proposal = guardProposalDecision(command, state);
      guardScore(command.expectedLevel, command.indicatorCode);
      if (proposal.level !== command.expectedLevel) {
        fail('PROPOSAL.CHANGED', `the proposal of ${command.indicatorCode} is now level ${proposal.level}, not the ${command.expectedLevel} confirmed`, {
          indicatorCode: command.indicatorCode,
          expectedLevel: command.expectedLevel,
          currentLevel: proposal.level,
        });
      }
      const latest = state.scores[command.indicatorCode]?.[command.evaluatorId];
      if (latest?.decision?.kind === 'confirmed' && sameProposal(latest.decision, proposal)) return [];
      return [
        {
          $case: 'indicatorProposalConfirmed',
          value: { ...ids, ...decided(command, proposal), score: proposal.level, confirmedAt: command.now },
        },
      ];
    }
    case 'OverrideProposal': {
      const proposal = guardProposalDecision(command, state);
      guardScore(command.score, command.indicatorCode);
      if (command.note.trim() === '') fail('PROPOSAL.OVERRIDE_NOTE_REQUIRED', `overriding the proposal of ${command.indicatorCode} needs a note`);
      const latest = state.scores[command.indicatorCode]?.[command.evaluatorId];
      if (
        latest?.decision?.kind === 'overridden' &&
        sameProposal(latest.decision, proposal) &&
        latest.score === command.score &&
        latest.note === command.note
      ) {
        return [];
      }
      return [
        {
          $case: 'indicatorProposalOverridden',
          value: { ...ids, ...decided(command, proposal), score: command.score, note: command.note, overriddenAt: command.now },
        },
      ];
    }
    case 'RecordVerificationVisit': {
      const lokus = guard(command);
      guardSubmitted(state, context);
      if (command.evaluatorIds.length === 0) fail('ASSESSMENT.VISIT_WITHOUT_EVALUATOR', 'a verification visit needs the evaluators present');
      guardActor(command.by, lokus);
      command.evaluatorIds.forEach((userId) => guardActor({ userId, role: 'evaluator' }, lokus));
      // An evaluator records only a visit they took part in; an admin may enter it for the evaluators present.
      if (command.by.role === 'evaluator' && !command.evaluatorIds.includes(command.by.userId)) {
        fail('ASSESSMENT.VISIT_RECORDER_ABSENT', `${command.by.userId} records a visit without being among its evaluators`);
      }
      if (!isLocalDate(command.visitedOn)) fail('ASSESSMENT.INVALID_DATE', `visitedOn must be a date YYYY-MM-DD, got "${command.visitedOn}"`);
      if (isAfter(command.visitedOn, command.today)) fail('ASSESSMENT.VISIT_IN_FUTURE', `a visit on ${command.visitedOn} has not happened yet`);
      if (command.findings.trim() === '') fail('ASSESSMENT.FINDINGS_REQUIRED', 'a verification visit needs its findings');
      return [
        { $case: 'verificationVisitRecorded', value: { ...ids, visitedOn: command.visitedOn, evaluatorIds: command.evaluatorIds, findings: command.findings } },
      ];
    }
    default:
      return assertNever(command);
  }
}

/** The evaluator's latest mark on the indicator replaces their earlier one, whichever way it was given. */
const withMark = (state: Assessment, indicatorCode: string, evaluatorId: string, mark: EvaluatorMark): Assessment => ({
  ...state,
  scores: { ...state.scores, [indicatorCode]: { ...state.scores[indicatorCode], [evaluatorId]: mark } },
});

export function evolveAssessment(state: Assessment, event: AssessmentEvent): Assessment {
  switch (event.$case) {
    case 'selfAssessmentDraftSaved': {
      const answers = { ...state.answers };
      for (const answer of event.value.answers) answers[answer.indicatorCode] = answer;
      return { ...state, answers };
    }
    case 'evidenceAttached': {
      const { indicatorCode, evidence } = event.value;
      if (!evidence) return state;
      return { ...state, evidence: { ...state.evidence, [indicatorCode]: [...(state.evidence[indicatorCode] ?? []), evidence] } };
    }
    case 'selfAssessmentSubmitted':
    case 'selfAssessmentResubmitted':
      // counted, not read from the event: events recorded before versions were numbered carry 0
      return { ...state, status: 'submitted', submittedVersions: versionsSoFar(state) + 1 };
    case 'selfAssessmentReturned':
      return { ...state, status: 'returned', returnNotes: event.value.notes };
    case 'selfAssessmentVerified':
      return { ...state, status: 'verified' };
    case 'indicatorScored': {
      const { indicatorCode, evaluatorId, score, note } = event.value;
      return withMark(state, indicatorCode, evaluatorId, { score, note });
    }
    case 'indicatorProposalConfirmed': {
      const { indicatorCode, evaluatorId, score, proposedLevel, ruleId, proposalRules, sourceEventIds, confirmedAt } = event.value;
      const decision: ProposalDecision = { kind: 'confirmed', proposedLevel, ruleId, proposalRules, sourceEventIds, decidedAt: confirmedAt };
      return withMark(state, indicatorCode, evaluatorId, { score, note: '', decision });
    }
    case 'indicatorProposalOverridden': {
      const { indicatorCode, evaluatorId, score, note, proposedLevel, ruleId, proposalRules, sourceEventIds, overriddenAt } = event.value;
      const decision: ProposalDecision = { kind: 'overridden', proposedLevel, ruleId, proposalRules, sourceEventIds, decidedAt: overriddenAt };
      return withMark(state, indicatorCode, evaluatorId, { score, note, decision });
    }
    case 'verificationVisitRecorded':
      return { ...state, visits: [...state.visits, event.value] };
    default:
      return assertNever(event);
  }
}

export const assessmentDecider: Decider<AssessmentCommand, AssessmentEvent, Assessment> = {
  eventTypes: ASSESSMENT_EVENT_TYPES,
  initialState: initialAssessment,
  decide: decideAssessment,
  evolve: evolveAssessment,
};

/** What scoreUnit() needs from an assessment; the handler adds the cycle's user score. */
export function scoringInputOf(state: Assessment, leadEvaluatorId: string): ScoringInput {
  return {
    selfScores: Object.values(state.answers).map(({ indicatorCode, score }) => ({ indicatorCode, score })),
    evaluatorScores: Object.entries(state.scores).flatMap(([indicatorCode, byEvaluator]) =>
      Object.entries(byEvaluator).map(([evaluatorId, mark]) => ({ indicatorCode, evaluatorId, score: mark.score })),
    ),
    leadEvaluatorId,
  };
}
