import { add, type Fraction, fraction, mul, roundHalfUpScaled, sub } from './fraction';

/**
 * The Krejcie–Morgan sample size (PermenPANRB 14/2017 practice; docs/domain.md §3.5): the survey
 * service judges an SKM period's sample with it, and evaluation proposes indicator 6 from the same
 * rule, so it lives here once. The parameters come from each caller's versioned ruleset.
 */
export interface KrejcieMorganParameters {
  /** χ² for 1 degree of freedom at the confidence level (3.841 at 95%). */
  chiSquare: Fraction;
  /** Population proportion P (0.5). */
  proportion: Fraction;
  /** Margin of error d (0.05). */
  margin: Fraction;
  /** Published rows (population → sample). */
  rows: readonly { population: number; sample: number }[];
}

/** S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), exact. */
export function krejcieMorganExact(parameters: KrejcieMorganParameters, population: number): Fraction {
  const { chiSquare, proportion, margin } = parameters;
  const pq = mul(proportion, sub(fraction(1), proportion));
  const numerator = mul(mul(chiSquare, fraction(population)), pq);
  const denominator = add(mul(mul(margin, margin), fraction(population - 1)), mul(chiSquare, pq));
  return fraction(numerator.num * denominator.den, numerator.den * denominator.num);
}

/**
 * Required sample for a population: the formula rounded half-up, never below the published row at
 * or under the population, never above the population; 0 for a population of 0.
 */
export function krejcieMorganSample(parameters: KrejcieMorganParameters, population: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`population must be an integer >= 0, got ${population}`);
  if (population === 0) return 0;
  const byFormula = roundHalfUpScaled(krejcieMorganExact(parameters, population), 0);
  const floorRow = parameters.rows.filter((row) => row.population <= population).reduce((best, row) => Math.max(best, row.sample), 0);
  return Math.min(population, Math.max(byFormula, floorRow));
}
