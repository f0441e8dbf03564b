import type { ComplianceDimension, ComplianceRuleset, GradeBand } from './compliance-ruleset';
import { OMBUDSMAN_ROUNDING } from './ombudsman-2021';
import { STANDAR_PELAYANAN_COMPONENTS } from './standar-pelayanan';

// Sources are docs/domain.md 2.2, 4 and 5; every [P]/[U] value there is provisional here. The
// Ombudsman collects each dimension by its own interviews and observation; Pantau grades from the
// events it has, so every dimension's rule is Pantau's mapping (`ruleSource.origin: 'pantau'`).

const WEIGHTS =
  'Ombudsman "Ka Cegah" slides 2023 (Scribd 658994325), Kendal workshop 2023 (Scribd 654386449), instrument copy (Scribd 670445282) (docs/domain.md 2.2 [C])';

/** The four dimensions of 2022–2024 with their weights; 2025 weighs them again inside its 70%. */
export const OMBUDSMAN_FOUR_DIMENSIONS: readonly ComplianceDimension[] = [
  {
    code: 'input',
    name: 'Dimensi Input (Kompetensi Pelaksana dan Sarana Prasarana)',
    weightBp: 2185,
    provisional: false,
    source: WEIGHTS,
    measure: {
      kind: 'observed-items',
      scale: { min: 0, max: 3 },
      scaleProvenance: { provisional: false, source: 'Kendal slides: "Catatan kekurangan dengan interval nilai 0 s/d 3" (docs/domain.md 2.2 [C])' },
    },
    ruleSource: {
      origin: 'pantau',
      provisional: true,
      source:
        'Pantau mapping: evaluator observations recorded as events carry the input items (kompetensi pelaksana, sarana prasarana) scored 0–3; ' +
        'the Ombudsman interviews 4 persons per unit and its item weights are not published, so each item counts equally: Σ / (3 × items) × 100',
    },
  },
  {
    code: 'proses',
    name: 'Dimensi Proses (Pemenuhan Komponen Standar Pelayanan)',
    weightBp: 3237,
    provisional: false,
    source: WEIGHTS,
    measure: { kind: 'standard-components', components: STANDAR_PELAYANAN_COMPONENTS },
    ruleSource: {
      origin: 'pantau',
      provisional: true,
      source:
        'Pantau mapping: the Ombudsman observes 2 service products per Pemda against 11 process indicators not itemised in our sources; ' +
        'Pantau scores the share of the 14 Standar Pelayanan components fulfilled per service product (catalog events), mean over products',
    },
  },
  {
    code: 'output',
    name: 'Dimensi Output (Persepsi Maladministrasi)',
    weightBp: 2424,
    provisional: false,
    source: WEIGHTS,
    measure: { kind: 'skm-ikm' },
    ruleSource: {
      origin: 'pantau',
      provisional: true,
      source:
        "Pantau mapping: the Ombudsman's output is users' perception of maladministration (interviews with 30 users per Pemda); " +
        "Pantau uses the unit's SKM result, IKM konversi 25–100 (PermenPANRB 14/2017, docs/domain.md 3.3), as the score, a proxy",
    },
  },
  {
    code: 'pengaduan',
    name: 'Dimensi Pengelolaan Pengaduan',
    weightBp: 2154,
    provisional: false,
    source: WEIGHTS,
    measure: {
      kind: 'complaint-handling',
      terms: [
        { figure: 'respondedWithinDeadline', weightBp: 5000 },
        { figure: 'resolvedWithinDeadline', weightBp: 5000 },
      ],
    },
    ruleSource: {
      origin: 'pantau',
      provisional: true,
      source:
        'Pantau mapping: the Ombudsman interviews 2 complaint officers; Pantau uses the complaint events: the share of complaints received ' +
        'answered within the SP4N-LAPOR! first-response deadline and the share resolved within their deadline (docs/domain.md 5), weighted equally',
    },
  },
];

const CUT_OFFS =
  'cut-offs 88/78/57 not found in text, recalled and consistent with every observed result (88.02 A, 87.43 B, 79.80 B, 76.74 C, 58.03 C, 51.15 merah; docs/domain.md 2.2 [P])';
const D_E_UNKNOWN = 'D/E edge unknown (docs/domain.md 2.2 [U], open item 8.5): ≈37.00 is a placeholder; publish a new version once the regulation confirms it';

/** Opinion categories 2022–2024 (names and zones: sonora.id, docs/domain.md 2.2 [C]); edges provisional. */
export const OMBUDSMAN_2022_BANDS: readonly GradeBand[] = [
  { code: 'A', label: 'Kualitas Tertinggi', zone: 'hijau', minHundredths: 8800, maxHundredths: 10_000, provisional: true, source: CUT_OFFS },
  { code: 'B', label: 'Kualitas Tinggi', zone: 'hijau', minHundredths: 7800, maxHundredths: 8799, provisional: true, source: CUT_OFFS },
  { code: 'C', label: 'Kualitas Sedang', zone: 'kuning', minHundredths: 5700, maxHundredths: 7799, provisional: true, source: CUT_OFFS },
  { code: 'D', label: 'Kualitas Rendah', zone: 'merah', minHundredths: 3700, maxHundredths: 5699, provisional: true, source: `${CUT_OFFS}; ${D_E_UNKNOWN}` },
  { code: 'E', label: 'Kualitas Terendah', zone: 'merah', minHundredths: 0, maxHundredths: 3699, provisional: true, source: D_E_UNKNOWN },
];

/** Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik 2022–2024 ("Opini Pengawasan"): four dimensions, opinion A–E. */
export const ombudsman2022: ComplianceRuleset = {
  id: 'ombudsman-2022',
  version: 1,
  title: 'Ombudsman RI — Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik (opini A–E, 2022–2024)',
  legalBasis: ['UU 25/2009 Pelayanan Publik', 'Peraturan Ombudsman 22/2023 (instrumen penilaian; cited in the 2023 instrument copy, docs/domain.md 2.2 [P])'],
  sources: ['docs/domain.md 2.2 (dimensions, weights, opinion categories), 3.3 (IKM), 4 (components), 5 (complaint deadlines)'],
  bandKind: 'opinion',
  groups: [
    { code: 'empat-dimensi', name: 'Empat Dimensi Penilaian', weightBp: 10_000, provisional: false, source: WEIGHTS, dimensions: OMBUDSMAN_FOUR_DIMENSIONS },
  ],
  rounding: OMBUDSMAN_ROUNDING,
  bands: OMBUDSMAN_2022_BANDS,
  maladministrationFinding: null,
};
