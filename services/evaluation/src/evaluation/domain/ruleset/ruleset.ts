import { F03_ASPECTS, type F03Aspect } from '@lib/kernel';
import type { F01Form } from '../f01/f01-form';
import { f01FormProblems } from '../f01/f01-form-rules';

/**
 * A scoring ruleset is data, not code: every weight, band and quota the scoring rules use lives here,
 * versioned per id. Values that the sources only partly support ([P]/[U] in docs/domain.md) carry
 * `provisional: true` and a `source`, so results computed with them say so.
 *
 * All weights are integer basis points (10000 = 100%) and all band limits integer hundredths of the
 * 0..5 IPP scale, so scoring never multiplies floats.
 */

export const BASIS_POINTS_100_PERCENT = 10_000;
export const SCALE_MIN = 0;
export const SCALE_MAX = 5;
/** Band limits are hundredths of the IPP: 0..500 covers 0.00..5.00. */
export const HUNDREDTHS_MAX = SCALE_MAX * 100;
export const DESCRIPTOR_COUNT = SCALE_MAX - SCALE_MIN + 1;

export type AspectCode = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
export const ASPECT_CODES: readonly AspectCode[] = ['a', 'b', 'c', 'd', 'e', 'f'];

/** How a value is backed: confirmed, or provisional with the note that says why and where from. */
export interface Provenance {
  provisional: boolean;
  source: string;
}

export interface Indicator extends Provenance {
  /** Running number 1..n across the ruleset, e.g. 1. */
  no: number;
  /** `<no>.<aspect letter>.<principle>`, e.g. "1.a.Ak". */
  code: string;
  name: string;
  /** Weight inside its aspect; `provisional`/`source` above are about this weight. */
  weightBp: number;
  /** Descriptor of each score 0..5 (index = score). */
  descriptors: readonly string[];
  /** Whether the descriptor texts are placeholders or partly inferred, and why. */
  descriptorsProvenance: Provenance;
  /** Examples of bukti dukung an evaluator expects. */
  evidenceExamples: readonly string[];
  /**
   * The F-01 questions the unit answers for this indicator and the rule deriving its claimed level.
   * Absent: the unit gives a 0–5 self score with a justification (revisions before the question form).
   */
  f01?: F01Form;
}

export interface Aspect extends Provenance {
  code: AspectCode;
  name: string;
  /** Weight of the aspect in the IPP; `provisional`/`source` above are about this weight. */
  weightBp: number;
  indicators: readonly Indicator[];
}

/** Asked on the forms but not scored (weight 0), e.g. "sistem antrian". */
export interface InformationIndicator extends Provenance {
  code: string;
  name: string;
  /** Descriptor of each level 0..5 the form asks about, when the sources give them. */
  descriptors?: readonly string[];
}

/** F-03 groups are the form's aspects, which follow the first five aspects: I Kebijakan … V Konsultasi dan Pengaduan. */
export type F03Group = F03Aspect;
export const F03_GROUPS: readonly F03Group[] = F03_ASPECTS.map((aspect) => aspect.aspect);

export interface F03Item {
  /** 1..14. */
  item: number;
  /** The code the form prints, e.g. "14.d.T" (not derived from `item`: the F-03 A codes skip 13). */
  code: string;
  group: F03Group;
  name: string;
}

/**
 * How the F-03 answers of a unit's respondents become its user score; no source gives the official
 * formula, so a ruleset states the one it uses and where it comes from.
 * - `mean-of-all-answers`: every item answer of every respondent weighs the same, i.e. the sum of the
 *   answers ÷ (items × respondents), which is also the mean of the respondents' means.
 */
export type F03AggregationRule = 'mean-of-all-answers';
export const F03_AGGREGATION_RULES: readonly F03AggregationRule[] = ['mean-of-all-answers'];

export interface F03Aggregation extends Provenance {
  rule: F03AggregationRule;
}

/** How the evaluator IPP (F-02) and the user score (F-03) are merged. */
export interface UserScoreMerge extends Provenance {
  f02WeightBp: number;
  f03WeightBp: number;
  /** Below this many respondents the F-03 score is not merged. */
  f03MinRespondents: number;
  /** Collection cap (the survey stops there); more respondents are still counted. */
  f03MaxRespondents: number;
  items: readonly F03Item[];
  f03Aggregation: F03Aggregation;
}

/** `lead-evaluator`: the lead's latest score is final. `mean`: mean of every evaluator's latest score. */
export type EvaluatorCombination = 'lead-evaluator' | 'mean';
export const EVALUATOR_COMBINATIONS: readonly EvaluatorCombination[] = ['lead-evaluator', 'mean'];

export interface CategoryBand {
  /** e.g. "A-". */
  category: string;
  /** e.g. "Sangat Baik". */
  predicate: string;
  /** Inclusive, hundredths of the IPP rounded half-up to 2 decimals. */
  minHundredths: number;
  /** Inclusive. */
  maxHundredths: number;
}

export interface Ruleset {
  /** Kebab-case id, e.g. "pekppp-2023". */
  id: string;
  /** Increasing per id. */
  version: number;
  title: string;
  /** Regulations the ruleset implements. */
  legalBasis: readonly string[];
  /** Indicator score scale; the scoring rules support 0..5 only. */
  scale: { min: number; max: number };
  aspects: readonly Aspect[];
  informationIndicators: readonly InformationIndicator[];
  /** Null when the scheme has no user score (F-02 only). */
  userScoreMerge: UserScoreMerge | null;
  evaluatorCombination: EvaluatorCombination;
  evaluatorCombinationProvenance: Provenance;
  /** Bands on the IPP rounded to 2 decimals; contiguous over 0.00..5.00. */
  bands: readonly CategoryBand[];
  bandsProvenance: Provenance;
  /**
   * The ruleset a unit lokus assigned Kode B (daring, fully online services) is scored under, e.g.
   * "pekppp-2023-kode-b": a cycle pinning this ruleset pins the newest version of that one beside it.
   * Absent when the scheme has no Kode B form (a cycle's lokus are then Kode A only).
   */
  kodeBRulesetId?: string;
  /** Absent when the scheme states none: the admin can then only let evaluators score from a field visit. */
  nonSubmissionOutcome?: NonSubmissionOutcome;
}

/**
 * What a unit lokus that never submitted its F-01 gets when the admin applies it after the F-01 window
 * closed (instead of letting evaluators score from a field visit): every scored indicator takes
 * `indicatorScore` as its final F-02 score, and the unit is marked with `label`.
 */
export interface NonSubmissionOutcome extends Provenance {
  /** How the unit is marked, e.g. "Tidak mengisi F-01". */
  label: string;
  /** 0..5. */
  indicatorScore: number;
}

export interface RulesetRef {
  id: string;
  version: number;
}

/** Paths of every provisional part, in the same notation as validation errors. */
export function provisionalParts(ruleset: Ruleset): string[] {
  const parts: string[] = [];
  ruleset.aspects.forEach((aspect, a) => {
    if (aspect.provisional) parts.push(`aspects[${a}].weightBp`);
    aspect.indicators.forEach((indicator, i) => {
      if (indicator.provisional) parts.push(`aspects[${a}].indicators[${i}].weightBp`);
      if (indicator.descriptorsProvenance.provisional) parts.push(`aspects[${a}].indicators[${i}].descriptors`);
    });
  });
  ruleset.informationIndicators.forEach((info, i) => {
    if (info.provisional) parts.push(`informationIndicators[${i}]`);
  });
  if (ruleset.userScoreMerge?.provisional) parts.push('userScoreMerge');
  if (ruleset.userScoreMerge?.f03Aggregation.provisional) parts.push('userScoreMerge.f03Aggregation');
  if (ruleset.evaluatorCombinationProvenance.provisional) parts.push('evaluatorCombination');
  if (ruleset.bandsProvenance.provisional) parts.push('bands');
  return parts;
}

/** True when any part of the ruleset is provisional (shown as "provisional" in API and UI). */
export function isProvisional(ruleset: Ruleset): boolean {
  return provisionalParts(ruleset).length > 0;
}

export function scoredIndicators(ruleset: Ruleset): Indicator[] {
  return ruleset.aspects.flatMap((aspect) => aspect.indicators);
}

export function findIndicator(ruleset: Ruleset, code: string): { aspect: Aspect; indicator: Indicator } | undefined {
  for (const aspect of ruleset.aspects) {
    const indicator = aspect.indicators.find((candidate) => candidate.code === code);
    if (indicator) return { aspect, indicator };
  }
  return undefined;
}

export function sameRuleset(a: RulesetRef, b: RulesetRef): boolean {
  return a.id === b.id && a.version === b.version;
}

// ── validation ──────────────────────────────────────────────────────────────────────────────────

export type RulesetRule =
  | 'required'
  | 'id-is-kebab-case'
  | 'version-is-positive-integer'
  | 'scale-is-0-to-5'
  | 'weight-is-basis-points'
  | 'weights-sum-to-100-percent'
  | 'aspect-has-indicators'
  | 'unique-aspect-code'
  | 'unique-indicator-code'
  | 'unique-indicator-no'
  | 'indicator-code-matches-no-and-aspect'
  | 'six-descriptors'
  | 'provisional-needs-source'
  | 'known-evaluator-combination'
  | 'band-min-not-above-max'
  | 'unique-category'
  | 'bands-cover-0-to-5'
  | 'bands-no-gap'
  | 'bands-no-overlap'
  | 'quota-is-positive-integer'
  | 'quota-min-not-above-max'
  | 'f03-items-numbered-1-to-n'
  | 'known-f03-aggregation'
  | 'f01-form-consistent';

/** One broken rule at a JSON path of the ruleset document, e.g. `aspects[2].indicators[1].weightBp`. */
export interface RulesetViolation {
  path: string;
  rule: RulesetRule;
  message: string;
}

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';
const list = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const percent = (bp: number): string => `${bp / 100}%`;
const hundredths = (h: number): string => (h / 100).toFixed(2);

/**
 * Every broken rule of a ruleset document, in document order; empty when it can be published.
 * Defensive about shape (the document may come from an admin's JSON), precise about paths.
 */
export function validateRuleset(ruleset: Ruleset): RulesetViolation[] {
  const out: RulesetViolation[] = [];
  const add = (path: string, rule: RulesetRule, message: string): void => {
    out.push({ path, rule, message });
  };
  const checkProvenance = (path: string, provenance: Provenance | undefined): void => {
    if (provenance?.provisional && isBlank(provenance.source)) {
      add(`${path}.source`, 'provisional-needs-source', 'a provisional value must say where it comes from');
    }
  };
  const checkWeight = (path: string, weight: unknown, allowZero = false): weight is number => {
    const ok = isInt(weight) && weight >= (allowZero ? 0 : 1) && weight <= BASIS_POINTS_100_PERCENT;
    if (!ok) {
      add(path, 'weight-is-basis-points', `weight must be an integer number of basis points ${allowZero ? 0 : 1}..10000, got ${JSON.stringify(weight)}`);
    }
    return ok;
  };
  const checkDescriptors = (path: string, value: readonly string[] | undefined): void => {
    const descriptors = list(value);
    if (descriptors.length !== DESCRIPTOR_COUNT) {
      add(`${path}.descriptors`, 'six-descriptors', `expected ${DESCRIPTOR_COUNT} descriptors (scores 0..5), got ${descriptors.length}`);
    }
    descriptors.forEach((descriptor, d) => {
      if (isBlank(descriptor)) add(`${path}.descriptors[${d}]`, 'six-descriptors', `descriptor of score ${d} is empty`);
    });
  };

  if (isBlank(ruleset.id)) add('id', 'required', 'id is required');
  else if (!KEBAB_CASE.test(ruleset.id)) add('id', 'id-is-kebab-case', `id "${ruleset.id}" must be kebab-case, e.g. "pekppp-2023"`);
  if (!isInt(ruleset.version) || ruleset.version < 1) {
    add('version', 'version-is-positive-integer', `version must be an integer >= 1, got ${JSON.stringify(ruleset.version)}`);
  }
  if (isBlank(ruleset.title)) add('title', 'required', 'title is required');
  if (!Array.isArray(ruleset.legalBasis) || ruleset.legalBasis.length === 0) {
    add('legalBasis', 'required', 'at least one legal basis is required');
  }
  if (ruleset.scale?.min !== SCALE_MIN || ruleset.scale?.max !== SCALE_MAX) {
    add('scale', 'scale-is-0-to-5', 'indicator scores are 0..5 (F-02); other scales are not supported');
  }

  const outcome = ruleset.nonSubmissionOutcome;
  if (outcome !== undefined) {
    if (isBlank(outcome.label)) add('nonSubmissionOutcome.label', 'required', 'the non-submission outcome needs its label, e.g. "Tidak mengisi F-01"');
    if (!isInt(outcome.indicatorScore) || outcome.indicatorScore < SCALE_MIN || outcome.indicatorScore > SCALE_MAX) {
      add(
        'nonSubmissionOutcome.indicatorScore',
        'scale-is-0-to-5',
        `the non-submission score must be an integer 0..5, got ${JSON.stringify(outcome.indicatorScore)}`,
      );
    }
    checkProvenance('nonSubmissionOutcome', outcome);
  }

  const aspects = list(ruleset.aspects);
  if (aspects.length === 0) add('aspects', 'required', 'at least one aspect is required');
  const aspectCodes = new Map<string, number>();
  const indicatorCodes = new Map<string, string>();
  const indicatorNos = new Map<number, string>();
  let aspectSum = 0;
  let aspectWeightsValid = true;
  aspects.forEach((aspect, a) => {
    const at = `aspects[${a}]`;
    if (isBlank(aspect.code)) add(`${at}.code`, 'required', 'aspect code is required');
    else if (aspectCodes.has(aspect.code)) {
      add(`${at}.code`, 'unique-aspect-code', `aspect code "${aspect.code}" is already used by aspects[${aspectCodes.get(aspect.code)}]`);
    } else aspectCodes.set(aspect.code, a);
    if (isBlank(aspect.name)) add(`${at}.name`, 'required', 'aspect name is required');
    if (checkWeight(`${at}.weightBp`, aspect.weightBp)) aspectSum += aspect.weightBp;
    else aspectWeightsValid = false;
    checkProvenance(at, aspect);

    const indicators = list(aspect.indicators);
    if (indicators.length === 0) add(`${at}.indicators`, 'aspect-has-indicators', `aspect "${aspect.code}" has no indicators`);
    let indicatorSum = 0;
    let indicatorWeightsValid = true;
    indicators.forEach((indicator, i) => {
      const it = `${at}.indicators[${i}]`;
      if (!isInt(indicator.no) || indicator.no < 1) {
        add(`${it}.no`, 'required', `indicator number must be an integer >= 1, got ${JSON.stringify(indicator.no)}`);
      } else if (indicatorNos.has(indicator.no)) {
        add(`${it}.no`, 'unique-indicator-no', `indicator number ${indicator.no} is already used by ${indicatorNos.get(indicator.no)}`);
      } else indicatorNos.set(indicator.no, it);
      if (isBlank(indicator.code)) add(`${it}.code`, 'required', 'indicator code is required');
      else {
        if (indicatorCodes.has(indicator.code)) {
          add(`${it}.code`, 'unique-indicator-code', `indicator code "${indicator.code}" is already used by ${indicatorCodes.get(indicator.code)}`);
        } else indicatorCodes.set(indicator.code, it);
        const prefix = `${indicator.no}.${aspect.code}.`;
        if (!indicator.code.startsWith(prefix) || indicator.code.length === prefix.length) {
          add(`${it}.code`, 'indicator-code-matches-no-and-aspect', `indicator code "${indicator.code}" must be "${prefix}<principle>"`);
        }
      }
      if (isBlank(indicator.name)) add(`${it}.name`, 'required', 'indicator name is required');
      if (checkWeight(`${it}.weightBp`, indicator.weightBp)) indicatorSum += indicator.weightBp;
      else indicatorWeightsValid = false;
      checkProvenance(it, indicator);
      checkProvenance(`${it}.descriptorsProvenance`, indicator.descriptorsProvenance);
      checkDescriptors(it, indicator.descriptors);
      if (indicator.f01 !== undefined) {
        for (const [path, message] of f01FormProblems(indicator.code, indicator.f01)) add(`${it}.f01.${path}`, 'f01-form-consistent', message);
      }
    });
    if (indicators.length > 0 && indicatorWeightsValid && indicatorSum !== BASIS_POINTS_100_PERCENT) {
      add(`${at}.indicators`, 'weights-sum-to-100-percent', `indicator weights of aspect "${aspect.code}" sum to ${percent(indicatorSum)}, not 100%`);
    }
  });
  if (aspects.length > 0 && aspectWeightsValid && aspectSum !== BASIS_POINTS_100_PERCENT) {
    add('aspects', 'weights-sum-to-100-percent', `aspect weights sum to ${percent(aspectSum)}, not 100%`);
  }

  list(ruleset.informationIndicators).forEach((info, i) => {
    const at = `informationIndicators[${i}]`;
    if (isBlank(info.code)) add(`${at}.code`, 'required', 'code is required');
    else if (indicatorCodes.has(info.code)) {
      add(`${at}.code`, 'unique-indicator-code', `indicator code "${info.code}" is already used by ${indicatorCodes.get(info.code)}`);
    } else indicatorCodes.set(info.code, at);
    checkProvenance(at, info);
    if (info.descriptors !== undefined) checkDescriptors(at, info.descriptors);
  });

  const merge = ruleset.userScoreMerge;
  if (merge) {
    const f02Ok = checkWeight('userScoreMerge.f02WeightBp', merge.f02WeightBp, true);
    const f03Ok = checkWeight('userScoreMerge.f03WeightBp', merge.f03WeightBp, true);
    if (f02Ok && f03Ok && merge.f02WeightBp + merge.f03WeightBp !== BASIS_POINTS_100_PERCENT) {
      add(
        'userScoreMerge',
        'weights-sum-to-100-percent',
        `F-02 ${percent(merge.f02WeightBp)} + F-03 ${percent(merge.f03WeightBp)} = ${percent(merge.f02WeightBp + merge.f03WeightBp)}, not 100%`,
      );
    }
    const minOk = isInt(merge.f03MinRespondents) && merge.f03MinRespondents >= 1;
    const maxOk = isInt(merge.f03MaxRespondents) && merge.f03MaxRespondents >= 1;
    if (!minOk)
      add(
        'userScoreMerge.f03MinRespondents',
        'quota-is-positive-integer',
        `minimum respondents must be an integer >= 1, got ${JSON.stringify(merge.f03MinRespondents)}`,
      );
    if (!maxOk)
      add(
        'userScoreMerge.f03MaxRespondents',
        'quota-is-positive-integer',
        `maximum respondents must be an integer >= 1, got ${JSON.stringify(merge.f03MaxRespondents)}`,
      );
    if (minOk && maxOk && merge.f03MinRespondents > merge.f03MaxRespondents) {
      add(
        'userScoreMerge.f03MinRespondents',
        'quota-min-not-above-max',
        `minimum respondents ${merge.f03MinRespondents} is above the maximum ${merge.f03MaxRespondents}`,
      );
    }
    checkProvenance('userScoreMerge', merge);
    const items = list(merge.items);
    if (items.length === 0) add('userScoreMerge.items', 'required', 'the F-03 items are required');
    items.forEach((item, i) => {
      if (item.item !== i + 1) {
        add(`userScoreMerge.items[${i}].item`, 'f03-items-numbered-1-to-n', `expected item ${i + 1}, got ${JSON.stringify(item.item)}`);
      }
      if (isBlank(item.code)) add(`userScoreMerge.items[${i}].code`, 'required', 'the code the form prints is required, e.g. "14.d.T"');
      if (!F03_GROUPS.includes(item.group)) {
        add(`userScoreMerge.items[${i}].group`, 'required', `group must be one of ${F03_GROUPS.join(', ')}`);
      }
    });
    if (!F03_AGGREGATION_RULES.includes(merge.f03Aggregation?.rule)) {
      add(
        'userScoreMerge.f03Aggregation.rule',
        'known-f03-aggregation',
        `F-03 aggregation must be one of ${F03_AGGREGATION_RULES.join(', ')}, got ${JSON.stringify(merge.f03Aggregation?.rule)}`,
      );
    }
    checkProvenance('userScoreMerge.f03Aggregation', merge.f03Aggregation);
  }

  if (!EVALUATOR_COMBINATIONS.includes(ruleset.evaluatorCombination)) {
    add(
      'evaluatorCombination',
      'known-evaluator-combination',
      `evaluator combination must be one of ${EVALUATOR_COMBINATIONS.join(', ')}, got ${JSON.stringify(ruleset.evaluatorCombination)}`,
    );
  }
  checkProvenance('evaluatorCombinationProvenance', ruleset.evaluatorCombinationProvenance);

  validateBands(list(ruleset.bands), add);
  checkProvenance('bandsProvenance', ruleset.bandsProvenance);
  return out;
}

function validateBands(bands: readonly CategoryBand[], add: (path: string, rule: RulesetRule, message: string) => void): void {
  if (bands.length === 0) {
    add('bands', 'bands-cover-0-to-5', 'bands must cover 0.00..5.00');
    return;
  }
  const categories = new Map<string, number>();
  const usable: { band: CategoryBand; index: number }[] = [];
  bands.forEach((band, b) => {
    const at = `bands[${b}]`;
    if (isBlank(band.category)) add(`${at}.category`, 'required', 'category is required');
    else if (categories.has(band.category)) {
      add(`${at}.category`, 'unique-category', `category "${band.category}" is already used by bands[${categories.get(band.category)}]`);
    } else categories.set(band.category, b);
    if (isBlank(band.predicate)) add(`${at}.predicate`, 'required', 'predicate is required');
    const minOk = isInt(band.minHundredths) && band.minHundredths >= 0 && band.minHundredths <= HUNDREDTHS_MAX;
    const maxOk = isInt(band.maxHundredths) && band.maxHundredths >= 0 && band.maxHundredths <= HUNDREDTHS_MAX;
    if (!minOk) add(`${at}.minHundredths`, 'bands-cover-0-to-5', `minHundredths must be an integer 0..500, got ${JSON.stringify(band.minHundredths)}`);
    if (!maxOk) add(`${at}.maxHundredths`, 'bands-cover-0-to-5', `maxHundredths must be an integer 0..500, got ${JSON.stringify(band.maxHundredths)}`);
    if (minOk && maxOk && band.minHundredths > band.maxHundredths) {
      add(
        `${at}.minHundredths`,
        'band-min-not-above-max',
        `band ${band.category} starts at ${hundredths(band.minHundredths)}, above its end ${hundredths(band.maxHundredths)}`,
      );
    } else if (minOk && maxOk) usable.push({ band, index: b });
  });
  if (usable.length !== bands.length) return; // coverage is meaningless until every band is well-formed

  const sorted = [...usable].sort((x, y) => x.band.minHundredths - y.band.minHundredths);
  const lowest = sorted[0];
  const highest = sorted.reduce((top, candidate) => (candidate.band.maxHundredths > top.band.maxHundredths ? candidate : top));
  if (lowest.band.minHundredths !== 0) {
    add(`bands[${lowest.index}].minHundredths`, 'bands-cover-0-to-5', `the lowest band starts at ${hundredths(lowest.band.minHundredths)}, not 0.00`);
  }
  if (highest.band.maxHundredths !== HUNDREDTHS_MAX) {
    add(`bands[${highest.index}].maxHundredths`, 'bands-cover-0-to-5', `the highest band ends at ${hundredths(highest.band.maxHundredths)}, not 5.00`);
  }
  let reach = lowest; // the band reaching highest so far, so a band nested in a wide one is still an overlap
  for (const current of sorted.slice(1)) {
    const expected = reach.band.maxHundredths + 1;
    if (current.band.minHundredths > expected) {
      add(
        `bands[${current.index}].minHundredths`,
        'bands-no-gap',
        `no band covers ${hundredths(expected)}..${hundredths(current.band.minHundredths - 1)} (between ${reach.band.category} and ${current.band.category})`,
      );
    } else if (current.band.minHundredths < expected) {
      add(
        `bands[${current.index}].minHundredths`,
        'bands-no-overlap',
        `band ${current.band.category} starts at ${hundredths(current.band.minHundredths)}, inside band ${reach.band.category} (up to ${hundredths(reach.band.maxHundredths)})`,
      );
    }
    if (current.band.maxHundredths > reach.band.maxHundredths) reach = current;
  }
}
