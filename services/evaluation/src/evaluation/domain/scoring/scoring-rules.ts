import type { evaluationPb } from '@lib/contracts';
import {
  add,
  compare,
  div,
  formatFraction,
  fraction,
  fromDecimal,
  mul,
  roundHalfUpScaled,
  sub,
  sum,
  toNumber,
  toRoundedNumber,
  ZERO,
  type Fraction,
} from '@lib/kernel';
import { assertNever } from '@lib/event-sourcing/domain';
import { DomainError } from '../error-codes';
import {
  BASIS_POINTS_100_PERCENT,
  SCALE_MAX,
  SCALE_MIN,
  type Aspect,
  type CategoryBand,
  type F03Group,
  type F03Item,
  type Ruleset,
  type RulesetRef,
  scoredIndicators,
} from '../ruleset/ruleset';

// PEKPPP scoring (docs/domain.md 1.5–1.7) as named pure rules over a ruleset. Scoring under another
// ruleset ("what-if") is the same call with another ruleset.

export interface SelfScore {
  indicatorCode: string;
  /** 0..5. */
  score: number;
}

/** The latest score of one evaluator on one indicator. */
export interface EvaluatorScore {
  indicatorCode: string;
  evaluatorId: string;
  /** 0..5. */
  score: number;
}

export interface F03ItemAnswer {
  /** 1..14. */
  item: number;
  /** 0..5. */
  score: number;
}

/**
 * Either the raw F-03 responses, or the summary the survey context sent (F03Closed): its score as a
 * double and, when it travelled, exact; the exact one is used when present.
 */
export type UserScoreInput =
  { kind: 'responses'; responses: readonly (readonly F03ItemAnswer[])[] } | { kind: 'summary'; score: number; exact?: Fraction; respondents: number };

export interface ScoringInput {
  selfScores: readonly SelfScore[];
  evaluatorScores: readonly EvaluatorScore[];
  leadEvaluatorId: string;
  userScore?: UserScoreInput;
}

/** An exact value with what is shown of it. */
export interface ScoreValue {
  exact: Fraction;
  /** Nearest double, for display only. */
  value: number;
  /** Rounded half-up to 2 decimals, in hundredths (4.505 → 451); the band lookup uses this. */
  hundredths: number;
}

export interface AspectResult {
  aspectCode: string;
  weightBp: number;
  /** 0..5. */
  value: ScoreValue;
  missingIndicatorCodes: string[];
  provisional: boolean;
}

export interface IppResult {
  aspects: AspectResult[];
  /** 0..5; missing indicators count as 0. */
  ipp: ScoreValue;
  complete: boolean;
  missingIndicatorCodes: string[];
  provisional: boolean;
}

export interface CategoryResult {
  category: string;
  predicate: string;
  provisional: boolean;
}

export interface UserScoreGroup {
  group: F03Group;
  value: ScoreValue;
}

export interface UserScoreResult {
  value: ScoreValue;
  respondents: number;
  /** Per F-03 group I..V; empty when only the survey's summary arrived. */
  groups: UserScoreGroup[];
}

export type NotMergedReason = 'no-user-score' | 'quota-not-met' | 'ruleset-has-no-user-score';

export interface MergeResult {
  merged: boolean;
  /** Null when merged. */
  notMergedReason: NotMergedReason | null;
  /** The final IPP: merged, or the evaluator IPP. */
  ipp: ScoreValue;
  provisional: boolean;
}

export interface IndicatorGap {
  indicatorCode: string;
  selfScore: number | null;
  /** Null when no final evaluator score exists yet. */
  evaluatorScore: number | null;
  /** Evaluator minus self: negative when the unit rated itself higher. Null when either is missing. */
  gap: number | null;
}

export interface ScoreResult {
  ruleset: RulesetRef;
  /** F-02: the combined evaluator scores. */
  evaluator: IppResult;
  /** The self-assessment scored the same way, for the gap view. */
  self: IppResult;
  gaps: IndicatorGap[];
  /** Each indicator's exact score the rules used: the unit's own, and the final evaluator score. */
  indicatorScores: { self: ReadonlyMap<string, Fraction>; evaluator: ReadonlyMap<string, Fraction> };
  userScore: UserScoreResult | null;
  merge: MergeResult;
  /** Final IPP (= merge.ipp). */
  ipp: ScoreValue;
  category: CategoryResult;
  /** False when an indicator has no final evaluator score. */
  complete: boolean;
  /** Scored codes the ruleset does not know (ignored), e.g. when re-scoring under another ruleset. */
  unknownIndicatorCodes: string[];
  provisional: boolean;
  /** Ruleset paths of the provisional parts this result used. */
  provisionalParts: string[];
}

const BP = BigInt(BASIS_POINTS_100_PERCENT);

export function scoreValue(exact: Fraction): ScoreValue {
  return { exact, value: toNumber(exact), hundredths: roundHalfUpToHundredths(exact) };
}

function assertScore(score: number, what: string): void {
  if (!Number.isInteger(score) || score < SCALE_MIN || score > SCALE_MAX) {
    throw new DomainError('SCORING.INVALID_SCORE', `${what}: score must be an integer ${SCALE_MIN}..${SCALE_MAX}, got ${score}`);
  }
}

/** Rule: IPP values are rounded half-up to 2 decimals before the band lookup (4.505 → 4.51). */
export function roundHalfUpToHundredths(value: Fraction): number {
  return roundHalfUpScaled(value, 2);
}

/**
 * Rule: one final score per indicator. `lead-evaluator`: the lead's latest score, none if the lead
 * has not scored it. `mean`: the mean of every evaluator's latest score (may be fractional).
 */
export function combineEvaluatorScores(ruleset: Ruleset, scores: readonly EvaluatorScore[], leadEvaluatorId: string): Map<string, Fraction> {
  const latest = new Map<string, Map<string, number>>();
  for (const score of scores) {
    assertScore(score.score, `${score.evaluatorId} on ${score.indicatorCode}`);
    const byEvaluator = latest.get(score.indicatorCode) ?? new Map<string, number>();
    byEvaluator.set(score.evaluatorId, score.score);
    latest.set(score.indicatorCode, byEvaluator);
  }
  const combined = new Map<string, Fraction>();
  for (const [code, byEvaluator] of latest) {
    switch (ruleset.evaluatorCombination) {
      case 'lead-evaluator': {
        const lead = byEvaluator.get(leadEvaluatorId);
        if (lead !== undefined) combined.set(code, fraction(lead));
        break;
      }
      case 'mean': {
        const values = [...byEvaluator.values()];
        combined.set(
          code,
          fraction(
            values.reduce((total, value) => total + value, 0),
            values.length,
          ),
        );
        break;
      }
    }
  }
  return combined;
}

/** Rule: aspect value = Σ (indicator weight × score) / 10000, 0..5; a missing indicator counts as 0 and is listed. */
export function aspectValue(aspect: Aspect, scores: ReadonlyMap<string, Fraction>): AspectResult {
  const missingIndicatorCodes: string[] = [];
  const weighted = aspect.indicators.map((indicator) => {
    const score = scores.get(indicator.code);
    if (score === undefined) {
      missingIndicatorCodes.push(indicator.code);
      return ZERO;
    }
    return mul(fraction(indicator.weightBp), score);
  });
  return {
    aspectCode: aspect.code,
    weightBp: aspect.weightBp,
    value: scoreValue(div(sum(weighted), fraction(BP))),
    missingIndicatorCodes,
    provisional: aspect.provisional || aspect.indicators.some((indicator) => indicator.provisional),
  };
}

/** Rule: IPP = Σ (aspect weight × aspect value) / 10000, 0..5; incomplete when any indicator is missing. */
export function ippOf(ruleset: Ruleset, scores: ReadonlyMap<string, Fraction>): IppResult {
  const aspects = ruleset.aspects.map((aspect) => aspectValue(aspect, scores));
  const total = sum(aspects.map((result) => mul(fraction(result.weightBp), result.value.exact)));
  const missingIndicatorCodes = aspects.flatMap((result) => result.missingIndicatorCodes);
  return {
    aspects,
    ipp: scoreValue(div(total, fraction(BP))),
    complete: missingIndicatorCodes.length === 0,
    missingIndicatorCodes,
    provisional: aspects.some((result) => result.provisional),
  };
}

/** Rule: the band whose [min, max] holds the IPP rounded half-up to hundredths. */
export function bandFor(ruleset: Ruleset, hundredths: number): CategoryBand {
  const band = ruleset.bands.find((candidate) => hundredths >= candidate.minHundredths && hundredths <= candidate.maxHundredths);
  if (!band) throw new DomainError('SCORING.NO_BAND', `no band of ${ruleset.id} v${ruleset.version} holds ${(hundredths / 100).toFixed(2)}`);
  return band;
}

export function categoryFor(ruleset: Ruleset, ipp: ScoreValue, ippProvisional: boolean): CategoryResult {
  const band = bandFor(ruleset, ipp.hundredths);
  return { category: band.category, predicate: band.predicate, provisional: ippProvisional || ruleset.bandsProvenance.provisional };
}

/** Rule: per indicator, evaluator score minus self score. */
export function indicatorGaps(ruleset: Ruleset, selfScores: ReadonlyMap<string, Fraction>, evaluatorScores: ReadonlyMap<string, Fraction>): IndicatorGap[] {
  return scoredIndicators(ruleset).map(({ code }) => {
    const self = selfScores.get(code);
    const evaluator = evaluatorScores.get(code);
    return {
      indicatorCode: code,
      selfScore: self === undefined ? null : toNumber(self),
      evaluatorScore: evaluator === undefined ? null : toNumber(evaluator),
      gap: self === undefined || evaluator === undefined ? null : toNumber(sub(evaluator, self)),
    };
  });
}

/**
 * Rule `mean-of-all-answers` (the ruleset's `f03Aggregation`): F-03 score = mean of every answer of
 * every respondent, which is the mean of the respondents' means; group values are the mean over
 * respondents of each group's item mean, for the report only. Every response must answer every item once, 0..5.
 */
export function f03Score(items: readonly F03Item[], responses: readonly (readonly F03ItemAnswer[])[]): UserScoreResult {
  const itemCount = items.length;
  responses.forEach((response, r) => {
    const seen = new Set<number>();
    for (const answer of response) {
      if (!Number.isInteger(answer.item) || answer.item < 1 || answer.item > itemCount || seen.has(answer.item)) {
        throw new DomainError('SCORING.INVALID_F03_RESPONSE', `response ${r}: item ${answer.item} is unknown or repeated`, { respondent: r });
      }
      seen.add(answer.item);
      if (!Number.isInteger(answer.score) || answer.score < SCALE_MIN || answer.score > SCALE_MAX) {
        throw new DomainError('SCORING.INVALID_F03_RESPONSE', `response ${r}: item ${answer.item} score must be an integer 0..5, got ${answer.score}`, {
          respondent: r,
        });
      }
    }
    if (seen.size !== itemCount) {
      throw new DomainError('SCORING.INVALID_F03_RESPONSE', `response ${r}: answers ${seen.size} of ${itemCount} items`, { respondent: r });
    }
  });
  const respondents = responses.length;
  const total = responses.reduce((acc, response) => acc + response.reduce((s, answer) => s + answer.score, 0), 0);
  const groupOf = new Map(items.map((item) => [item.item, item.group]));
  const groups: UserScoreGroup[] = [];
  for (const group of new Set(items.map((item) => item.group))) {
    const size = items.filter((item) => item.group === group).length;
    const groupTotal = responses.reduce(
      (acc, response) => acc + response.filter((answer) => groupOf.get(answer.item) === group).reduce((s, answer) => s + answer.score, 0),
      0,
    );
    groups.push({ group, value: scoreValue(respondents === 0 ? ZERO : fraction(groupTotal, size * respondents)) });
  }
  // Every respondent answers every item, so the mean of respondent means is total / (items × respondents).
  return { value: scoreValue(respondents === 0 ? ZERO : fraction(total, itemCount * respondents)), respondents, groups };
}

export function userScoreFrom(ruleset: Ruleset, input: UserScoreInput): UserScoreResult {
  if (input.kind === 'responses') {
    const merge = ruleset.userScoreMerge;
    if (!merge) return f03Score([], input.responses);
    const { rule } = merge.f03Aggregation;
    switch (rule) {
      case 'mean-of-all-answers':
        return f03Score(merge.items, input.responses);
      default:
        return assertNever(rule);
    }
  }
  const outOfScale = (value: Fraction): boolean => compare(value, fraction(SCALE_MIN)) < 0 || compare(value, fraction(SCALE_MAX)) > 0;
  const exact = input.exact ?? (Number.isFinite(input.score) ? fromDecimal(input.score) : undefined);
  if (exact === undefined || outOfScale(exact) || !Number.isInteger(input.respondents) || input.respondents < 0) {
    const shown = input.exact ? formatFraction(input.exact) : String(input.score);
    throw new DomainError('SCORING.INVALID_USER_SCORE', `user score must be 0..5 with a respondent count >= 0, got ${shown} from ${input.respondents}`);
  }
  return { value: scoreValue(exact), respondents: input.respondents, groups: [] };
}

/** Rule: IPP = F-02 weight × F-02 + F-03 weight × F-03, only when the F-03 respondents reach the ruleset's minimum. */
export function mergeUserScore(ruleset: Ruleset, evaluatorIpp: ScoreValue, userScore: UserScoreResult | null): MergeResult {
  const merge = ruleset.userScoreMerge;
  const notMerged = (reason: NotMergedReason, provisional: boolean): MergeResult => ({
    merged: false,
    notMergedReason: reason,
    ipp: evaluatorIpp,
    provisional,
  });
  if (!merge) return notMerged('ruleset-has-no-user-score', false);
  if (!userScore) return notMerged('no-user-score', false);
  if (userScore.respondents < merge.f03MinRespondents) return notMerged('quota-not-met', merge.provisional);
  const merged = div(add(mul(fraction(merge.f02WeightBp), evaluatorIpp.exact), mul(fraction(merge.f03WeightBp), userScore.value.exact)), fraction(BP));
  return { merged: true, notMergedReason: null, ipp: scoreValue(merged), provisional: merge.provisional };
}

function scoresOf(selfScores: readonly SelfScore[]): Map<string, Fraction> {
  const scores = new Map<string, Fraction>();
  for (const self of selfScores) {
    assertScore(self.score, `self-assessment of ${self.indicatorCode}`);
    scores.set(self.indicatorCode, fraction(self.score));
  }
  return scores;
}

/** Every rule in order: combine evaluators, aspect values, IPP, gaps, F-03, merge, category. */
export function scoreUnit(ruleset: Ruleset, input: ScoringInput): ScoreResult {
  const known = new Set(scoredIndicators(ruleset).map((indicator) => indicator.code));
  const unknownIndicatorCodes = [
    ...new Set([...input.selfScores, ...input.evaluatorScores].map((score) => score.indicatorCode).filter((code) => !known.has(code))),
  ];
  const finalScores = combineEvaluatorScores(ruleset, input.evaluatorScores, input.leadEvaluatorId);
  const selfScores = scoresOf(input.selfScores);
  const evaluator = ippOf(ruleset, finalScores);
  const self = ippOf(ruleset, selfScores);
  // A ruleset without a user score has no F-03 items to read responses against; the score is unused anyway.
  const userScore = input.userScore && ruleset.userScoreMerge ? userScoreFrom(ruleset, input.userScore) : null;
  const merge = mergeUserScore(ruleset, evaluator.ipp, userScore);
  const ippProvisional = evaluator.provisional || merge.provisional;
  const category = categoryFor(ruleset, merge.ipp, ippProvisional);

  const provisionalParts: string[] = [];
  ruleset.aspects.forEach((aspect, a) => {
    if (aspect.provisional) provisionalParts.push(`aspects[${a}].weightBp`);
    aspect.indicators.forEach((indicator, i) => {
      if (indicator.provisional) provisionalParts.push(`aspects[${a}].indicators[${i}].weightBp`);
    });
  });
  if (merge.provisional) provisionalParts.push('userScoreMerge');
  if (userScore && ruleset.userScoreMerge?.f03Aggregation.provisional) provisionalParts.push('userScoreMerge.f03Aggregation');
  if (ruleset.evaluatorCombinationProvenance.provisional) provisionalParts.push('evaluatorCombination');
  if (ruleset.bandsProvenance.provisional) provisionalParts.push('bands');

  return {
    ruleset: { id: ruleset.id, version: ruleset.version },
    evaluator,
    self,
    gaps: indicatorGaps(ruleset, selfScores, finalScores),
    indicatorScores: { self: selfScores, evaluator: finalScores },
    userScore,
    merge,
    ipp: merge.ipp,
    category,
    complete: evaluator.complete,
    unknownIndicatorCodes,
    provisional: provisionalParts.length > 0,
    provisionalParts,
  };
}

/** The published shape of a unit's result (doubles rounded half-up: IPPs to 2 decimals, aspects to 4). */
export function toUnitResult(unitId: string, result: ScoreResult): evaluationPb.UnitResult {
  return {
    unitId,
    aspects: result.evaluator.aspects.map((aspect) => ({ aspectCode: aspect.aspectCode, value: toRoundedNumber(aspect.value.exact, 4) })),
    ippEvaluator: result.evaluator.ipp.hundredths / 100,
    userScore: result.merge.merged && result.userScore ? result.userScore.value.hundredths / 100 : 0,
    userScoreMerged: result.merge.merged,
    ipp: result.ipp.hundredths / 100,
    category: result.category.category,
    predicate: result.category.predicate,
    ippSelf: result.self.ipp.hundredths / 100,
    provisional: result.provisional,
    missingIndicatorCodes: result.evaluator.missingIndicatorCodes,
    userScoreRespondents: result.userScore?.respondents ?? 0,
    userScoreNotMergedReason: result.merge.notMergedReason ?? '',
  };
}
