import type { Aspect, Assessment, ComplianceDimension, CycleDetail, Indicator, IndicatorProposal, Ruleset, UnitCompliance, UnitScore } from './api/evaluation';

// Whole answers of the evaluation service for the web tests, so a fixture has the shape the generated types promise.

const CONFIRMED = { provisional: false, source: 'Permenpan RB 29/2022' };

export const indicatorFixture = (code: string, name: string, overrides: Partial<Indicator> = {}): Indicator => ({
  ...CONFIRMED,
  no: Number(code.split('.')[0]),
  code,
  name,
  weightBp: 10000,
  descriptors: ['tidak tersedia', 'tersedia sebagian', 'memenuhi 14 komponen', 'ditetapkan', 'melibatkan masyarakat', 'dimonev'],
  descriptorsProvenance: { provisional: false, source: 'F-02' },
  evidenceExamples: [],
  ...overrides,
});

export const aspectFixture = (indicators: Indicator[]): Aspect => ({ ...CONFIRMED, code: 'a', name: 'Kebijakan Pelayanan', weightBp: 10000, indicators });

export const rulesetFixture = (aspects: Aspect[]): Ruleset => ({
  id: 'pekppp-2023',
  version: 1,
  title: 'PEKPPP 2023',
  provisional: true,
  legalBasis: ['Permenpan RB 29/2022'],
  scale: { min: 0, max: 5 },
  aspects,
  informationIndicators: [],
  userScoreMerge: null,
  evaluatorCombination: 'lead-evaluator',
  evaluatorCombinationProvenance: CONFIRMED,
  bands: [{ category: 'A', predicate: 'Pelayanan Prima', minHundredths: 451, maxHundredths: 500 }],
  bandsProvenance: CONFIRMED,
});

export const assessmentFixture = (cycleId: string, unitId: string, overrides: Partial<Assessment> = {}): Assessment => ({
  cycleId,
  unitId,
  status: 'draft',
  answers: {},
  evidence: {},
  returnNotes: [],
  scores: {},
  visits: [],
  f01: [],
  version: 1,
  f01Review: null,
  identicalEvidence: null,
  ...overrides,
});

export const unitScoreFixture = (cycleId: string, unitId: string, overrides: Partial<UnitScore> = {}): UnitScore => ({
  cycleId,
  unitId,
  ruleset: { id: 'pekppp-2023', version: 1, provisional: true },
  assessmentStatus: 'draft',
  indicators: [],
  aspects: [],
  ipp: { self: 0, evaluator: 0, userScore: null, userScoreRespondents: 0, userScoreMerged: false, userScoreNotMergedReason: null, final: 0 },
  category: 'D',
  predicate: 'Buruk',
  complete: false,
  missingIndicatorCodes: [],
  unknownIndicatorCodes: [],
  proposedOnlyIndicatorCodes: [],
  provisional: true,
  provisionalParts: [],
  whatIf: false,
  published: null,
  correctionReason: null,
  scoreBasis: 'f01',
  nonSubmission: null,
  ...overrides,
});

/** The phase part of a cycle's answer, for a cycle open from `start` to `end` with F-01 due on `due` (the defaults the service derives). */
export const cyclePhasesFixture = (
  start: string,
  end: string,
  due: string,
): Pick<CycleDetail, 'phases' | 'currentPhase' | 'phasesEnforced' | 'phaseTable'> => ({
  phases: [
    { phase: 'f01-filling', name: 'Pengisian F-01', start, end: due, active: true },
    { phase: 'f03-survey', name: 'Survei F-03', start, end, active: true },
    { phase: 'f02-evaluation', name: 'Penilaian F-02', start, end, active: true },
    { phase: 'revision-appeal', name: 'Perbaikan dan sanggah', start, end, active: true },
    { phase: 'finalisation', name: 'Finalisasi', start, end, active: true },
  ],
  currentPhase: 'f01-filling',
  phasesEnforced: true,
  phaseTable: [],
});

/** The phase part of a unit lokus in a cycle's answer: no overrides, no non-submission decision. */
export const LOKUS_PHASES_FIXTURE: Pick<CycleDetail['units'][number], 'phaseOverrides' | 'nonSubmission'> = { phaseOverrides: [], nonSubmission: null };

export const proposalFixture = (indicatorCode: string, overrides: Partial<IndicatorProposal> = {}): IndicatorProposal => ({
  indicatorCode,
  level: 1,
  ruleId: 'skm-per-regulation',
  ruleSource: { kind: 'pantau', reason: '"sesuai PermenPANRB" is read as a closed 14/2017 period with an adequate sample' },
  provisional: true,
  provisionalSource: 'F-02 6.a.B; level text from third-party transcriptions',
  figures: {},
  explanation: 'Belum ada SKM yang dilaksanakan unit ini pada periode siklus.',
  sourceEventIds: [],
  proposalRules: 'pekppp-2023-proposals@1',
  updatedAt: '2026-07-01T02:00:00.000Z',
  selfClaim: null,
  decision: { status: 'proposed', score: null, marks: [] },
  ...overrides,
});

const PANTAU_MAPPING = { origin: 'pantau', provisional: true, source: 'Pantau mapping of the events onto the dimension' } as const;

export const complianceDimensionFixture = (code: string, name: string, overrides: Partial<ComplianceDimension> = {}): ComplianceDimension => ({
  code,
  name,
  groupCode: 'empat-dimensi',
  groupWeightBp: 7000,
  weightBp: 2500,
  score: null,
  contribution: 0,
  missing: null,
  ruleSource: PANTAU_MAPPING,
  sourceEventIds: [],
  ...overrides,
});

/** A complete grade under ombudsman-2025 v1, the ruleset a cycle pins by default. */
export const complianceFixture = (cycleId: string, unitId: string, overrides: Partial<UnitCompliance> = {}): UnitCompliance => ({
  cycleId,
  unitId,
  ruleset: { id: 'ombudsman-2025', version: 1, title: 'Ombudsman RI — Opini Ombudsman / Penilaian Maladministrasi Penyelenggaraan Pelayanan Publik (2025–)' },
  pinnedRuleset: { id: 'ombudsman-2025', version: 1 },
  whatIf: false,
  total: 88.02,
  band: { code: 'A', label: 'Kualitas Tertinggi', zone: 'hijau', provisional: true },
  label: 'Kualitas Tertinggi Tanpa Maladministrasi',
  complete: true,
  ceiling: { total: 88.02, band: { code: 'A', label: 'Kualitas Tertinggi', zone: 'hijau', provisional: true } },
  dimensions: [],
  maladministration: { found: false, label: 'Tanpa Maladministrasi', sourceEventIds: [] },
  missing: [],
  unknownComponentCodes: [],
  ignoredInputs: [],
  provisional: true,
  provisionalParts: [],
  updatedAt: '2026-07-01T02:00:00.000Z',
  ...overrides,
});
