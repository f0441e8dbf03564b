import type { ComplianceRuleset, ScoreRounding } from './compliance-ruleset';
import { STANDAR_PELAYANAN_COMPONENTS } from './standar-pelayanan';

// Sources are docs/domain.md 2.1 and 4; every [P]/[U] value there is provisional here.

/** Shared by the Ombudsman rulesets: the results are published with 2 decimals and the edges are 2-decimal (80.99 / 81.00). */
export const OMBUDSMAN_ROUNDING: ScoreRounding = {
  decimals: 2,
  mode: 'half-up',
  provisional: true,
  source:
    'the Ombudsman publishes totals with 2 decimals and states edges as 80.99/81.00, so the total is rounded to 2 decimals before the band lookup; ' +
    'its rounding rule is not in our sources, half-up as PEKPPP (docs/domain.md 1.7)',
};

const ZONES = 'zone table, 2021 wording (langgam.id; docs/domain.md 2.1 [C]); detik 2021 writes "hijau 81–100, kuning 50–80", a wording difference';

/** Penilaian Kepatuhan terhadap Standar Pelayanan Publik, 2013/2015–2021: zones on a 0–100 score. */
export const ombudsman2021: ComplianceRuleset = {
  id: 'ombudsman-2021',
  version: 1,
  title: 'Ombudsman RI — Penilaian Kepatuhan terhadap Standar Pelayanan Publik (zonasi, s.d. 2021)',
  legalBasis: [
    'UU 25/2009 Pelayanan Publik, Pasal 21 (komponen standar pelayanan)',
    'Peraturan Ombudsman 17/2015 tentang Penelitian Kepatuhan terhadap Standar Pelayanan Publik',
  ],
  sources: ['docs/domain.md 2.1 (method, zones) and 4 (components)'],
  bandKind: 'zone',
  groups: [
    {
      code: 'kepatuhan-standar',
      name: 'Kepatuhan terhadap Standar Pelayanan',
      weightBp: 10_000,
      provisional: false,
      source: 'a single score 0–100 (docs/domain.md 2.1 [C])',
      dimensions: [
        {
          code: 'kepatuhan-standar',
          name: 'Pemenuhan Komponen Standar Pelayanan',
          weightBp: 10_000,
          provisional: false,
          source: 'the only dimension of the old survey (docs/domain.md 2.1 [C])',
          measure: { kind: 'standard-components', components: STANDAR_PELAYANAN_COMPONENTS },
          ruleSource: {
            origin: 'ombudsman',
            provisional: true,
            source:
              'the Ombudsman observes the visible fulfilment of the components per service product (docs/domain.md 2.1 [C]); ' +
              'its component weights were not found [U], so each component counts equally and the unit score is the mean over its products',
          },
        },
      ],
    },
  ],
  rounding: OMBUDSMAN_ROUNDING,
  bands: [
    { code: 'hijau', label: 'Kepatuhan Tinggi', zone: 'hijau', minHundredths: 8100, maxHundredths: 10_000, provisional: false, source: ZONES },
    { code: 'kuning', label: 'Kepatuhan Sedang', zone: 'kuning', minHundredths: 5100, maxHundredths: 8099, provisional: false, source: ZONES },
    { code: 'merah', label: 'Kepatuhan Rendah', zone: 'merah', minHundredths: 0, maxHundredths: 5099, provisional: false, source: ZONES },
  ],
  maladministrationFinding: null,
};
