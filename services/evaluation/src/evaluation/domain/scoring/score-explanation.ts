import { compare, fraction, type Fraction, mul, roundHalfUpScaled, sub, toNumber, toRoundedNumber, ZERO } from '@lib/kernel';
import { BASIS_POINTS_100_PERCENT, type Ruleset, SCALE_MAX } from '../ruleset/ruleset';
import { bandFor, type ScoreResult } from './scoring-rules';

/** How many of the weakest aspects and indicators a summary names. */
export const WEAKEST_ASPECTS = 2;
export const WEAKEST_INDICATORS = 5;

/** An indicator the unit has given itself at least this many points more than the evaluators is a large gap. */
const LARGE_GAP = fraction(2);

export interface WeakIndicator {
  indicatorCode: string;
  name: string;
  aspectCode: string;
  /** The score the ranking used: the evaluator's when there is one, else the unit's own; null = not answered. */
  score: number | null;
  selfScore: number | null;
  evaluatorScore: number | null;
  /** IPP points (0..5 scale) this indicator costs against a perfect 5, weighted by indicator and aspect; rounded half-up to 2 decimals. */
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
  /** Aspect values rounded half-up to 4 decimals. */
  weakestAspects: { aspectCode: string; name: string; value: number }[];
  weakestIndicators: WeakIndicator[];
  /** Self IPP minus evaluator IPP as both are shown (2 decimals), null before any evaluator score; > 0 means the unit rated itself higher. */
  selfMinusEvaluator: number | null;
  /** Indicators where the unit rated itself at least 2 points above the evaluators, largest first. */
  largestGaps: { indicatorCode: string; name: string; selfScore: number; evaluatorScore: number; gap: number }[];
}

const numberOrNull = (value: Fraction | undefined): number | null => (value === undefined ? null : toNumber(value));
const byCode = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * Rules: rank on the evaluators' scores once there is one, else on the unit's own; an indicator's lost
 * IPP is (5 − score) × indicator weight × aspect weight, an unanswered one counting 0. Everything is
 * ranked on exact values and rounded only for display, so two values shown alike keep their true order.
 */
export function explainScore(ruleset: Ruleset, result: ScoreResult): UnitScoreExplanation {
  const basis = result.gaps.some((gap) => gap.evaluatorScore !== null) ? 'evaluator' : 'self';
  const { self, evaluator } = result.indicatorScores;
  const ranked = basis === 'evaluator' ? evaluator : self;
  const indicators = ruleset.aspects.flatMap((aspect) => aspect.indicators.map((indicator) => ({ aspect, indicator })));

  const weakestAspects = result.evaluator.aspects
    .map((aspect, a) => ({ aspect, value: basis === 'evaluator' ? aspect.value.exact : result.self.aspects[a].value.exact }))
    .sort((a, b) => compare(a.value, b.value) || a.aspect.aspectCode.localeCompare(b.aspect.aspectCode))
    .slice(0, WEAKEST_ASPECTS)
    .map(({ aspect, value }) => ({
      aspectCode: aspect.aspectCode,
      name: ruleset.aspects.find((candidate) => candidate.code === aspect.aspectCode)?.name ?? aspect.aspectCode,
      value: toRoundedNumber(value, 4),
    }));

  const weakestIndicators = indicators
    .map(({ aspect, indicator }) => {
      const score = ranked.get(indicator.code);
      const share = fraction(indicator.weightBp * aspect.weightBp, BASIS_POINTS_100_PERCENT ** 2);
      const lost = mul(sub(fraction(SCALE_MAX), score ?? ZERO), share);
      const weak: WeakIndicator = {
        indicatorCode: indicator.code,
        name: indicator.name,
        aspectCode: aspect.code,
        score: numberOrNull(score),
        selfScore: numberOrNull(self.get(indicator.code)),
        evaluatorScore: numberOrNull(evaluator.get(indicator.code)),
        ippLost: toRoundedNumber(lost, 2),
      };
      return { weak, lost };
    })
    // what rounds to 0.00 costs nothing worth naming
    .filter(({ lost }) => roundHalfUpScaled(lost, 2) > 0)
    .sort((a, b) => compare(b.lost, a.lost) || byCode(a.weak.indicatorCode, b.weak.indicatorCode))
    .slice(0, WEAKEST_INDICATORS)
    .map(({ weak }) => weak);

  const largestGaps = indicators
    .flatMap(({ indicator }) => {
      const own = self.get(indicator.code);
      const theirs = evaluator.get(indicator.code);
      if (own === undefined || theirs === undefined) return [];
      const gap = sub(own, theirs);
      return compare(gap, LARGE_GAP) >= 0 ? [{ indicator, own, theirs, gap }] : [];
    })
    .sort((a, b) => compare(b.gap, a.gap) || byCode(a.indicator.code, b.indicator.code))
    .map(({ indicator, own, theirs, gap }) => ({
      indicatorCode: indicator.code,
      name: indicator.name,
      selfScore: toNumber(own),
      evaluatorScore: toNumber(theirs),
      gap: toNumber(gap),
    }));

  return {
    basis,
    selfAnswered: result.gaps.filter((gap) => gap.selfScore !== null).length,
    selfCategory: bandFor(ruleset, result.self.ipp.hundredths).category,
    weakestAspects,
    weakestIndicators,
    selfMinusEvaluator: basis === 'evaluator' ? (result.self.ipp.hundredths - result.evaluator.ipp.hundredths) / 100 : null,
    largestGaps,
  };
}
