import { GENERIC_DESCRIPTORS, PEKPPP_BANDS, PEKPPP_BANDS_PROVENANCE } from './pekppp-2023';
import type { Aspect, AspectCode, Indicator, Provenance, Ruleset } from './ruleset';

// PermenPANRB 17/2017 (historical data only). docs/domain.md 1.8 gives the aspect weights and
// indicator counts from a single code source and no indicator list: the 37 indicators below are
// numbered placeholders with equal weights, so results under this ruleset are always provisional.

const WEIGHTS_SOURCE = 'only source: Jombang app code ($np_i = $nt_i * 0.3 … * 0.07, 37 items), docs/domain.md 1.8 [P], open item 8.7';
const PLACEHOLDER = {
  provisional: true,
  source:
    'placeholder: the 17/2017 indicator list and weights are not in docs/domain.md; equal weights inside the aspect (remainder basis points on the first indicators) until the instrument text is entered',
};
const DESCRIPTORS_PLACEHOLDER: Provenance = {
  provisional: true,
  source: 'generic placeholder descriptors: 2017-era F-02 used 0–n descriptor scales (pdfs.asia form-f-02) whose text is not in docs/domain.md',
};

function placeholderIndicators(aspect: AspectCode, firstNo: number, count: number): Indicator[] {
  const base = Math.floor(10_000 / count);
  const remainder = 10_000 - base * count;
  return Array.from({ length: count }, (_, k) => ({
    no: firstNo + k,
    // The principle letter of each 2017 indicator is unknown; "x" marks it.
    code: `${firstNo + k}.${aspect}.x`,
    name: `Indikator 17/2017 aspek ${aspect.toUpperCase()} nomor ${k + 1} (placeholder)`,
    weightBp: base + (k < remainder ? 1 : 0),
    ...PLACEHOLDER,
    descriptors: GENERIC_DESCRIPTORS,
    descriptorsProvenance: DESCRIPTORS_PLACEHOLDER,
    evidenceExamples: [],
  }));
}

const layout: readonly [AspectCode, string, number, number][] = [
  ['a', 'Kebijakan Pelayanan', 3000, 13],
  ['b', 'Profesionalisme SDM', 1800, 7],
  ['c', 'Sarana Prasarana', 1500, 7],
  ['d', 'Sistem Informasi Pelayanan Publik', 1500, 5],
  ['e', 'Konsultasi dan Pengaduan', 1500, 4],
  ['f', 'Inovasi', 700, 1],
];

function aspects(): Aspect[] {
  let next = 1;
  return layout.map(([code, name, weightBp, count]) => {
    const indicators = placeholderIndicators(code, next, count);
    next += count;
    return { code, name, weightBp, provisional: true, source: WEIGHTS_SOURCE, indicators };
  });
}

/** Legacy PermenPANRB 17/2017 Pedoman Penilaian Kinerja Unit Penyelenggara Pelayanan Publik. */
export const pekppp2017: Ruleset = {
  id: 'pekppp-2017',
  version: 1,
  title: 'Penilaian Kinerja Unit Penyelenggara Pelayanan Publik (PermenPANRB 17/2017, data historis)',
  legalBasis: ['PermenPANRB 17/2017 Pedoman Penilaian Kinerja Unit Penyelenggara Pelayanan Publik'],
  scale: { min: 0, max: 5 },
  aspects: aspects(),
  informationIndicators: [],
  // The 17/2017 scheme had no F-03 user score in the sources, so the IPP is the evaluator IPP.
  userScoreMerge: null,
  evaluatorCombination: 'lead-evaluator',
  evaluatorCombinationProvenance: {
    provisional: false,
    source: "platform decision, not a number from the sources: the lead evaluator's score is final",
  },
  bands: PEKPPP_BANDS,
  bandsProvenance: {
    provisional: true,
    source: `same 9 bands in the Jombang 17/2017 code (docs/domain.md 1.8); ${PEKPPP_BANDS_PROVENANCE.source}`,
  },
};
