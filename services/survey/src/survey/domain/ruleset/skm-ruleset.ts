/**
 * An SKM ruleset is data, not code: the unsur, the answer scale, weights, the conversion factor, the
 * interval table and the sample-size table live here, versioned per id. Values the sources only partly
 * support ([P]/[U] in docs/domain.md) carry `provisional: true` and a `source`, so results computed
 * with them say so.
 */
import { ONE, ZERO, add, compare, equals, formatFraction, parseFraction, fraction, type Fraction } from '@lib/kernel';

/** How a value is backed: confirmed, or provisional with the note that says why and where from. */
export interface Provenance {
  provisional: boolean;
  source: string;
}

export interface SkmUnsur {
  /** "U1".."U9" for the regulation's unsur. */
  code: string;
  name: string;
}

export interface AnswerLevel {
  value: number;
  /** e.g. "Sangat sesuai / sangat puas". */
  label: string;
}

export type SkmBandCode = 'A' | 'B' | 'C' | 'D';

export interface SkmBand {
  /** Nilai persepsi 1..4. */
  perception: number;
  /** Mutu pelayanan. */
  band: SkmBandCode;
  /** Kinerja unit pelayanan, e.g. "Sangat Baik". */
  label: string;
  /** Nilai interval (NI) on the 1..4 scale, as the regulation's table prints it; informative only. */
  intervalPrinted: { from: string; to: string };
  /** Nilai interval konversi (NIK), inclusive, in hundredths: 88.31 → 8831. */
  convertedMinHundredths: number;
  convertedMaxHundredths: number;
}

export interface SampleSizeRow {
  population: number;
  sample: number;
}

export interface SampleSizeRule extends Provenance {
  method: 'krejcie-morgan';
  /** χ² for 1 degree of freedom at 95%: 3.841. */
  chiSquare: Fraction;
  /** Population proportion P = 0.5. */
  proportion: Fraction;
  /** Margin of error d = 0.05. */
  margin: Fraction;
  /** Published rows (population → sample). */
  rows: readonly SampleSizeRow[];
  /** How populations that are not a row are handled, in words (shown next to the result). */
  betweenRows: string;
}

export interface SkmRuleset {
  /** Kebab-case id, e.g. "skm-2017". */
  id: string;
  /** Increasing per id. */
  version: number;
  title: string;
  legalBasis: readonly string[];
  /** The regulation's unsur, in the regulation's order. */
  unsur: readonly SkmUnsur[];
  unsurProvenance: Provenance;
  answerScale: { min: number; max: number; levels: readonly AnswerLevel[] } & Provenance;
  /**
   * Default weight of every unsur = jumlah bobot / jumlah unsur, i.e. 1/n for n unsur (1/9 for the
   * nine); kept as a rule, not a number, so a survey with extra unsur gets 1/(9 + k) exactly.
   */
  defaultWeighting: { rule: 'equal'; totalWeight: Fraction } & Provenance;
  /** Units may add unsur and use different weights, provided the weights sum to 1. */
  extraUnsur: { allowed: boolean; maxCount: number } & Provenance;
  /** IKM unit pelayanan = IKM (1..4) × 25. */
  conversion: { factor: number } & Provenance;
  /** The bands apply to the converted value rounded half-up to `decimals`, as the table is written. */
  bandRounding: { decimals: number; mode: 'half-up' } & Provenance;
  bands: readonly SkmBand[];
  bandsProvenance: Provenance;
  sampleSize: SampleSizeRule;
  /** Periodicity of the survey: at least yearly, per triwulan/semester/tahun. */
  periodKinds: { kinds: readonly SkmPeriodKind[] } & Provenance;
}

export type SkmPeriodKind = 'quarter' | 'semester' | 'year';

/** "skm-2017@1", the form events carry. */
export const rulesetRef = (ruleset: Pick<SkmRuleset, 'id' | 'version'>): string => `${ruleset.id}@${ruleset.version}`;

/** Names of the provisional parts, so a result can say which of its values are provisional. */
export function provisionalParts(ruleset: SkmRuleset): string[] {
  const parts: [string, Provenance][] = [
    ['unsur', ruleset.unsurProvenance],
    ['answerScale', ruleset.answerScale],
    ['defaultWeighting', ruleset.defaultWeighting],
    ['extraUnsur', ruleset.extraUnsur],
    ['conversion', ruleset.conversion],
    ['bandRounding', ruleset.bandRounding],
    ['bands', ruleset.bandsProvenance],
    ['sampleSize', ruleset.sampleSize],
    ['periodKinds', ruleset.periodKinds],
  ];
  return parts.filter(([, provenance]) => provenance.provisional).map(([name]) => name);
}

// ── the unsur set of one survey ─────────────────────────────────────────────────────────────────

/** One unsur as a survey scores it. */
export interface SurveyUnsur {
  code: string;
  name: string;
  weight: Fraction;
  /** True for an unsur the unit added beyond the regulation's. */
  extra: boolean;
}

/** A weight as a client writes it: "1/12", "0.125" or 0.125 (read as the decimal it prints as). */
export type WeightInput = string | number;

export interface ExtraUnsurInput {
  code: string;
  label: string;
  /** Omitted for every unsur → equal weights 1/(9 + k); given for one → required for all. */
  weight?: WeightInput;
}

export interface UnsurSetInput {
  extraUnsur?: readonly ExtraUnsurInput[];
  /** Weights of the regulation's unsur keyed by code ("U1".."U9"); all or none, see ExtraUnsurInput. */
  regulationWeights?: Readonly<Record<string, WeightInput>>;
}

export type UnsurSetRule =
  | 'required'
  | 'code-format'
  | 'code-unique'
  | 'code-reserved'
  | 'extra-unsur-not-allowed'
  | 'too-many-extra-unsur'
  | 'weight-format'
  | 'weight-positive'
  | 'weight-precision'
  | 'weight-for-unknown-unsur'
  | 'weights-all-or-none'
  | 'weights-sum-to-one';

/** One broken rule at a JSON path of the request body, e.g. `extraUnsur[1].weight` (a 400 at the edge). */
export interface UnsurSetViolation {
  path: string;
  rule: UnsurSetRule;
  message: string;
}

export type UnsurSetResult = { ok: true; unsur: SurveyUnsur[] } | { ok: false; errors: UnsurSetViolation[] };

/** Weights travel as int32 numerator/denominator in events. */
const MAX_WEIGHT_DENOMINATOR = 1_000_000n;

const EXTRA_CODE = /^[A-Z][A-Z0-9]{0,9}$/;
const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/**
 * Builds the unsur set of a survey: the ruleset's unsur in order, then the unit's extra unsur in the
 * order given. Without any weight every unsur weighs 1/n; with weights, every unsur needs one and
 * they must sum to exactly 1 (compared as rationals, so 1/3 + 1/3 + 1/3 is 1 and 0.333 × 3 is not).
 */
export function buildUnsurSet(ruleset: SkmRuleset, input: UnsurSetInput = {}): UnsurSetResult {
  const errors: UnsurSetViolation[] = [];
  const extras = input.extraUnsur ?? [];
  const regulationWeights = input.regulationWeights;
  const regulationCodes = new Set(ruleset.unsur.map((unsur) => unsur.code));

  if (extras.length > 0 && !ruleset.extraUnsur.allowed) {
    errors.push({ path: 'extraUnsur', rule: 'extra-unsur-not-allowed', message: `ruleset ${rulesetRef(ruleset)} does not allow extra unsur` });
  }
  if (extras.length > ruleset.extraUnsur.maxCount) {
    errors.push({ path: 'extraUnsur', rule: 'too-many-extra-unsur', message: `at most ${ruleset.extraUnsur.maxCount} extra unsur, got ${extras.length}` });
  }

  const seen = new Set<string>();
  extras.forEach((extra, i) => {
    const path = `extraUnsur[${i}]`;
    if (isBlank(extra.code)) errors.push({ path: `${path}.code`, rule: 'required', message: 'code is required' });
    else if (regulationCodes.has(extra.code)) {
      errors.push({ path: `${path}.code`, rule: 'code-reserved', message: `${extra.code} is an unsur of the regulation` });
    } else if (!EXTRA_CODE.test(extra.code)) {
      errors.push({
        path: `${path}.code`,
        rule: 'code-format',
        message: `code must be 1-10 upper-case letters or digits starting with a letter, e.g. "X1", got "${extra.code}"`,
      });
    } else if (seen.has(extra.code)) {
      errors.push({ path: `${path}.code`, rule: 'code-unique', message: `code ${extra.code} is used twice` });
    }
    seen.add(extra.code);
    if (isBlank(extra.label)) errors.push({ path: `${path}.label`, rule: 'required', message: 'label is required' });
  });

  const weighted = extras.some((extra) => extra.weight !== undefined) || regulationWeights !== undefined;
  const weights = new Map<string, Fraction>();
  if (weighted) {
    const readWeight = (path: string, raw: WeightInput | undefined, code: string): void => {
      if (raw === undefined) {
        errors.push({ path, rule: 'weights-all-or-none', message: `a weight for ${code} is required once any unsur has a weight` });
        return;
      }
      const weight = parseFraction(raw);
      if (!weight) {
        errors.push({ path, rule: 'weight-format', message: `weight must be a fraction like "1/9" or a decimal like "0.125", got ${JSON.stringify(raw)}` });
      } else if (compare(weight, ZERO) <= 0) {
        errors.push({ path, rule: 'weight-positive', message: `weight of ${code} must be greater than 0` });
      } else if (weight.den > MAX_WEIGHT_DENOMINATOR) {
        errors.push({ path, rule: 'weight-precision', message: `weight of ${code} is too precise; write it as a fraction like "1/12"` });
      } else {
        weights.set(code, weight);
      }
    };
    for (const unsur of ruleset.unsur) {
      readWeight(regulationWeights ? `regulationWeights.${unsur.code}` : 'regulationWeights', regulationWeights?.[unsur.code], unsur.code);
      if (!regulationWeights) break; // one error for the whole missing map is enough
    }
    for (const code of Object.keys(regulationWeights ?? {})) {
      if (!regulationCodes.has(code)) {
        errors.push({ path: `regulationWeights.${code}`, rule: 'weight-for-unknown-unsur', message: `${code} is not an unsur of ${rulesetRef(ruleset)}` });
      }
    }
    extras.forEach((extra, i) => readWeight(`extraUnsur[${i}].weight`, extra.weight, isBlank(extra.code) ? `extraUnsur[${i}]` : extra.code));
    const complete = weights.size === ruleset.unsur.length + extras.length;
    if (complete) {
      const total = [...weights.values()].reduce(add, ZERO);
      if (!equals(total, ONE)) {
        const path = extras.length > 0 ? `extraUnsur[${extras.length - 1}].weight` : 'regulationWeights';
        errors.push({ path, rule: 'weights-sum-to-one', message: `weights must sum to exactly 1, they sum to ${formatFraction(total)}` });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const count = ruleset.unsur.length + extras.length;
  const equalWeight = fraction(ruleset.defaultWeighting.totalWeight.num, ruleset.defaultWeighting.totalWeight.den * BigInt(count));
  const weightOf = (code: string): Fraction => (weighted ? (weights.get(code) as Fraction) : equalWeight);
  return {
    ok: true,
    unsur: [
      ...ruleset.unsur.map((unsur) => ({ code: unsur.code, name: unsur.name, weight: weightOf(unsur.code), extra: false })),
      ...extras.map((extra) => ({ code: extra.code, name: extra.label.trim(), weight: weightOf(extra.code), extra: true })),
    ],
  };
}
