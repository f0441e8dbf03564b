import { type Assessment, initialAssessment } from '../assessment';
import type { UnitLokus } from '../cycle';
import { pekppp2023 } from '../ruleset/pekppp-2023';
import { type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { explainScore, type UnitScoreExplanation } from './score-explanation';
import { scoreAssessment } from './unit-score';

const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
const LEAD = 'dev-evaluator-1';
const lokus: UnitLokus = { evaluatorIds: [LEAD, 'dev-evaluator-2', 'dev-evaluator-3'], leadEvaluatorId: LEAD, userScore: null };
const byMean: Ruleset = { ...pekppp2023, evaluatorCombination: 'mean' };

/** Self scores per indicator code, and each evaluator's scores (null = not scored), the lead first. */
function assessment(self: (code: string) => number | null, ...evaluators: ((code: string) => number | null)[]): Assessment {
  const state = initialAssessment();
  for (const code of codes) {
    const own = self(code);
    if (own !== null)
      state.answers[code] = {
        indicatorCode: code,
        score: own,
        justification: '',
        evidenceIds: [],
        questionAnswers: [],
        claimedLevelRule: '',
        claimedLevelRuleSource: '',
      };
    evaluators.forEach((evaluator, e) => {
      const mark = evaluator(code);
      if (mark !== null) state.scores[code] = { ...state.scores[code], [lokus.evaluatorIds[e]]: { score: mark, note: '' } };
    });
  }
  return state;
}

const all = (score: number | null) => () => score;
const only = (code: string, score: number | null, otherwise: number | null) => (candidate: string) => (candidate === code ? score : otherwise);
const explain = (state: Assessment, ruleset: Ruleset = pekppp2023): UnitScoreExplanation => explainScore(ruleset, scoreAssessment(ruleset, state, lokus));

describe('explainScore', () => {
  it.each<[string, Ruleset, Assessment, Partial<UnitScoreExplanation>]>([
    [
      'ranks on the evaluators once any indicator has their score, the self IPP minus theirs as both are shown',
      pekppp2023,
      // aspects a–e (88%) at 4 and f (12%) at 1: IPP 3.52 + 0.12 = 3.64, self 5.00
      assessment(all(5), (code) => (code.includes('.f.') ? 1 : 4)),
      {
        basis: 'evaluator',
        selfAnswered: codes.length,
        selfMinusEvaluator: 1.36,
        weakestAspects: [{ aspectCode: 'f', name: pekppp2023.aspects[5].name, value: 1 }, expect.anything()],
      },
    ],
    [
      'ranks on the self-assessment before any evaluator score',
      pekppp2023,
      assessment(only('1.a.Ak', 3, 4)),
      { basis: 'self', selfAnswered: codes.length, selfMinusEvaluator: null, largestGaps: [] },
    ],
    [
      'counts an indicator the unit has not answered as 0, and does not count it as answered',
      pekppp2023,
      assessment(only('1.a.Ak', null, 4)),
      {
        selfAnswered: codes.length - 1,
        weakestIndicators: expect.arrayContaining([expect.objectContaining({ indicatorCode: '1.a.Ak', score: null, ippLost: 0.2 })]),
      },
    ],
    [
      'rounds an exact half hundredth of lost IPP up: 14.b.K (30% of aspect b at 25%) scored 2 loses 3 × 0.075 = 0.225',
      pekppp2023,
      assessment(all(5), only('14.b.K', 2, 5)),
      { weakestIndicators: [expect.objectContaining({ indicatorCode: '14.b.K', score: 2, ippLost: 0.23 })] },
    ],
    ['names nothing to fix for a perfect score', pekppp2023, assessment(all(5), all(5)), { weakestIndicators: [], largestGaps: [] }],
    [
      'lists a gap of exactly 2 points as large',
      pekppp2023,
      assessment(all(5), only('2.a.P', 3, 5)),
      { largestGaps: [{ indicatorCode: '2.a.P', name: expect.any(String), selfScore: 5, evaluatorScore: 3, gap: 2 }] },
    ],
    ['does not list a gap below 2 points', pekppp2023, assessment(all(5), only('2.a.P', 4, 5)), { largestGaps: [] }],
    [
      'under the mean of the evaluators, measures the gap to the exact mean: 5 − (3 + 3 + 2) / 3 = 7/3',
      byMean,
      assessment(all(5), all(5), only('1.a.Ak', 3, 5), only('1.a.Ak', 2, 5)),
      // the lead gave 5 everywhere; 1.a.Ak's final score is the mean of 5, 3 and 2 = 10/3, a gap of 5/3: not large
      { largestGaps: [] },
    ],
    [
      'under the mean of the evaluators, lists a gap of more than 2 to a mean that does not terminate',
      byMean,
      assessment(all(5), only('1.a.Ak', 3, 5), only('1.a.Ak', 3, 5), only('1.a.Ak', 2, 5)),
      { largestGaps: [{ indicatorCode: '1.a.Ak', name: expect.any(String), selfScore: 5, evaluatorScore: 8 / 3, gap: 7 / 3 }] },
    ],
    ['gives the category of a self-assessment of 2 everywhere', pekppp2023, assessment(all(2)), { selfCategory: 'D' }],
    ['gives the category of a self-assessment of 3 everywhere', pekppp2023, assessment(all(3)), { selfCategory: 'C' }],
    ['gives the category of a self-assessment of 5 everywhere', pekppp2023, assessment(all(5)), { selfCategory: 'A' }],
    [
      'names the two weakest aspects, equal ones in code order',
      pekppp2023,
      assessment(all(4)),
      {
        weakestAspects: [
          { aspectCode: 'a', name: pekppp2023.aspects[0].name, value: 4 },
          { aspectCode: 'b', name: pekppp2023.aspects[1].name, value: 4 },
        ],
      },
    ],
  ])('%s', (_name, ruleset, state, expected) => {
    expect(explain(state, ruleset)).toMatchObject(expected);
  });

  it('ranks the indicators that cost the most IPP first, equal ones in indicator order', () => {
    // f: (5 − 1) × 50% × 12% = 0.24 IPP each, above any other indicator's (5 − 4) × w × W.
    const explanation = explain(assessment(all(5), (code) => (code.includes('.f.') ? 1 : 4)));
    expect(explanation.weakestIndicators.slice(0, 2).map((indicator) => [indicator.indicatorCode, indicator.ippLost])).toEqual([
      ['29.f.B', 0.24],
      ['30.f.B', 0.24],
    ]);
    expect(explanation.largestGaps.map((gap) => [gap.indicatorCode, gap.gap])).toEqual([
      ['29.f.B', 4],
      ['30.f.B', 4],
    ]);
  });
});
