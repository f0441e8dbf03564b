import { add, div, fraction, fromDecimal, mul, roundHalfUpScaled, sum, toNumber, ZERO, type Fraction } from '@lib/kernel';
import { DomainError } from '../error-codes';
import { BASIS_POINTS_100_PERCENT } from '../ruleset/ruleset';
import type { ScoreValue } from '../scoring/scoring-rules';
import {
  type ComplaintFigure,
  type ComplianceDimension,
  type ComplianceDimensionCode,
  type ComplianceRuleset,
  type ComplianceRulesetRef,
  type ComplianceZone,
  complianceDimensions,
  type DimensionMeasure,
  DIMENSION_SCORE_MAX,
  dimensionProvisionalParts,
  type GradeBand,
  type RuleSource,
} from './compliance-ruleset';

// Ombudsman compliance graded from what the events say about a unit (docs/domain.md 2.1–2.3), under
// one ruleset. Grading the same input under another ruleset is the what-if: same call, other ruleset.
//
// A dimension without data is never read as 0 silently: it contributes nothing, is listed in
// `missing`, and the grade is `complete: false`. The total is then a floor (the missing dimensions
// can only add to it); `ceiling` is the total had they scored 100. When floor and ceiling fall in the
// same band, the band is already decided; otherwise the grade is open until the data arrives.

/** One service product observed (catalog events): the Standar Pelayanan components it fulfils. */
export interface ServiceProductObservation {
  productId: string;
  /** Codes of the components observed as fulfilled (service-delivery ones: published); every other component is not. */
  fulfilledComponents: readonly string[];
}

/** One item an evaluator scored for a dimension (observation events), e.g. an input item scored 0..3. */
export interface ObservedItem {
  dimension: ComplianceDimensionCode;
  itemCode: string;
  score: number;
}

/** Complaint events of the period, counted: how many arrived, and how many met each deadline (docs/domain.md 5). */
export interface ComplaintFigures {
  received: number;
  respondedWithinDeadline: number;
  resolvedWithinDeadline: number;
}

/** Maladministration recorded against the unit in the period (2025 finding). */
export interface MaladministrationRecord {
  substantiatedFindings: number;
  /** Ombudsman corrective actions, suggestions and recommendations not yet followed up. */
  unresolvedOmbudsmanActions: number;
}

/** What the events provide about one unit for one period; null or empty where nothing arrived yet. */
export interface ComplianceInput {
  serviceProducts: readonly ServiceProductObservation[];
  observedItems: readonly ObservedItem[];
  complaints: ComplaintFigures | null;
  /** IKM konversi 25..100 of the unit's SKM (PermenPANRB 14/2017). */
  skm: { ikm: number } | null;
  /** 0..100. */
  publicTrust: { score: number } | null;
  maladministration: MaladministrationRecord | null;
}

export type MissingReason =
  | 'no-service-products'
  | 'no-observed-items'
  | 'no-complaint-figures'
  | 'no-complaints-received'
  | 'no-skm-result'
  | 'no-public-trust-figure'
  | 'no-maladministration-record';

export interface MissingInput {
  /** A dimension code, or "maladministration" for the 2025 finding. */
  part: ComplianceDimensionCode | 'maladministration';
  reason: MissingReason;
}

/** Input the ruleset does not read, e.g. public trust under ombudsman-2021. */
export type IgnoredInput = 'serviceProducts' | 'observedItems' | 'complaints' | 'skm' | 'publicTrust' | 'maladministration';

export interface DimensionGrade {
  code: ComplianceDimensionCode;
  name: string;
  groupCode: string;
  groupWeightBp: number;
  weightBp: number;
  /** 0..100; null when the dimension has no data. */
  score: ScoreValue | null;
  /** Points of the total: group weight × weight × score; 0 when missing. */
  contribution: ScoreValue;
  missing: MissingReason | null;
  ruleSource: RuleSource;
}

export interface ComplianceBandResult {
  code: string;
  label: string;
  zone: ComplianceZone;
  provisional: boolean;
}

export interface MaladministrationFinding {
  found: boolean;
  label: string;
}

export interface ComplianceGrade {
  ruleset: ComplianceRulesetRef;
  /** 0..100; a floor when incomplete. `hundredths` is rounded as the ruleset says and decides the band. */
  total: ScoreValue;
  band: ComplianceBandResult;
  /** What a person reads: the band's label, followed in 2025 by the maladministration finding when known. */
  label: string;
  dimensions: DimensionGrade[];
  /** Null when the ruleset has no finding or its record is missing. */
  maladministration: MaladministrationFinding | null;
  complete: boolean;
  missing: MissingInput[];
  /** The total and band had every missing dimension scored 100; equal to total and band when complete. */
  ceiling: { total: ScoreValue; band: ComplianceBandResult };
  /** Fulfilled component codes the ruleset does not list (ignored). */
  unknownComponentCodes: string[];
  ignoredInputs: IgnoredInput[];
  provisional: boolean;
  /** Ruleset paths of the provisional parts this grade used. */
  provisionalParts: string[];
}

const BP = fraction(BASIS_POINTS_100_PERCENT);
/** IKM konversi = IKM (1..4) × 25, so 25..100 (PermenPANRB 14/2017; docs/domain.md 3.3 [C]). */
const IKM_KONVERSI_MIN = 25;
const HUNDRED = fraction(DIMENSION_SCORE_MAX);

function invalid(message: string, details: Record<string, unknown>): never {
  throw new DomainError('COMPLIANCE.INVALID_INPUT', message, details);
}

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 0;

/** Rule: the input is refused, whatever the ruleset, when a figure is outside its range or something is listed twice. */
export function assertComplianceInput(input: ComplianceInput): void {
  const products = new Set<string>();
  input.serviceProducts.forEach((product, p) => {
    if (product.productId.trim() === '') invalid(`serviceProducts[${p}]: productId is empty`, { field: `serviceProducts[${p}].productId` });
    if (products.has(product.productId)) invalid(`service product ${product.productId} is listed twice`, { field: `serviceProducts[${p}].productId` });
    products.add(product.productId);
  });
  const items = new Set<string>();
  input.observedItems.forEach((item, i) => {
    const key = `${item.dimension}/${item.itemCode}`;
    if (items.has(key)) invalid(`item ${key} is scored twice`, { field: `observedItems[${i}]` });
    items.add(key);
    if (!isCount(item.score)) invalid(`item ${key}: score must be a non-negative integer, got ${item.score}`, { field: `observedItems[${i}].score` });
  });
  const { complaints, skm, publicTrust, maladministration } = input;
  if (complaints) {
    for (const figure of ['received', 'respondedWithinDeadline', 'resolvedWithinDeadline'] as const) {
      if (!isCount(complaints[figure])) invalid(`complaints.${figure} must be a count, got ${complaints[figure]}`, { field: `complaints.${figure}` });
    }
    for (const figure of ['respondedWithinDeadline', 'resolvedWithinDeadline'] as const) {
      if (complaints[figure] > complaints.received) {
        invalid(`complaints.${figure} (${complaints[figure]}) exceeds the ${complaints.received} received`, { field: `complaints.${figure}` });
      }
    }
  }
  if (skm && !(Number.isFinite(skm.ikm) && skm.ikm >= IKM_KONVERSI_MIN && skm.ikm <= DIMENSION_SCORE_MAX)) {
    invalid(`skm.ikm must be ${IKM_KONVERSI_MIN}..${DIMENSION_SCORE_MAX}, got ${skm.ikm}`, { field: 'skm.ikm' });
  }
  if (publicTrust && !(Number.isFinite(publicTrust.score) && publicTrust.score >= 0 && publicTrust.score <= DIMENSION_SCORE_MAX)) {
    invalid(`publicTrust.score must be 0..${DIMENSION_SCORE_MAX}, got ${publicTrust.score}`, { field: 'publicTrust.score' });
  }
  if (maladministration) {
    for (const figure of ['substantiatedFindings', 'unresolvedOmbudsmanActions'] as const) {
      if (!isCount(maladministration[figure])) invalid(`maladministration.${figure} must be a count`, { field: `maladministration.${figure}` });
    }
  }
}

type MeasureOutcome = { score: Fraction } | { missing: MissingReason };

/** Rule: per product, fulfilled components / listed components; the unit's score is the mean over products, × 100. */
export function standardComponentsScore(components: readonly { code: string }[], products: readonly ServiceProductObservation[]): MeasureOutcome {
  if (products.length === 0) return { missing: 'no-service-products' };
  const listed = new Set(components.map((component) => component.code));
  const fulfilled = products.reduce((total, product) => total + new Set(product.fulfilledComponents.filter((code) => listed.has(code))).size, 0);
  return { score: fraction(fulfilled * DIMENSION_SCORE_MAX, components.length * products.length) };
}

/** Rule: Σ (score − min) / ((max − min) × items) × 100, every item weighing the same (0..3: Σ / 3n × 100); a score outside the scale is refused. */
export function observedItemsScore(dimension: ComplianceDimensionCode, scale: { min: number; max: number }, items: readonly ObservedItem[]): MeasureOutcome {
  const own = items.filter((item) => item.dimension === dimension);
  if (own.length === 0) return { missing: 'no-observed-items' };
  for (const item of own) {
    if (item.score < scale.min || item.score > scale.max) {
      invalid(`item ${dimension}/${item.itemCode}: score must be ${scale.min}..${scale.max}, got ${item.score}`, {
        field: 'observedItems',
        itemCode: item.itemCode,
      });
    }
  }
  const aboveMin = own.reduce((acc, item) => acc + item.score - scale.min, 0);
  return { score: fraction(aboveMin * DIMENSION_SCORE_MAX, (scale.max - scale.min) * own.length) };
}

/** Rule: Σ (term weight × figure / received) × 100; no complaint received means no data, not full marks. */
export function complaintHandlingScore(terms: readonly { figure: ComplaintFigure; weightBp: number }[], complaints: ComplaintFigures | null): MeasureOutcome {
  if (!complaints) return { missing: 'no-complaint-figures' };
  if (complaints.received === 0) return { missing: 'no-complaints-received' };
  const weighted = sum(terms.map((term) => mul(fraction(term.weightBp), fraction(complaints[term.figure], complaints.received))));
  return { score: mul(div(weighted, BP), HUNDRED) };
}

function measureScore(dimension: ComplianceDimension, input: ComplianceInput): MeasureOutcome {
  const { measure } = dimension;
  switch (measure.kind) {
    case 'standard-components':
      return standardComponentsScore(measure.components, input.serviceProducts);
    case 'observed-items':
      return observedItemsScore(dimension.code, measure.scale, input.observedItems);
    case 'complaint-handling':
      return complaintHandlingScore(measure.terms, input.complaints);
    case 'skm-ikm':
      return input.skm ? { score: fromDecimal(input.skm.ikm) } : { missing: 'no-skm-result' };
    case 'public-trust':
      return input.publicTrust ? { score: fromDecimal(input.publicTrust.score) } : { missing: 'no-public-trust-figure' };
  }
}

export function complianceScoreValue(ruleset: ComplianceRuleset, exact: Fraction): ScoreValue {
  return { exact, value: toNumber(exact), hundredths: roundHalfUpScaled(exact, ruleset.rounding.decimals) };
}

/** Rule: the band whose inclusive [min, max] holds the total rounded half-up to 2 decimals (80.995 → 81.00). */
export function complianceBandFor(ruleset: ComplianceRuleset, total: ScoreValue): { band: GradeBand; index: number } {
  const index = ruleset.bands.findIndex((band) => total.hundredths >= band.minHundredths && total.hundredths <= band.maxHundredths);
  if (index < 0) {
    throw new DomainError('COMPLIANCE.NO_BAND', `no band of ${ruleset.id} v${ruleset.version} holds ${(total.hundredths / 100).toFixed(2)}`);
  }
  return { band: ruleset.bands[index], index };
}

const bandResult = (band: GradeBand): ComplianceBandResult => ({ code: band.code, label: band.label, zone: band.zone, provisional: band.provisional });

function ignoredInputs(ruleset: ComplianceRuleset, input: ComplianceInput): IgnoredInput[] {
  const dimensions = complianceDimensions(ruleset);
  const reads = (kind: DimensionMeasure['kind']): boolean => dimensions.some((dimension) => dimension.measure.kind === kind);
  const itemDimensions = new Set(dimensions.filter((dimension) => dimension.measure.kind === 'observed-items').map((dimension) => dimension.code));
  const ignored: [IgnoredInput, boolean][] = [
    ['serviceProducts', input.serviceProducts.length > 0 && !reads('standard-components')],
    ['observedItems', input.observedItems.some((item) => !itemDimensions.has(item.dimension))],
    ['complaints', input.complaints !== null && !reads('complaint-handling')],
    ['skm', input.skm !== null && !reads('skm-ikm')],
    ['publicTrust', input.publicTrust !== null && !reads('public-trust')],
    ['maladministration', input.maladministration !== null && ruleset.maladministrationFinding === null],
  ];
  return ignored.filter(([, isIgnored]) => isIgnored).map(([name]) => name);
}

/** Every rule in order: check the input, score each dimension 0..100, weigh, round, band, maladministration finding. */
export function gradeCompliance(ruleset: ComplianceRuleset, input: ComplianceInput): ComplianceGrade {
  assertComplianceInput(input);
  const value = (exact: Fraction): ScoreValue => complianceScoreValue(ruleset, exact);
  const dimensions: DimensionGrade[] = [];
  const missing: MissingInput[] = [];
  const provisionalParts: string[] = [];
  let gap = ZERO;

  ruleset.groups.forEach((group, g) => {
    if (group.provisional) provisionalParts.push(`groups[${g}].weightBp`);
    group.dimensions.forEach((dimension, d) => {
      provisionalParts.push(...dimensionProvisionalParts(dimension, `groups[${g}].dimensions[${d}]`));
      const share = div(mul(fraction(group.weightBp), fraction(dimension.weightBp)), mul(BP, BP));
      const outcome = measureScore(dimension, input);
      const base = { code: dimension.code, name: dimension.name, groupCode: group.code, groupWeightBp: group.weightBp, weightBp: dimension.weightBp };
      if ('missing' in outcome) {
        missing.push({ part: dimension.code, reason: outcome.missing });
        gap = add(gap, mul(share, HUNDRED));
        dimensions.push({ ...base, score: null, contribution: value(ZERO), missing: outcome.missing, ruleSource: dimension.ruleSource });
      } else {
        dimensions.push({
          ...base,
          score: value(outcome.score),
          contribution: value(mul(share, outcome.score)),
          missing: null,
          ruleSource: dimension.ruleSource,
        });
      }
    });
  });

  const total = value(sum(dimensions.map((dimension) => dimension.contribution.exact)));
  const floorBand = complianceBandFor(ruleset, total);
  const ceilingTotal = value(add(total.exact, gap));
  const ceilingBand = complianceBandFor(ruleset, ceilingTotal);
  if (ruleset.rounding.provisional) provisionalParts.push('rounding');
  for (const index of new Set([floorBand.index, ceilingBand.index])) {
    if (ruleset.bands[index].provisional) provisionalParts.push(`bands[${index}]`);
  }

  let maladministration: MaladministrationFinding | null = null;
  const findingRule = ruleset.maladministrationFinding;
  if (findingRule) {
    if (findingRule.provisional) provisionalParts.push('maladministrationFinding');
    if (findingRule.ruleSource.provisional) provisionalParts.push('maladministrationFinding.ruleSource');
    const record = input.maladministration;
    if (!record) missing.push({ part: 'maladministration', reason: 'no-maladministration-record' });
    else {
      const found = record.substantiatedFindings > 0 || record.unresolvedOmbudsmanActions > 0;
      maladministration = { found, label: found ? findingRule.foundLabel : findingRule.noneLabel };
    }
  }

  const listed = new Set(
    complianceDimensions(ruleset).flatMap(({ measure }) =>
      measure.kind === 'standard-components' ? measure.components.map((component) => component.code) : [],
    ),
  );
  // Under a ruleset without components, the products are reported as ignored input instead.
  const unknownComponentCodes =
    listed.size === 0 ? [] : [...new Set(input.serviceProducts.flatMap((product) => product.fulfilledComponents))].filter((code) => !listed.has(code));

  return {
    ruleset: { id: ruleset.id, version: ruleset.version },
    total,
    band: bandResult(floorBand.band),
    label: maladministration ? `${floorBand.band.label} ${maladministration.label}` : floorBand.band.label,
    dimensions,
    maladministration,
    complete: missing.length === 0,
    missing,
    ceiling: { total: ceilingTotal, band: bandResult(ceilingBand.band) },
    unknownComponentCodes,
    ignoredInputs: ignoredInputs(ruleset, input),
    provisional: provisionalParts.length > 0,
    provisionalParts,
  };
}
