import type { ComplianceRuleset } from './compliance-ruleset';
import { OMBUDSMAN_2022_BANDS, OMBUDSMAN_FOUR_DIMENSIONS } from './ombudsman-2022';
import { OMBUDSMAN_ROUNDING } from './ombudsman-2021';

// Sources are docs/domain.md 2.3; sub-weights and bands of 2025 are unknown [U], so the 2022–2024
// ones are carried over, flagged provisional, until Peraturan Ombudsman 61/2025 is read.

const SPLIT = 'Ombudsman Lampung: 4 dimensions 70% + kepercayaan masyarakat 30% (lampost.co; lampung7.com; docs/domain.md 2.3 [C])';
const SUB_WEIGHTS = '2025 sub-weights of the four dimensions not found (docs/domain.md 2.3 [U], open item 8.5); the 2022–2024 weights are carried over';
const BANDS = '2025 quality levels and edges not found (docs/domain.md 2.3 [U], open item 8.5); the 2022–2024 categories and edges are carried over';

/** Opini Ombudsman / Penilaian Maladministrasi from 2025: four dimensions 70% + public trust 30%, a quality level and a maladministration finding. */
export const ombudsman2025: ComplianceRuleset = {
  id: 'ombudsman-2025',
  version: 1,
  title: 'Ombudsman RI — Opini Ombudsman / Penilaian Maladministrasi Penyelenggaraan Pelayanan Publik (2025–)',
  legalBasis: ['UU 25/2009 Pelayanan Publik', 'Peraturan Ombudsman 61/2025 (docs/domain.md 2.3 [C])'],
  sources: ['docs/domain.md 2.3 (weights, labels), 2.2 (dimensions carried over), 3.3, 4, 5'],
  bandKind: 'opinion',
  groups: [
    {
      code: 'empat-dimensi',
      name: 'Empat Dimensi Penilaian',
      weightBp: 7000,
      provisional: false,
      source: SPLIT,
      dimensions: OMBUDSMAN_FOUR_DIMENSIONS.map((dimension) => ({ ...dimension, provisional: true, source: SUB_WEIGHTS })),
    },
    {
      code: 'kepercayaan-masyarakat',
      name: 'Kepercayaan Masyarakat',
      weightBp: 3000,
      provisional: false,
      source: SPLIT,
      dimensions: [
        {
          code: 'kepercayaan-masyarakat',
          name: 'Kepercayaan Masyarakat',
          weightBp: 10_000,
          provisional: false,
          source: 'the only dimension of its group',
          measure: { kind: 'public-trust' },
          ruleSource: {
            origin: 'pantau',
            provisional: true,
            source:
              'how the Ombudsman measures public trust is not in our sources (docs/domain.md 2.3 [U]); Pantau takes the recorded figure 0–100 as the score',
          },
        },
      ],
    },
  ],
  rounding: OMBUDSMAN_ROUNDING,
  bands: OMBUDSMAN_2022_BANDS.map((band) => ({ ...band, provisional: true, source: `${BANDS}; 2022–2024: ${band.source}` })),
  maladministrationFinding: {
    noneLabel: 'Tanpa Maladministrasi',
    foundLabel: 'Dengan Maladministrasi',
    provisional: true,
    source:
      'top label "Kualitas Tertinggi Tanpa Maladministrasi" (ketik.com, 1reservoir.com; docs/domain.md 2.3 [C]); the other label is not in our sources [U]',
    ruleSource: {
      origin: 'pantau',
      provisional: true,
      source:
        'Pantau mapping: the finding is "tanpa maladministrasi" when the period has no substantiated maladministration and no Ombudsman ' +
        "corrective action, suggestion or recommendation left unresolved (docs/domain.md 2.3); the Ombudsman's predicate rule is not in our sources",
    },
  },
};
