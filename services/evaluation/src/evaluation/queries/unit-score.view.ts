import type { evaluationPb } from '@lib/contracts';
import { toRoundedNumber } from '@lib/kernel';
import { type Assessment, findIndicator, isProvisional, type Ruleset, scoreAssessment, scoredIndicators, type UnitLokus } from '../domain';

/** What the API shows of a unit's score: self-assessment vs evaluator per indicator and aspect, the merge, the category. */
export interface UnitScoreView {
  cycleId: string;
  unitId: string;
  ruleset: { id: string; version: number; provisional: boolean };
  assessmentStatus: Assessment['status'];
  indicators: { indicatorCode: string; aspectCode: string; weightBp: number; selfScore: number | null; evaluatorScore: number | null; gap: number | null }[];
  aspects: { aspectCode: string; weightBp: number; self: number; evaluator: number; missingIndicatorCodes: string[] }[];
  ipp: {
    self: number;
    evaluator: number;
    userScore: number | null;
    userScoreRespondents: number;
    userScoreMerged: boolean;
    userScoreNotMergedReason: string | null;
    final: number;
  };
  category: string;
  predicate: string;
  complete: boolean;
  missingIndicatorCodes: string[];
  unknownIndicatorCodes: string[];
  provisional: boolean;
  provisionalParts: string[];
  /**
   * What the scores rest on: the unit's F-01, or (F-01 never submitted) a field visit the admin allowed
   * evaluators to score from, or the ruleset's non-submission outcome the admin applied.
   */
  scoreBasis: ScoreBasis;
  /** The admin's decision for a unit that never submitted F-01; null when none. */
  nonSubmission: NonSubmissionView | null;
}

export type ScoreBasis = 'f01' | 'field-visit' | 'non-submission-outcome';

export interface NonSubmissionView {
  decision: 'field-visit' | 'ruleset-outcome';
  reason: string;
  decidedBy: string;
  decidedAt: string;
  /** The outcome's label, e.g. "Tidak mengisi F-01"; null for field-visit scoring. */
  label: string | null;
  /** The score every indicator took under the outcome; null for field-visit scoring. */
  indicatorScore: number | null;
  /** True when the outcome is provisional (unsourced). */
  provisional: boolean;
}

export function nonSubmissionView(lokus: UnitLokus | null): NonSubmissionView | null {
  const decision = lokus?.nonSubmission;
  if (!decision) return null;
  const { reason, decidedBy, decidedAt } = decision;
  return decision.kind === 'field-visit'
    ? { decision: 'field-visit', reason, decidedBy, decidedAt, label: null, indicatorScore: null, provisional: false }
    : {
        decision: 'ruleset-outcome',
        reason,
        decidedBy,
        decidedAt,
        label: decision.outcome.label,
        indicatorScore: decision.outcome.indicatorScore,
        provisional: decision.outcome.provisional,
      };
}

export const scoreBasisOf = (nonSubmission: NonSubmissionView | null): ScoreBasis =>
  nonSubmission === null ? 'f01' : nonSubmission.decision === 'field-visit' ? 'field-visit' : 'non-submission-outcome';

export function unitScoreView(cycleId: string, unitId: string, ruleset: Ruleset, assessment: Assessment, lokus: UnitLokus | null): UnitScoreView {
  const result = scoreAssessment(ruleset, assessment, lokus);
  const nonSubmission = nonSubmissionView(lokus);
  const codes = new Set(scoredIndicators(ruleset).map((indicator) => indicator.code));
  return {
    cycleId,
    unitId,
    ruleset: { id: ruleset.id, version: ruleset.version, provisional: isProvisional(ruleset) },
    assessmentStatus: assessment.status,
    indicators: result.gaps
      .filter((gap) => codes.has(gap.indicatorCode))
      .map((gap) => {
        const found = findIndicator(ruleset, gap.indicatorCode);
        return { ...gap, aspectCode: found?.aspect.code ?? '', weightBp: found?.indicator.weightBp ?? 0 };
      }),
    aspects: result.evaluator.aspects.map((aspect, a) => ({
      aspectCode: aspect.aspectCode,
      weightBp: aspect.weightBp,
      self: toRoundedNumber(result.self.aspects[a].value.exact, 4),
      evaluator: toRoundedNumber(aspect.value.exact, 4),
      missingIndicatorCodes: aspect.missingIndicatorCodes,
    })),
    ipp: {
      self: result.self.ipp.hundredths / 100,
      evaluator: result.evaluator.ipp.hundredths / 100,
      userScore: result.userScore ? result.userScore.value.hundredths / 100 : null,
      userScoreRespondents: result.userScore?.respondents ?? 0,
      userScoreMerged: result.merge.merged,
      userScoreNotMergedReason: result.merge.notMergedReason,
      final: result.ipp.hundredths / 100,
    },
    category: result.category.category,
    predicate: result.category.predicate,
    complete: result.complete,
    missingIndicatorCodes: result.evaluator.missingIndicatorCodes,
    unknownIndicatorCodes: result.unknownIndicatorCodes,
    provisional: result.provisional,
    provisionalParts: result.provisionalParts,
    scoreBasis: scoreBasisOf(nonSubmission),
    nonSubmission,
  };
}

export type PublishedResult = evaluationPb.UnitResult;
