import type { ComplianceBand, ComplianceDimension, ComplianceRulesetRef, UnitCompliance } from '../../api/evaluation';

/**
 * The Ombudsman compliance rulesets the evaluation service ships (services/evaluation …/domain/compliance/
 * compliance-registry.ts), by the short name a person knows them by. The service lists no compliance
 * rulesets over HTTP, so the what-if choices are these; a ruleset missing here still shows, by its title.
 */
export const SHIPPED_COMPLIANCE_RULESETS: readonly (ComplianceRulesetRef & { name: string })[] = [
  { id: 'ombudsman-2025', version: 1, name: 'Ombudsman 2025 (Opini Ombudsman)' },
  { id: 'ombudsman-2022', version: 1, name: 'Ombudsman 2022–2024 (Penilaian Kepatuhan, opini A–E)' },
  { id: 'ombudsman-2021', version: 1, name: 'Ombudsman s.d. 2021 (Kepatuhan Standar Pelayanan, zonasi)' },
];

const sameRuleset = (a: ComplianceRulesetRef, b: ComplianceRulesetRef) => a.id === b.id && a.version === b.version;

/** "Ombudsman 2025 (Opini Ombudsman)"; an unknown ruleset by the title the service gave it, or its id. */
export function complianceRulesetName(ruleset: ComplianceRulesetRef & { title?: string }): string {
  const shipped = SHIPPED_COMPLIANCE_RULESETS.find((candidate) => sameRuleset(candidate, ruleset));
  return shipped?.name ?? ruleset.title ?? `${ruleset.id} versi ${ruleset.version}`;
}

/** The shipped rulesets a grade under `pinned` can be compared with. */
export const otherComplianceRulesets = (pinned: ComplianceRulesetRef) => SHIPPED_COMPLIANCE_RULESETS.filter((ruleset) => !sameRuleset(ruleset, pinned));

type MissingReason = NonNullable<ComplianceDimension['missing']>;

/** Why a part of the grade has no data, in words. */
export const MISSING_REASONS: Record<MissingReason, string> = {
  'no-service-products': 'belum ada Standar Pelayanan jenis layanan yang terbit',
  'no-observed-items': 'belum ada butir pengamatan evaluator',
  'no-complaint-figures': 'belum ada data pengaduan',
  'no-complaints-received': 'belum ada pengaduan yang masuk',
  'no-skm-result': 'belum ada hasil SKM',
  'no-public-trust-figure': 'angka kepercayaan masyarakat belum dicatat',
  'no-maladministration-record': 'catatan maladministrasi belum dicatat',
};

export const ZONE_LABELS: Record<ComplianceBand['zone'], string> = { hijau: 'Zona hijau', kuning: 'Zona kuning', merah: 'Zona merah' };

const points = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** A total, score or contribution: id-ID, 2 decimals ("88,02"). */
export const formatPoints = (value: number): string => points.format(value);

/** Basis points as a percentage ("21,85%"). */
export const formatWeight = (weightBp: number): string => `${percent.format(weightBp / 100)}%`;

/** A percentage figure ("87,5%"). */
export const formatPercent = (value: number): string => `${percent.format(value)}%`;

/**
 * What an incomplete grade still lacks and where it may land: the total is a floor, the ceiling
 * had every missing dimension scored 100. Null when the grade is complete.
 */
export function incompleteNote(grade: Pick<UnitCompliance, 'complete' | 'dimensions' | 'missing' | 'total' | 'ceiling'>): string | null {
  if (grade.complete) return null;
  const missingDimensions = grade.dimensions.filter((dimension) => dimension.score === null).length;
  const parts = [
    ...(missingDimensions > 0 ? [`${missingDimensions} dimensi belum ada data`] : []),
    ...(grade.missing.some((input) => input.part === 'maladministration') ? [MISSING_REASONS['no-maladministration-record']] : []),
    `rentang ${formatPoints(grade.total)}–${formatPoints(grade.ceiling.total)}`,
  ];
  return `Nilai sementara: ${parts.join('; ')}.`;
}
