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
}

export function unitScoreView(cycleId: string, unitId: string, ruleset: Ruleset, assessment: Assessment, lokus: UnitLokus | null): UnitScoreView {
  const result = scoreAssessment(ruleset, assessment, lokus);
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
  };
}

export type PublishedResult = evaluationPb.UnitResult;
