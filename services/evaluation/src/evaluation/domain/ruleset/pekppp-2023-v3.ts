import { PEKPPP_2023_F01 } from './pekppp-2023-f01';
import { pekppp2023v2 } from './pekppp-2023-v2';
import type { Ruleset } from './ruleset';

// Revision 3 of pekppp-2023: revision 2 (names, level texts, weights, merge, bands) with the F-01 as
// the form units know it: per indicator the questions, their skip logic and bukti dukung, and the
// Pantau rule deriving the unit's claimed level from its answers (pekppp-2023-f01.ts). Only F-01
// changes: the IPP of the same F-02 scores does not move. Cycles pinned to revision 2 keep its 0–5
// self score.

/** PEKPPP Kode A (luring), revision 3: revision 2 with the F-01 questions. */
export const pekppp2023v3: Ruleset = {
  ...pekppp2023v2,
  version: 3,
  title: 'PEKPPP Kode A (luring) — revisi 2 dengan pertanyaan F-01 per indikator (jawaban, lompatan, bukti dukung)',
  aspects: pekppp2023v2.aspects.map((aspect) => ({
    ...aspect,
    indicators: aspect.indicators.map((indicator) => ({ ...indicator, f01: PEKPPP_2023_F01.get(indicator.code) })),
  })),
};
