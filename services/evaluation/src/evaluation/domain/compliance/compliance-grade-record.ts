import { toRoundedNumber } from '@lib/kernel';
import { MALADMINISTRATION_PART } from './compliance-input-from';
import type { ComplianceDimensionCode, ComplianceRulesetRef, RuleSource } from './compliance-ruleset';
import type { ComplianceBandResult, ComplianceGrade, IgnoredInput, MissingInput, MissingReason } from './grade-compliance';

// A ComplianceGrade as it is stored, announced and shown: plain numbers instead of exact fractions
// (the total as the band lookup rounded it), and each dimension with the events behind it.

export interface DimensionGradeRecord {
  code: ComplianceDimensionCode;
  name: string;
  groupCode: string;
  groupWeightBp: number;
  weightBp: number;
  /** 0..100 rounded to 2 decimals; null when the dimension has no data. */
  score: number | null;
  /** Points of the total, rounded to 4 decimals; 0 when missing. */
  contribution: number;
  missing: MissingReason | null;
  /** Whose rule turned the data into the score: the Ombudsman's, or Pantau's mapping. */
  ruleSource: RuleSource;
  sourceEventIds: string[];
}

export interface ComplianceGradeRecord {
  ruleset: ComplianceRulesetRef;
  /** 0..100 rounded as the ruleset says (2 decimals); a floor when incomplete. */
  total: number;
  band: ComplianceBandResult;
  label: string;
  complete: boolean;
  /** The total and band had every missing dimension scored 100. */
  ceiling: { total: number; band: ComplianceBandResult };
  dimensions: DimensionGradeRecord[];
  /** The 2025 finding; null when the ruleset has none or its record is missing. */
  maladministration: { found: boolean; label: string; sourceEventIds: string[] } | null;
  missing: MissingInput[];
  unknownComponentCodes: string[];
  ignoredInputs: IgnoredInput[];
  provisional: boolean;
  provisionalParts: string[];
}

const CONTRIBUTION_DECIMALS = 4;

/** The record of `grade`, each dimension with the events `sourcesByDimension` names for it (see complianceDimensionSources). */
export function complianceGradeRecord(grade: ComplianceGrade, sourcesByDimension: Readonly<Record<string, readonly string[]>>): ComplianceGradeRecord {
  return {
    ruleset: { ...grade.ruleset },
    total: grade.total.hundredths / 100,
    band: { ...grade.band },
    label: grade.label,
    complete: grade.complete,
    ceiling: { total: grade.ceiling.total.hundredths / 100, band: { ...grade.ceiling.band } },
    dimensions: grade.dimensions.map((dimension) => ({
      code: dimension.code,
      name: dimension.name,
      groupCode: dimension.groupCode,
      groupWeightBp: dimension.groupWeightBp,
      weightBp: dimension.weightBp,
      score: dimension.score ? dimension.score.hundredths / 100 : null,
      contribution: toRoundedNumber(dimension.contribution.exact, CONTRIBUTION_DECIMALS),
      missing: dimension.missing,
      ruleSource: { ...dimension.ruleSource },
      sourceEventIds: [...(sourcesByDimension[dimension.code] ?? [])],
    })),
    maladministration: grade.maladministration ? { ...grade.maladministration, sourceEventIds: [...(sourcesByDimension[MALADMINISTRATION_PART] ?? [])] } : null,
    missing: grade.missing.map((part) => ({ ...part })),
    unknownComponentCodes: [...grade.unknownComponentCodes],
    ignoredInputs: [...grade.ignoredInputs],
    provisional: grade.provisional,
    provisionalParts: [...grade.provisionalParts],
  };
}

/**
 * Rule: a grade changed when its total, band, label or completeness did, or a dimension's score,
 * contribution or missing reason, or the maladministration finding. New events behind the same
 * figures (another complaint answered late, while one already was) change no grade.
 */
export function gradeChanged(before: ComplianceGradeRecord | null, after: ComplianceGradeRecord): boolean {
  if (!before) return true;
  const shown = (record: ComplianceGradeRecord): string =>
    JSON.stringify([
      record.ruleset.id,
      record.ruleset.version,
      record.total,
      record.band.code,
      record.label,
      record.complete,
      record.maladministration?.found ?? null,
      record.dimensions.map((dimension) => [dimension.code, dimension.score, dimension.contribution, dimension.missing]),
    ]);
  return shown(before) !== shown(after);
}

/** Every event behind the grade, sorted. */
export function gradeSourceEventIds(record: ComplianceGradeRecord): string[] {
  return [...new Set([...record.dimensions.flatMap((dimension) => dimension.sourceEventIds), ...(record.maladministration?.sourceEventIds ?? [])])].sort();
}
