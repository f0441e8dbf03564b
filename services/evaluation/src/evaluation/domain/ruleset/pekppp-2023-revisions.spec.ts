import { type ScoringInput, scoreUnit, toUnitResult } from '../scoring/scoring-rules';
import { GENERIC_DESCRIPTORS, pekppp2023 } from './pekppp-2023';
import { pekppp2023KodeB } from './pekppp-2023-kode-b';
import { pekppp2023v2 } from './pekppp-2023-v2';
import { pekppp2023v3 } from './pekppp-2023-v3';
import { type Ruleset, findIndicator, scoredIndicators, validateRuleset } from './ruleset';
import { findShippedRuleset } from './shipped-rulesets';

const LEAD = 'evaluator-lead';
const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
const byLead = (scores: Record<string, number>): ScoringInput['evaluatorScores'] =>
  Object.entries(scores).map(([indicatorCode, score]) => ({ indicatorCode, evaluatorId: LEAD, score }));
const every = (score: (k: number) => number): Record<string, number> => Object.fromEntries(codes.map((code, k) => [code, score(k)]));
const weights = (ruleset: Ruleset) => ruleset.aspects.map((aspect) => [aspect.code, aspect.weightBp, aspect.indicators.map((i) => [i.code, i.weightBp])]);

describe('pekppp-2023 revision 2 beside revision 1', () => {
  it('ships both, so a cycle pinned to revision 1 still finds it unchanged', () => {
    expect(findShippedRuleset({ id: 'pekppp-2023', version: 1 })).toBe(pekppp2023);
    expect(findShippedRuleset({ id: 'pekppp-2023', version: 2 })).toBe(pekppp2023v2);
    expect(findIndicator(pekppp2023, '3.a.T')?.indicator.descriptors).toEqual(GENERIC_DESCRIPTORS);
    expect(findIndicator(pekppp2023, '1.a.Ak')?.indicator.name).toBe('Tersedia Standar Pelayanan sesuai peraturan');
  });

  it('replaces every generic placeholder with a level text of the instrument', () => {
    for (const indicator of scoredIndicators(pekppp2023v2)) expect(indicator.descriptors).not.toEqual(GENERIC_DESCRIPTORS);
  });

  it('keeps every code, aspect and weight, the F-03 merge, the evaluator combination and the bands of revision 1', () => {
    expect(weights(pekppp2023v2)).toEqual(weights(pekppp2023));
    expect(pekppp2023v2.userScoreMerge).toEqual(pekppp2023.userScoreMerge);
    expect(pekppp2023v2.evaluatorCombination).toBe(pekppp2023.evaluatorCombination);
    expect(pekppp2023v2.bands).toEqual(pekppp2023.bands);
  });

  it.each<[string, ScoringInput]>([
    ['every indicator 0', { selfScores: [], evaluatorScores: byLead(every(() => 0)), leadEvaluatorId: LEAD }],
    ['every indicator 5', { selfScores: [], evaluatorScores: byLead(every(() => 5)), leadEvaluatorId: LEAD }],
    ['scores 0..5 in turn', { selfScores: [], evaluatorScores: byLead(every((k) => k % 6)), leadEvaluatorId: LEAD }],
    [
      'self-assessment beside the evaluator, with an F-03 score merged',
      {
        selfScores: Object.entries(every((k) => (k * 7) % 6)).map(([indicatorCode, score]) => ({ indicatorCode, score })),
        evaluatorScores: byLead(every((k) => (k * 5 + 2) % 6)),
        leadEvaluatorId: LEAD,
        userScore: { kind: 'summary', score: 3.7, respondents: 12 },
      },
    ],
    ['indicators left unscored', { selfScores: [], evaluatorScores: byLead(every((k) => (k % 3 === 0 ? 4 : 2))).slice(0, 17), leadEvaluatorId: LEAD }],
  ])('scores %s to the same IPP, aspects and category under both revisions', (_name, input) => {
    expect(toUnitResult('disdukcapil', scoreUnit(pekppp2023v2, input))).toEqual(toUnitResult('disdukcapil', scoreUnit(pekppp2023, input)));
  });
});

describe('pekppp-2023 revision 3 beside revision 2', () => {
  const withoutF01 = (ruleset: Ruleset) => ({
    ...ruleset,
    version: 0,
    title: '',
    aspects: ruleset.aspects.map((aspect) => ({ ...aspect, indicators: aspect.indicators.map(({ f01: _f01, ...indicator }) => indicator) })),
  });

  it('ships beside revision 2, which keeps its typed 0–5 self score', () => {
    expect(findShippedRuleset({ id: 'pekppp-2023', version: 3 })).toBe(pekppp2023v3);
    expect(findShippedRuleset({ id: 'pekppp-2023', version: 2 })).toBe(pekppp2023v2);
    for (const indicator of scoredIndicators(pekppp2023v2)) expect(indicator.f01).toBeUndefined();
  });

  it('is revision 2 plus the F-01 questions of every indicator, and valid', () => {
    expect(withoutF01(pekppp2023v3)).toEqual(withoutF01(pekppp2023v2));
    for (const indicator of scoredIndicators(pekppp2023v3)) expect(indicator.f01?.claim.ruleSource).toBe('pantau');
    expect(validateRuleset(pekppp2023v3)).toEqual([]);
  });

  it.each<[string, ScoringInput]>([
    ['every indicator 5', { selfScores: [], evaluatorScores: byLead(every(() => 5)), leadEvaluatorId: LEAD }],
    [
      'scores 0..5 in turn, beside self scores',
      {
        selfScores: Object.entries(every((k) => (k * 7) % 6)).map(([indicatorCode, score]) => ({ indicatorCode, score })),
        evaluatorScores: byLead(every((k) => k % 6)),
        leadEvaluatorId: LEAD,
      },
    ],
  ])('scores %s to the same IPP as revision 2', (_name, input) => {
    expect(toUnitResult('disdukcapil', scoreUnit(pekppp2023v3, input))).toEqual(toUnitResult('disdukcapil', scoreUnit(pekppp2023v2, input)));
  });
});

describe('pekppp-2023-kode-b', () => {
  const kodeACodes = new Set(codes);

  it('ships as its own ruleset, version 1', () => {
    expect(findShippedRuleset({ id: 'pekppp-2023-kode-b', version: 1 })).toBe(pekppp2023KodeB);
  });

  it('keeps the Kode A code, name and weight scale of every indicator it shares, and marks each replaced one with "x"', () => {
    const shared = scoredIndicators(pekppp2023KodeB).filter((indicator) => kodeACodes.has(indicator.code));
    expect(shared.map((indicator) => indicator.code)).toEqual(codes.filter((code) => !/^(4|1[5-9]|20|25|26)\./.test(code)));
    for (const indicator of shared) expect(indicator.name).toBe(findIndicator(pekppp2023v2, indicator.code)?.indicator.name);
    expect(
      scoredIndicators(pekppp2023KodeB)
        .filter((indicator) => !kodeACodes.has(indicator.code))
        .map((indicator) => indicator.code),
    ).toEqual(['15.c.x', '16.c.x', '17.c.x', '18.c.x', '19.c.x', '20.c.x', '25.e.x', '26.e.x']);
  });

  it('weighs Kebijakan Pelayanan as Kode A without indicator 4, scaled to 100%', () => {
    const kebijakan = pekppp2023KodeB.aspects[0].indicators.map((indicator) => indicator.weightBp);
    const kodeA = pekppp2023v2.aspects[0].indicators.filter((indicator) => indicator.code !== '4.a.K').map((indicator) => indicator.weightBp);
    const scaled = kodeA.map((weightBp) => Math.round((weightBp * 10_000) / 8600));
    expect(kebijakan.slice(0, -1)).toEqual(scaled.slice(0, -1));
    expect(kebijakan.reduce((sum, weightBp) => sum + weightBp, 0)).toBe(10_000);
  });

  it('is the Kode B form of revision 2 only: revision 2 names it, revision 1 and Kode B itself name none', () => {
    expect(pekppp2023v2.kodeBRulesetId).toBe(pekppp2023KodeB.id);
    expect(pekppp2023.kodeBRulesetId).toBeUndefined();
    expect(pekppp2023KodeB.kodeBRulesetId).toBeUndefined();
  });

  it('scores a unit by its own indicators: a full Kode B F-02 of 4 everywhere is an IPP of 4', () => {
    const scores = Object.fromEntries(scoredIndicators(pekppp2023KodeB).map((indicator) => [indicator.code, 4]));
    const result = scoreUnit(pekppp2023KodeB, { selfScores: [], evaluatorScores: byLead(scores), leadEvaluatorId: LEAD });
    expect(toUnitResult('dpmptsp', result)).toMatchObject({ ipp: 4, category: 'B', missingIndicatorCodes: [] });
  });
});
