import { BASIS_POINTS_100_PERCENT, bandFor, findIndicator, type Ruleset, SCALE_MAX } from '../domain';
import type { UnitScoreView } from './unit-score.view';

/** How many of the weakest aspects and indicators a summary names. */
export const WEAKEST_ASPECTS = 2;
export const WEAKEST_INDICATORS = 5;

export interface WeakIndicator {
  indicatorCode: string;
  name: string;
  aspectCode: string;
  /** The score the ranking used: the evaluator's when there is one, else the unit's own; null = not answered. */
  score: number | null;
  selfScore: number | null;
  evaluatorScore: number | null;
  /** IPP points (0..5 scale) this indicator costs against a perfect 5, weighted by indicator and aspect. */
  ippLost: number;
}

/**
 * Why a unit scores what it scores, for the results table ("which SKPDs score C or below, and
 * why?") and the unit's own "what to fix": the lowest aspects, the indicators that cost the most
 * IPP, and how far the self-assessment is above the evaluators.
 */
export interface UnitScoreExplanation {
  /** `evaluator` once any indicator has an evaluator score, else `self`: what the ranking below is based on. */
  basis: 'evaluator' | 'self';
  /** Indicators the unit has given itself a score for; 0 = it has not started its self-assessment. */
  selfAnswered: number;
  /** Category of the self-assessment IPP, for units the evaluators have not scored yet. */
  selfCategory: string;
  weakestAspects: { aspectCode: string; name: string; value: number }[];
  weakestIndicators: WeakIndicator[];
  /** Self IPP minus evaluator IPP, null before any evaluator score; > 0 means the unit rated itself higher. */
  selfMinusEvaluator: number | null;
  /** Indicators where the unit rated itself at least 2 points above the evaluators, largest first. */
  largestGaps: { indicatorCode: string; name: string; selfScore: number; evaluatorScore: number; gap: number }[];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function explainUnitScore(view: UnitScoreView, ruleset: Ruleset): UnitScoreExplanation {
  const basis = view.indicators.some((indicator) => indicator.evaluatorScore !== null) ? 'evaluator' : 'self';
  const nameOf = (code: string): string => findIndicator(ruleset, code)?.indicator.name ?? code;
  const aspectWeight = new Map(ruleset.aspects.map((aspect) => [aspect.code as string, aspect.weightBp]));

  const weakestAspects = view.aspects
    .map((aspect) => ({
      aspectCode: aspect.aspectCode,
      name: ruleset.aspects.find((candidate) => candidate.code === aspect.aspectCode)?.name ?? aspect.aspectCode,
      value: basis === 'evaluator' ? aspect.evaluator : aspect.self,
    }))
    .sort((a, b) => a.value - b.value || a.aspectCode.localeCompare(b.aspectCode))
    .slice(0, WEAKEST_ASPECTS);

  const weakestIndicators = view.indicators
    .map((indicator): WeakIndicator => {
      const score = basis === 'evaluator' ? indicator.evaluatorScore : indicator.selfScore;
      const share = (indicator.weightBp / BASIS_POINTS_100_PERCENT) * ((aspectWeight.get(indicator.aspectCode) ?? 0) / BASIS_POINTS_100_PERCENT);
      return {
        indicatorCode: indicator.indicatorCode,
        name: nameOf(indicator.indicatorCode),
        aspectCode: indicator.aspectCode,
        score,
        selfScore: indicator.selfScore,
        evaluatorScore: indicator.evaluatorScore,
        ippLost: round2((SCALE_MAX - (score ?? 0)) * share),
      };
    })
    .filter((indicator) => indicator.ippLost > 0)
    .sort((a, b) => b.ippLost - a.ippLost || a.indicatorCode.localeCompare(b.indicatorCode, 'en', { numeric: true }))
    .slice(0, WEAKEST_INDICATORS);

  const largestGaps = view.indicators
    .flatMap((indicator) =>
      indicator.selfScore !== null && indicator.evaluatorScore !== null && indicator.selfScore - indicator.evaluatorScore >= 2
        ? [
            {
              indicatorCode: indicator.indicatorCode,
              name: nameOf(indicator.indicatorCode),
              selfScore: indicator.selfScore,
              evaluatorScore: indicator.evaluatorScore,
              gap: indicator.selfScore - indicator.evaluatorScore,
            },
          ]
        : [],
    )
    .sort((a, b) => b.gap - a.gap || a.indicatorCode.localeCompare(b.indicatorCode, 'en', { numeric: true }));

  return {
    basis,
    selfAnswered: view.indicators.filter((indicator) => indicator.selfScore !== null).length,
    selfCategory: bandFor(ruleset, Math.round(view.ipp.self * 100)).category,
    weakestAspects,
    weakestIndicators,
    selfMinusEvaluator: basis === 'evaluator' ? round2(view.ipp.self - view.ipp.evaluator) : null,
    largestGaps,
  };
}
