import { ApiProperty } from '@nestjs/swagger';
import type { CycleScores, CycleSummary, UnitScoreLine } from '../queries/cycle-overview.queries';
import type { CycleView, UnitScoreResponse as UnitScoreView } from '../queries/evaluation.queries';
import { LOKUS_KODES, type LokusKode, type UnitScoreExplanation, type WeakIndicator } from '../domain';
import type { NonSubmissionView, PublishedResult, ScoreBasis } from '../queries/unit-score.view';
import { CYCLE_PHASES, type CyclePhase, OVERRIDABLE_ACTIONS, PHASE_ACTIONS, type PhaseAction, type PhaseRole } from '../domain/cycle-phases';
import type { CyclePhaseView, PhaseOverrideView, PhaseRuleView } from '../queries/evaluation.queries';

const CYCLE_STATUSES = ['open', 'published'];
const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'verified'];

export class RulesetRefResponse {
  @ApiProperty({ example: 'pekppp-2023' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}

export class ScoredRulesetRefResponse extends RulesetRefResponse {
  @ApiProperty({ description: 'A part of the ruleset is provisional' })
  provisional!: boolean;
}

export class LokusSummaryResponse {
  @ApiProperty()
  unitId!: string;

  @ApiProperty({
    enum: LOKUS_KODES,
    description: "The PEKPPP form: A (luring) is scored under the cycle's ruleset, B (daring, fully online services) under its Kode B ruleset",
  })
  kode!: LokusKode;

  @ApiProperty({ type: [String] })
  evaluatorIds!: string[];

  @ApiProperty()
  leadEvaluatorId!: string;
}

export class CycleSummaryResponse implements CycleSummary {
  @ApiProperty({ format: 'uuid' })
  cycleId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: CYCLE_STATUSES, description: 'published: the results are frozen' })
  status!: string;

  @ApiProperty({ type: () => RulesetRefResponse, description: 'The ruleset version the cycle pins' })
  ruleset!: RulesetRefResponse;

  @ApiProperty({ format: 'date' })
  windowStart!: string;

  @ApiProperty({ format: 'date' })
  windowEnd!: string;

  @ApiProperty({ format: 'date', description: 'F-01 deadline' })
  selfAssessmentDue!: string;

  @ApiProperty({ type: () => [LokusSummaryResponse] })
  units!: LokusSummaryResponse[];

  @ApiProperty({ type: 'integer', description: "The cycle stream's version this summary reflects" })
  version!: number;
}

export class UserScoreResponse {
  @ApiProperty({ description: 'F-03 mean score 0..5' })
  score!: number;

  @ApiProperty({ type: 'integer' })
  respondents!: number;

  @ApiProperty()
  quotaMet!: boolean;
}

export class NonSubmissionResponse implements NonSubmissionView {
  @ApiProperty({
    enum: ['field-visit', 'ruleset-outcome'],
    description: "field-visit: evaluators score F-02 from a field visit without an F-01; ruleset-outcome: the ruleset's non-submission outcome applies",
  })
  decision!: 'field-visit' | 'ruleset-outcome';

  @ApiProperty()
  reason!: string;

  @ApiProperty({ description: 'User id of the admin' })
  decidedBy!: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Tidak mengisi F-01', description: "The outcome's label; null for field-visit scoring" })
  label!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The score every indicator took under the outcome; null for field-visit scoring' })
  indicatorScore!: number | null;

  @ApiProperty({ description: 'The outcome is provisional (no source states it)' })
  provisional!: boolean;
}

export class PhaseOverrideResponse implements PhaseOverrideView {
  @ApiProperty({ enum: OVERRIDABLE_ACTIONS })
  action!: PhaseAction;

  @ApiProperty({ format: 'date', description: 'Last day the override holds (local date)' })
  until!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ description: 'User id of the admin' })
  grantedBy!: string;

  @ApiProperty({ format: 'date-time' })
  grantedAt!: string;

  @ApiProperty({ description: 'It holds today' })
  active!: boolean;
}

export class LokusResponse extends LokusSummaryResponse {
  @ApiProperty({ type: String, nullable: true, description: "The registered name; null for a unit not in the tenant's units registry" })
  unitName!: string | null;

  @ApiProperty({ type: () => UserScoreResponse, nullable: true, description: 'The F-03 user score once its collection closed' })
  userScore!: UserScoreResponse | null;

  @ApiProperty({ type: () => [PhaseOverrideResponse], description: 'Actions the admin let this unit take outside their phases' })
  phaseOverrides!: PhaseOverrideResponse[];

  @ApiProperty({ type: () => NonSubmissionResponse, nullable: true, description: 'What the admin decided for a unit that never submitted F-01' })
  nonSubmission!: NonSubmissionResponse | null;
}

export class CyclePhaseResponse implements CyclePhaseView {
  @ApiProperty({ enum: CYCLE_PHASES })
  phase!: CyclePhase;

  @ApiProperty({ example: 'Pengisian F-01' })
  name!: string;

  @ApiProperty({ format: 'date', description: 'First day (local date, the tenant’s time zone)' })
  start!: string;

  @ApiProperty({ format: 'date', description: 'Last day (local date)' })
  end!: string;

  @ApiProperty({ description: 'Today lies in its window' })
  active!: boolean;
}

export class PhaseRuleResponse implements PhaseRuleView {
  @ApiProperty({ enum: PHASE_ACTIONS })
  action!: PhaseAction;

  @ApiProperty({ enum: ['unit', 'evaluator', 'admin', 'respondent'], isArray: true })
  roles!: PhaseRole[];

  @ApiProperty({ enum: CYCLE_PHASES, isArray: true, description: 'The phases in which the action is allowed' })
  phases!: CyclePhase[];

  @ApiProperty({ example: 'Penilaian F-02' })
  description!: string;
}

export class CycleResponse implements CycleView {
  @ApiProperty({ format: 'uuid' })
  cycleId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: CYCLE_STATUSES })
  status!: string;

  @ApiProperty({ type: () => RulesetRefResponse })
  ruleset!: RulesetRefResponse;

  @ApiProperty({
    type: () => RulesetRefResponse,
    nullable: true,
    description: 'The ruleset a Kode B (daring) lokus is scored under; null when the pinned ruleset has no Kode B form',
  })
  kodeBRuleset!: RulesetRefResponse | null;

  @ApiProperty({
    type: () => RulesetRefResponse,
    description: 'The Ombudsman compliance ruleset the compliance grades are computed under, e.g. ombudsman-2025',
  })
  complianceRuleset!: RulesetRefResponse;

  @ApiProperty({ type: () => [CyclePhaseResponse], description: 'The phases in order, each with its window' })
  phases!: CyclePhaseResponse[];

  @ApiProperty({
    enum: CYCLE_PHASES,
    nullable: true,
    description: 'The first phase, in order, whose window holds today (the tenant’s date); null before the first and after the last',
  })
  currentPhase!: CyclePhase | null;

  @ApiProperty({
    description:
      'Every action is held to the phase table; false for a cycle opened before phases existed, which holds only the unit’s F-01 actions to its window and due date',
  })
  phasesEnforced!: boolean;

  @ApiProperty({ type: () => [PhaseRuleResponse], description: 'What each role may do in which phases' })
  phaseTable!: PhaseRuleResponse[];

  @ApiProperty({ format: 'date' })
  windowStart!: string;

  @ApiProperty({ format: 'date' })
  windowEnd!: string;

  @ApiProperty({ format: 'date' })
  selfAssessmentDue!: string;

  @ApiProperty({ type: () => [LokusResponse] })
  units!: LokusResponse[];

  @ApiProperty({ type: 'integer', description: "The cycle stream's version this view reflects" })
  version!: number;
}

export class IppResponse {
  @ApiProperty({ description: 'IPP of the self-assessment, 0..5' })
  self!: number;

  @ApiProperty({ description: 'IPP of the evaluator scores (F-02), 0..5' })
  evaluator!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The F-03 user score, null when none arrived' })
  userScore!: number | null;

  @ApiProperty({ type: 'integer' })
  userScoreRespondents!: number;

  @ApiProperty()
  userScoreMerged!: boolean;

  @ApiProperty({ type: String, nullable: true, enum: ['no-user-score', 'quota-not-met', 'ruleset-has-no-user-score'] })
  userScoreNotMergedReason!: string | null;

  @ApiProperty({ description: 'Final IPP, 0..5' })
  final!: number;
}

export class IndicatorScoreResponse {
  @ApiProperty({ example: '1.a.Ak' })
  indicatorCode!: string;

  @ApiProperty({ example: 'a' })
  aspectCode!: string;

  @ApiProperty({ type: 'integer' })
  weightBp!: number;

  @ApiProperty({ type: Number, nullable: true })
  selfScore!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  evaluatorScore!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Self minus evaluator score' })
  gap!: number | null;
}

export class AspectScoreResponse {
  @ApiProperty({ example: 'a' })
  aspectCode!: string;

  @ApiProperty({ type: 'integer' })
  weightBp!: number;

  @ApiProperty()
  self!: number;

  @ApiProperty()
  evaluator!: number;

  @ApiProperty({ type: [String] })
  missingIndicatorCodes!: string[];
}

export class AspectValueResponse {
  @ApiProperty({ example: 'a' })
  aspectCode!: string;

  @ApiProperty({ description: '0..5' })
  value!: number;
}

/** A unit's result as frozen when the cycle's results were published. */
export class PublishedResultResponse implements PublishedResult {
  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: () => [AspectValueResponse], description: 'Aspect values from the evaluator scores' })
  aspects!: AspectValueResponse[];

  @ApiProperty()
  ippEvaluator!: number;

  @ApiProperty({ description: '0 when not used' })
  userScore!: number;

  @ApiProperty()
  userScoreMerged!: boolean;

  @ApiProperty({ description: 'Final IPP, 0..5' })
  ipp!: number;

  @ApiProperty({ example: 'A-' })
  category!: string;

  @ApiProperty({ example: 'Sangat Baik' })
  predicate!: string;

  @ApiProperty()
  ippSelf!: number;

  @ApiProperty()
  provisional!: boolean;

  @ApiProperty({ type: [String] })
  missingIndicatorCodes!: string[];

  @ApiProperty({ type: 'integer' })
  userScoreRespondents!: number;

  @ApiProperty({ description: 'Empty when merged' })
  userScoreNotMergedReason!: string;
}

export class UnitScoreResponse implements UnitScoreView {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: () => ScoredRulesetRefResponse })
  ruleset!: ScoredRulesetRefResponse;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  assessmentStatus!: UnitScoreView['assessmentStatus'];

  @ApiProperty({ type: () => [IndicatorScoreResponse] })
  indicators!: IndicatorScoreResponse[];

  @ApiProperty({ type: () => [AspectScoreResponse] })
  aspects!: AspectScoreResponse[];

  @ApiProperty({ type: () => IppResponse })
  ipp!: IppResponse;

  @ApiProperty({ example: 'B' })
  category!: string;

  @ApiProperty({ example: 'Baik' })
  predicate!: string;

  @ApiProperty({ description: 'Every indicator of the ruleset has a final evaluator score' })
  complete!: boolean;

  @ApiProperty({ type: [String] })
  missingIndicatorCodes!: string[];

  @ApiProperty({ type: [String], description: 'Answered or scored indicators the ruleset does not know' })
  unknownIndicatorCodes!: string[];

  @ApiProperty({
    type: [String],
    description:
      'Indicators events propose a level for (GET …/proposals) that no evaluator has confirmed, overridden or scored yet under the ruleset’s combination, in the ruleset’s order: each is missing from the IPP until decided',
  })
  proposedOnlyIndicatorCodes!: string[];

  @ApiProperty()
  provisional!: boolean;

  @ApiProperty({ type: [String] })
  provisionalParts!: string[];

  @ApiProperty({ description: 'Re-scored under another ruleset (?ruleset=); nothing was recorded' })
  whatIf!: boolean;

  @ApiProperty({ type: () => PublishedResultResponse, nullable: true, description: 'The frozen result once the cycle is published' })
  published!: PublishedResultResponse | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the published result was corrected' })
  correctionReason!: string | null;

  @ApiProperty({
    enum: ['f01', 'field-visit', 'non-submission-outcome'],
    description:
      "What the scores rest on: the unit's F-01; a field visit (F-01 never submitted, the admin let evaluators score without it); or the ruleset's non-submission outcome",
  })
  scoreBasis!: ScoreBasis;

  @ApiProperty({ type: () => NonSubmissionResponse, nullable: true, description: 'What the admin decided for a unit that never submitted F-01' })
  nonSubmission!: NonSubmissionResponse | null;
}

export class WeakAspectResponse {
  @ApiProperty({ example: 'a' })
  aspectCode!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  value!: number;
}

export class WeakIndicatorResponse implements WeakIndicator {
  @ApiProperty()
  indicatorCode!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  aspectCode!: string;

  @ApiProperty({ type: Number, nullable: true, description: "The evaluator's score when there is one, else the unit's own; null = not answered" })
  score!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  selfScore!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  evaluatorScore!: number | null;

  @ApiProperty({ description: 'IPP points (0..5 scale) this indicator costs against a perfect 5' })
  ippLost!: number;
}

export class ScoreGapResponse {
  @ApiProperty()
  indicatorCode!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  selfScore!: number;

  @ApiProperty()
  evaluatorScore!: number;

  @ApiProperty()
  gap!: number;
}

export class UnitScoreExplanationResponse implements UnitScoreExplanation {
  @ApiProperty({ enum: ['evaluator', 'self'], description: 'evaluator once any indicator has an evaluator score: what the ranking is based on' })
  basis!: UnitScoreExplanation['basis'];

  @ApiProperty({ type: 'integer', description: 'Indicators the unit has scored itself; 0 = not started' })
  selfAnswered!: number;

  @ApiProperty({ description: 'Category of the self-assessment IPP' })
  selfCategory!: string;

  @ApiProperty({ type: () => [WeakAspectResponse] })
  weakestAspects!: WeakAspectResponse[];

  @ApiProperty({ type: () => [WeakIndicatorResponse] })
  weakestIndicators!: WeakIndicatorResponse[];

  @ApiProperty({ type: Number, nullable: true, description: 'Self IPP minus evaluator IPP, null before any evaluator score' })
  selfMinusEvaluator!: number | null;

  @ApiProperty({ type: () => [ScoreGapResponse], description: 'Indicators the unit rated at least 2 points above the evaluators, largest first' })
  largestGaps!: ScoreGapResponse[];
}

export class PublishedLineResponse {
  @ApiProperty()
  ipp!: number;

  @ApiProperty()
  category!: string;
}

export class UnitScoreLineResponse implements UnitScoreLine {
  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: () => RulesetRefResponse, description: "The ruleset the unit is scored under: the cycle's, or its Kode B one for a Kode B lokus" })
  ruleset!: RulesetRefResponse;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  assessmentStatus!: UnitScoreLine['assessmentStatus'];

  @ApiProperty()
  complete!: boolean;

  @ApiProperty()
  provisional!: boolean;

  @ApiProperty({ type: () => IppResponse })
  ipp!: IppResponse;

  @ApiProperty()
  category!: string;

  @ApiProperty()
  predicate!: string;

  @ApiProperty({ type: () => PublishedLineResponse, nullable: true })
  published!: PublishedLineResponse | null;

  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;

  @ApiProperty({ type: () => UnitScoreExplanationResponse })
  explanation!: UnitScoreExplanationResponse;

  @ApiProperty({
    type: [String],
    description:
      'Indicators events propose a level for (GET …/proposals) that no evaluator has confirmed, overridden or scored yet under the ruleset’s combination, in the ruleset’s order: each is missing from the IPP until decided',
  })
  proposedOnlyIndicatorCodes!: string[];

  @ApiProperty({
    enum: ['f01', 'field-visit', 'non-submission-outcome'],
    description: "What the scores rest on: the unit's F-01, a field visit (F-01 never submitted), or the ruleset's non-submission outcome",
  })
  scoreBasis!: ScoreBasis;

  @ApiProperty({ type: () => NonSubmissionResponse, nullable: true, description: 'What the admin decided for a unit that never submitted F-01' })
  nonSubmission!: NonSubmissionResponse | null;
}

export class CycleScoresResponse implements CycleScores {
  @ApiProperty({ format: 'uuid' })
  cycleId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: CYCLE_STATUSES })
  status!: string;

  @ApiProperty({ type: () => ScoredRulesetRefResponse })
  ruleset!: ScoredRulesetRefResponse;

  @ApiProperty({ type: () => [UnitScoreLineResponse], description: 'Lowest IPP first' })
  units!: UnitScoreLineResponse[];
}
