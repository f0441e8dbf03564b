import { ZERO, add, compare, mul, fraction, krejcieMorganSample, roundHalfUpScaled, toNumber, type Fraction } from '@lib/kernel';
import { DomainError } from '../error-codes';
import type { SkmBand, SkmRuleset, SurveyUnsur } from '../ruleset/skm-ruleset';

/**
 * SKM scoring (PermenPANRB 14/2017, docs/domain.md 3.3–3.5) as named pure rules:
 *   NRR per unsur = Σ answers / respondents; IKM (1..4) = Σ weight × NRR; IKM unit = IKM × 25,
 *   rounded half-up to 2 decimals, then banded A..D; the weakest unsur; the Krejcie–Morgan sample.
 * Everything is exact (bigint rationals) until a value is rounded for the band or shown.
 */

export interface UnsurAnswer {
  code: string;
  value: number;
}

/** Running sums of a survey's responses; what the decider keeps instead of every response. */
export interface SkmTally {
  respondents: number;
  /** Σ answers per unsur code. */
  totals: Readonly<Record<string, number>>;
}

export const emptyTally = (): SkmTally => ({ respondents: 0, totals: {} });

export interface UnsurScore {
  code: string;
  name: string;
  extra: boolean;
  weight: Fraction;
  answerTotal: number;
  /** Null when nobody answered. */
  nrr: Fraction | null;
}

export interface IkmResult {
  respondents: number;
  unsur: UnsurScore[];
  /** Weighted NRR on the 1..4 scale; null for an empty response set. */
  ikm: Fraction | null;
  /** IKM × conversion factor (25..100), exact. */
  converted: Fraction | null;
  /** The converted value rounded as the band table is written (2 decimals): 97.31 → 9731. */
  convertedScaled: number | null;
  band: SkmBand | null;
  /** Lowest NRR; on a tie the earlier unsur in survey order. */
  weakestUnsur: string | null;
}

export interface SampleAssessment {
  population: number;
  requiredSample: number;
  /** respondents ≥ required sample; false when the population is 0 (nothing to judge against). */
  adequate: boolean;
}

// ── rule: answers are complete and on the scale ─────────────────────────────────────────────────

/** Every problem with one response, in words; empty when every unsur is answered once on the scale. */
export function answerProblems(ruleset: SkmRuleset, unsur: readonly SurveyUnsur[], answers: readonly UnsurAnswer[]): string[] {
  const { min, max } = ruleset.answerScale;
  const known = new Set(unsur.map((u) => u.code));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const answer of answers) {
    if (!known.has(answer.code)) problems.push(`${answer.code} is not an unsur of this survey`);
    else if (seen.has(answer.code)) problems.push(`${answer.code} is answered twice`);
    else if (!Number.isInteger(answer.value) || answer.value < min || answer.value > max) {
      problems.push(`${answer.code} must be an integer ${min}..${max}, got ${answer.value}`);
    }
    seen.add(answer.code);
  }
  const missing = unsur.filter((u) => !seen.has(u.code)).map((u) => u.code);
  if (missing.length > 0) problems.push(`missing answers for ${missing.join(', ')}`);
  return problems;
}

// ── rule: tally ─────────────────────────────────────────────────────────────────────────────────

export function addToTally(tally: SkmTally, answers: readonly UnsurAnswer[]): SkmTally {
  const totals = { ...tally.totals };
  for (const answer of answers) totals[answer.code] = (totals[answer.code] ?? 0) + answer.value;
  return { respondents: tally.respondents + 1, totals };
}

/** Tallies complete responses; an incomplete or off-scale response is a DomainError, never skipped. */
export function tallyResponses(ruleset: SkmRuleset, unsur: readonly SurveyUnsur[], responses: readonly (readonly UnsurAnswer[])[]): SkmTally {
  return responses.reduce((tally, answers, r) => {
    const problems = answerProblems(ruleset, unsur, answers);
    if (problems.length > 0) throw new DomainError('SURVEY.INVALID_ANSWERS', `response ${r}: ${problems.join('; ')}`, { response: r, problems });
    return addToTally(tally, answers);
  }, emptyTally());
}

// ── rule: band of a converted value ─────────────────────────────────────────────────────────────

/** The band whose NIK range holds the converted value already rounded to the table's decimals. */
export function bandFor(ruleset: SkmRuleset, convertedScaled: number): SkmBand {
  const toHundredths = 10 ** (2 - ruleset.bandRounding.decimals);
  const hundredths = convertedScaled * toHundredths;
  const band = ruleset.bands.find((b) => hundredths >= b.convertedMinHundredths && hundredths <= b.convertedMaxHundredths);
  if (!band) throw new RangeError(`converted IKM ${hundredths / 100} is outside every band of ${ruleset.id}@${ruleset.version}`);
  return band;
}

// ── rule: IKM ───────────────────────────────────────────────────────────────────────────────────

export function scoreIkm(ruleset: SkmRuleset, unsur: readonly SurveyUnsur[], tally: SkmTally): IkmResult {
  const { respondents } = tally;
  const scores: UnsurScore[] = unsur.map((u) => {
    const answerTotal = tally.totals[u.code] ?? 0;
    return { code: u.code, name: u.name, extra: u.extra, weight: u.weight, answerTotal, nrr: respondents === 0 ? null : fraction(answerTotal, respondents) };
  });
  if (respondents === 0) {
    return { respondents, unsur: scores, ikm: null, converted: null, convertedScaled: null, band: null, weakestUnsur: null };
  }
  const ikm = scores.reduce((acc, s) => add(acc, mul(s.weight, s.nrr as Fraction)), ZERO);
  const converted = mul(ikm, fraction(ruleset.conversion.factor));
  const convertedScaled = roundHalfUpScaled(converted, ruleset.bandRounding.decimals);
  const weakest = scores.reduce((low, s) => (compare(s.nrr as Fraction, low.nrr as Fraction) < 0 ? s : low));
  return { respondents, unsur: scores, ikm, converted, convertedScaled, band: bandFor(ruleset, convertedScaled), weakestUnsur: weakest.code };
}

/** IKM of a list of responses (each a full set of answers). */
export function computeIkm(ruleset: SkmRuleset, unsur: readonly SurveyUnsur[], responses: readonly (readonly UnsurAnswer[])[]): IkmResult {
  return scoreIkm(ruleset, unsur, tallyResponses(ruleset, unsur, responses));
}

/** The converted IKM as the report prints it (97.31). */
export const convertedValue = (ruleset: SkmRuleset, result: IkmResult): number | null =>
  result.convertedScaled === null ? null : result.convertedScaled / 10 ** ruleset.bandRounding.decimals;

export const ikmValue = (result: IkmResult): number | null => (result.ikm === null ? null : toNumber(result.ikm));

// ── rule: sample size (Krejcie–Morgan, @lib/kernel) ─────────────────────────────────────────────

export function assessSample(ruleset: SkmRuleset, population: number, respondents: number): SampleAssessment {
  const required = krejcieMorganSample(ruleset.sampleSize, population);
  return { population, requiredSample: required, adequate: population > 0 && respondents >= required };
}
