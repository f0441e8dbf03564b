import { BASIS_POINTS_100_PERCENT, type Provenance } from '../ruleset/ruleset';

/**
 * An Ombudsman compliance ruleset is data, like a PEKPPP one: every weight, item scale and grade edge
 * lives here, versioned per id, so an assessment pins the version it was graded under and can be
 * re-graded under another as a what-if. Values that docs/domain.md marks [P]/[U] carry
 * `provisional: true` and a `source`.
 *
 * Weights are integer basis points (10000 = 100%) and grade edges integer hundredths of the 0..100
 * score (8100 = 81.00), so grading never multiplies floats.
 */

/** Grade edges are hundredths of the 0..100 score: 0..10000 covers 0.00..100.00. */
export const COMPLIANCE_HUNDREDTHS_MAX = 10_000;
/** Every dimension is scored 0..100 before it is weighted. */
export const DIMENSION_SCORE_MAX = 100;

export type ComplianceZone = 'hijau' | 'kuning' | 'merah';

export type ComplianceDimensionCode = 'kepatuhan-standar' | 'input' | 'proses' | 'output' | 'pengaduan' | 'kepercayaan-masyarakat';

/** The complaint figures a `complaint-handling` dimension may read, each a count out of the complaints received. */
export type ComplaintFigure = 'respondedWithinDeadline' | 'resolvedWithinDeadline';

/**
 * Where the rule that turns the unit's data into a dimension score comes from: the Ombudsman's own
 * method, or Pantau's mapping of the events it has onto a dimension the Ombudsman measures otherwise
 * (always provisional, since the Ombudsman may grade the same unit differently).
 */
export interface RuleSource extends Provenance {
  origin: 'ombudsman' | 'pantau';
}

/** One component of the Standar Pelayanan (UU 25/2009 Pasal 21; PermenPANRB 15/2014). */
export interface StandardComponent extends Provenance {
  /** Kebab-case, e.g. "jangka-waktu". */
  code: string;
  /** 1..14 in the order of docs/domain.md section 4. */
  no: number;
  name: string;
  group: 'service-delivery' | 'manufacturing';
}

/** How a dimension's 0..100 score is computed from the unit's input. */
export type DimensionMeasure =
  /** Per service product, the share of `components` fulfilled × 100; the unit's score is the mean over its products. */
  | { kind: 'standard-components'; components: readonly StandardComponent[] }
  /** Evaluator observation items of this dimension, each scored `scale.min..scale.max`: Σ (score − min) / ((max − min) × items) × 100. */
  | { kind: 'observed-items'; scale: { min: number; max: number }; scaleProvenance: Provenance }
  /** Σ (term weight × figure / complaints received) × 100; term weights sum to 100%. */
  | { kind: 'complaint-handling'; terms: readonly { figure: ComplaintFigure; weightBp: number }[] }
  /** The unit's SKM result, IKM konversi 25..100 (PermenPANRB 14/2017), taken as the score. */
  | { kind: 'skm-ikm' }
  /** The public-trust figure 0..100, taken as the score. */
  | { kind: 'public-trust' };

export type DimensionMeasureKind = DimensionMeasure['kind'];

export interface ComplianceDimension extends Provenance {
  code: ComplianceDimensionCode;
  /** Indonesian, as users see it, e.g. "Dimensi Proses". */
  name: string;
  /** Weight inside its group; `provisional`/`source` above are about this weight. */
  weightBp: number;
  measure: DimensionMeasure;
  /** Where `measure` comes from. */
  ruleSource: RuleSource;
}

/** Dimensions weighted together; 2025 weighs the four dimensions (70%) against public trust (30%). */
export interface DimensionGroup extends Provenance {
  code: string;
  name: string;
  /** Weight of the group in the total; `provisional`/`source` above are about this weight. */
  weightBp: number;
  dimensions: readonly ComplianceDimension[];
}

/** A zone (2021) or an opinion category (2022 onward). `provisional`/`source` are about its edges. */
export interface GradeBand extends Provenance {
  /** e.g. "hijau", "A". */
  code: string;
  /** Indonesian, e.g. "Kepatuhan Tinggi", "Kualitas Tertinggi". */
  label: string;
  zone: ComplianceZone;
  /** Inclusive lower edge, in hundredths of the total rounded as the ruleset's `rounding` says. */
  minHundredths: number;
  /** Inclusive upper edge, same unit: the next band starts at maxHundredths + 1. */
  maxHundredths: number;
}

/** How the total is rounded before the band lookup (the published figures have 2 decimals). */
export interface ScoreRounding extends Provenance {
  decimals: 2;
  mode: 'half-up';
}

/** 2025 only: the maladministration finding given beside the quality level. */
export interface MaladministrationFindingRule extends Provenance {
  /** Label when no maladministration was substantiated and no Ombudsman action is left unresolved. */
  noneLabel: string;
  /** Label otherwise. */
  foundLabel: string;
  ruleSource: RuleSource;
}

export interface ComplianceRuleset {
  /** Kebab-case id, e.g. "ombudsman-2022". */
  id: string;
  /** Increasing per id. */
  version: number;
  title: string;
  /** Regulations the ruleset implements. */
  legalBasis: readonly string[];
  /** Where its numbers come from, beyond the per-value sources. */
  sources: readonly string[];
  /** `zone`: the band is a zone (2021). `opinion`: the band is an opinion category that has a zone. */
  bandKind: 'zone' | 'opinion';
  groups: readonly DimensionGroup[];
  rounding: ScoreRounding;
  /** Contiguous over 0.00..100.00, highest first. */
  bands: readonly GradeBand[];
  maladministrationFinding: MaladministrationFindingRule | null;
}

export interface ComplianceRulesetRef {
  id: string;
  version: number;
}

/** Paths of every provisional part, in the same notation as validation errors. */
export function complianceProvisionalParts(ruleset: ComplianceRuleset): string[] {
  const parts: string[] = [];
  ruleset.groups.forEach((group, g) => {
    if (group.provisional) parts.push(`groups[${g}].weightBp`);
    group.dimensions.forEach((dimension, d) => parts.push(...dimensionProvisionalParts(dimension, `groups[${g}].dimensions[${d}]`)));
  });
  if (ruleset.rounding.provisional) parts.push('rounding');
  ruleset.bands.forEach((band, b) => {
    if (band.provisional) parts.push(`bands[${b}]`);
  });
  if (ruleset.maladministrationFinding?.provisional) parts.push('maladministrationFinding');
  if (ruleset.maladministrationFinding?.ruleSource.provisional) parts.push('maladministrationFinding.ruleSource');
  return parts;
}

export function dimensionProvisionalParts(dimension: ComplianceDimension, at: string): string[] {
  const parts: string[] = [];
  if (dimension.provisional) parts.push(`${at}.weightBp`);
  if (dimension.ruleSource.provisional) parts.push(`${at}.ruleSource`);
  const { measure } = dimension;
  if (measure.kind === 'standard-components') {
    measure.components.forEach((component, c) => {
      if (component.provisional) parts.push(`${at}.measure.components[${c}]`);
    });
  }
  if (measure.kind === 'observed-items' && measure.scaleProvenance.provisional) parts.push(`${at}.measure.scale`);
  return parts;
}

export function complianceDimensions(ruleset: ComplianceRuleset): ComplianceDimension[] {
  return ruleset.groups.flatMap((group) => group.dimensions);
}

// ── validation ──────────────────────────────────────────────────────────────────────────────────

export type ComplianceRulesetRule =
  | 'required'
  | 'id-is-kebab-case'
  | 'version-is-positive-integer'
  | 'weight-is-basis-points'
  | 'weights-sum-to-100-percent'
  | 'group-has-dimensions'
  | 'unique-dimension-code'
  | 'unique-component-code'
  | 'item-scale-is-integer-range'
  | 'provisional-needs-source'
  | 'band-min-not-above-max'
  | 'unique-band-code'
  | 'bands-cover-0-to-100'
  | 'bands-no-gap'
  | 'bands-no-overlap';

export interface ComplianceRulesetViolation {
  path: string;
  rule: ComplianceRulesetRule;
  message: string;
}

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const percent = (bp: number): string => `${bp / 100}%`;
const hundredths = (h: number): string => (h / 100).toFixed(2);

/** Every broken rule of a compliance ruleset, in document order; empty when it can be used. */
export function validateComplianceRuleset(ruleset: ComplianceRuleset): ComplianceRulesetViolation[] {
  const out: ComplianceRulesetViolation[] = [];
  const add = (path: string, rule: ComplianceRulesetRule, message: string): void => {
    out.push({ path, rule, message });
  };
  const checkProvenance = (path: string, provenance: Provenance): void => {
    if (provenance.provisional && isBlank(provenance.source))
      add(`${path}.source`, 'provisional-needs-source', 'a provisional value must say where it comes from');
  };
  const checkWeights = (path: string, what: string, weights: readonly { weightBp: number }[], at: (index: number) => string): void => {
    const valid = weights.every((item, index) => {
      const ok = isInt(item.weightBp) && item.weightBp >= 1 && item.weightBp <= BASIS_POINTS_100_PERCENT;
      if (!ok)
        add(
          `${at(index)}.weightBp`,
          'weight-is-basis-points',
          `weight must be an integer number of basis points 1..10000, got ${JSON.stringify(item.weightBp)}`,
        );
      return ok;
    });
    const total = weights.reduce((acc, item) => acc + item.weightBp, 0);
    if (valid && weights.length > 0 && total !== BASIS_POINTS_100_PERCENT)
      add(path, 'weights-sum-to-100-percent', `${what} sum to ${percent(total)}, not 100%`);
  };

  if (isBlank(ruleset.id)) add('id', 'required', 'id is required');
  else if (!KEBAB_CASE.test(ruleset.id)) add('id', 'id-is-kebab-case', `id "${ruleset.id}" must be kebab-case, e.g. "ombudsman-2022"`);
  if (!isInt(ruleset.version) || ruleset.version < 1)
    add('version', 'version-is-positive-integer', `version must be an integer >= 1, got ${JSON.stringify(ruleset.version)}`);
  if (isBlank(ruleset.title)) add('title', 'required', 'title is required');
  if (ruleset.legalBasis.length === 0) add('legalBasis', 'required', 'at least one legal basis is required');
  if (ruleset.groups.length === 0) add('groups', 'required', 'at least one dimension group is required');

  checkWeights('groups', 'group weights', ruleset.groups, (g) => `groups[${g}]`);
  const dimensionCodes = new Map<string, string>();
  ruleset.groups.forEach((group, g) => {
    const at = `groups[${g}]`;
    checkProvenance(at, group);
    if (group.dimensions.length === 0) add(`${at}.dimensions`, 'group-has-dimensions', `group "${group.code}" has no dimensions`);
    checkWeights(`${at}.dimensions`, `dimension weights of group "${group.code}"`, group.dimensions, (d) => `${at}.dimensions[${d}]`);
    group.dimensions.forEach((dimension, d) => {
      const dt = `${at}.dimensions[${d}]`;
      const seen = dimensionCodes.get(dimension.code);
      if (seen) add(`${dt}.code`, 'unique-dimension-code', `dimension "${dimension.code}" is already used by ${seen}`);
      else dimensionCodes.set(dimension.code, dt);
      if (isBlank(dimension.name)) add(`${dt}.name`, 'required', 'dimension name is required');
      checkProvenance(dt, dimension);
      checkProvenance(`${dt}.ruleSource`, dimension.ruleSource);
      validateMeasure(dimension.measure, `${dt}.measure`, add, checkProvenance);
    });
  });

  checkProvenance('rounding', ruleset.rounding);
  validateBands(ruleset.bands, add, checkProvenance);
  if (ruleset.maladministrationFinding) {
    checkProvenance('maladministrationFinding', ruleset.maladministrationFinding);
    checkProvenance('maladministrationFinding.ruleSource', ruleset.maladministrationFinding.ruleSource);
  }
  return out;
}

type Add = (path: string, rule: ComplianceRulesetRule, message: string) => void;
type CheckProvenance = (path: string, provenance: Provenance) => void;

function validateMeasure(measure: DimensionMeasure, at: string, add: Add, checkProvenance: CheckProvenance): void {
  switch (measure.kind) {
    case 'standard-components': {
      if (measure.components.length === 0) add(`${at}.components`, 'required', 'at least one Standar Pelayanan component is required');
      const codes = new Set<string>();
      measure.components.forEach((component, c) => {
        if (codes.has(component.code)) add(`${at}.components[${c}].code`, 'unique-component-code', `component "${component.code}" is listed twice`);
        codes.add(component.code);
        checkProvenance(`${at}.components[${c}]`, component);
      });
      return;
    }
    case 'observed-items':
      if (!isInt(measure.scale.min) || !isInt(measure.scale.max) || measure.scale.min < 0 || measure.scale.max <= measure.scale.min) {
        add(`${at}.scale`, 'item-scale-is-integer-range', `item scale must be integers 0 <= min < max, got ${measure.scale.min}..${measure.scale.max}`);
      }
      checkProvenance(`${at}.scaleProvenance`, measure.scaleProvenance);
      return;
    case 'complaint-handling': {
      if (measure.terms.length === 0) add(`${at}.terms`, 'required', 'at least one complaint figure is required');
      const total = measure.terms.reduce((acc, term) => acc + term.weightBp, 0);
      if (measure.terms.length > 0 && total !== BASIS_POINTS_100_PERCENT) {
        add(`${at}.terms`, 'weights-sum-to-100-percent', `complaint figure weights sum to ${percent(total)}, not 100%`);
      }
      return;
    }
    case 'skm-ikm':
    case 'public-trust':
      return;
  }
}

function validateBands(bands: readonly GradeBand[], add: Add, checkProvenance: CheckProvenance): void {
  if (bands.length === 0) {
    add('bands', 'bands-cover-0-to-100', 'bands must cover 0.00..100.00');
    return;
  }
  const codes = new Map<string, number>();
  let wellFormed = true;
  bands.forEach((band, b) => {
    const at = `bands[${b}]`;
    if (isBlank(band.code)) add(`${at}.code`, 'required', 'band code is required');
    else if (codes.has(band.code)) add(`${at}.code`, 'unique-band-code', `band "${band.code}" is already used by bands[${codes.get(band.code)}]`);
    else codes.set(band.code, b);
    if (isBlank(band.label)) add(`${at}.label`, 'required', 'band label is required');
    checkProvenance(at, band);
    const inRange = (h: number): boolean => isInt(h) && h >= 0 && h <= COMPLIANCE_HUNDREDTHS_MAX;
    if (!inRange(band.minHundredths) || !inRange(band.maxHundredths)) {
      add(at, 'bands-cover-0-to-100', `band edges must be integer hundredths 0..10000, got ${band.minHundredths}..${band.maxHundredths}`);
      wellFormed = false;
    } else if (band.minHundredths > band.maxHundredths) {
      add(
        `${at}.minHundredths`,
        'band-min-not-above-max',
        `band ${band.code} starts at ${hundredths(band.minHundredths)}, above its end ${hundredths(band.maxHundredths)}`,
      );
      wellFormed = false;
    }
  });
  if (!wellFormed) return; // coverage means nothing until every band is well-formed

  const sorted = bands.map((band, index) => ({ band, index })).sort((x, y) => x.band.minHundredths - y.band.minHundredths);
  const lowest = sorted[0];
  if (lowest.band.minHundredths !== 0)
    add(`bands[${lowest.index}].minHundredths`, 'bands-cover-0-to-100', `the lowest band starts at ${hundredths(lowest.band.minHundredths)}, not 0.00`);
  let reach = lowest;
  for (const current of sorted.slice(1)) {
    const expected = reach.band.maxHundredths + 1;
    if (current.band.minHundredths > expected) {
      add(
        `bands[${current.index}].minHundredths`,
        'bands-no-gap',
        `no band covers ${hundredths(expected)}..${hundredths(current.band.minHundredths - 1)} (between ${reach.band.code} and ${current.band.code})`,
      );
    } else if (current.band.minHundredths < expected) {
      add(`bands[${current.index}].minHundredths`, 'bands-no-overlap', `band ${current.band.code} starts inside band ${reach.band.code}`);
    }
    if (current.band.maxHundredths > reach.band.maxHundredths) reach = current;
  }
  if (reach.band.maxHundredths !== COMPLIANCE_HUNDREDTHS_MAX) {
    add(`bands[${reach.index}].maxHundredths`, 'bands-cover-0-to-100', `the highest band ends at ${hundredths(reach.band.maxHundredths)}, not 100.00`);
  }
}
