import { type Assessment, initialAssessment, pekppp2023, scoredIndicators } from '../domain';
import { explainUnitScore } from './unit-score-explanation';
import { unitScoreView } from './unit-score.view';

const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
const LEAD = 'dev-evaluator-1';
const lokus = { evaluatorIds: [LEAD], leadEvaluatorId: LEAD, userScore: null };

function assessment(self: (code: string) => number | null, evaluator: (code: string) => number | null): Assessment {
  const state = initialAssessment();
  for (const code of codes) {
    const own = self(code);
    if (own !== null) state.answers[code] = { indicatorCode: code, score: own, justification: '', evidenceIds: [] };
    const mark = evaluator(code);
    if (mark !== null) state.scores[code] = { [LEAD]: { score: mark, note: '' } };
  }
  return state;
}

const explain = (state: Assessment) => explainUnitScore(unitScoreView('cycle', 'unit', pekppp2023, state, lokus), pekppp2023);

describe('explainUnitScore', () => {
  it('ranks by the evaluator once there is an evaluator score, and names the indicators the unit overrated', () => {
    const explanation = explain(
      assessment(
        () => 5,
        (code) => (code.includes('.f.') ? 1 : 4),
      ),
    );
    expect(explanation.basis).toBe('evaluator');
    expect(explanation.weakestAspects[0]).toEqual({ aspectCode: 'f', name: pekppp2023.aspects[5].name, value: 1 });
    // f: (5 - 1) × 50% × 12% = 0.24 IPP each, above any other indicator's (5 - 4) × w × W.
    expect(explanation.weakestIndicators.slice(0, 2).map((indicator) => [indicator.indicatorCode, indicator.ippLost])).toEqual([
      ['29.f.B', 0.24],
      ['30.f.B', 0.24],
    ]);
    expect(explanation.largestGaps.map((gap) => [gap.indicatorCode, gap.gap])).toEqual([
      ['29.f.B', 4],
      ['30.f.B', 4],
    ]);
    expect(explanation.selfMinusEvaluator).toBeCloseTo(5 - (0.88 * 4 + 0.12 * 1), 2);
  });

  it('ranks by the self-assessment before any evaluator score, counting an unanswered indicator as 0', () => {
    const explanation = explain(
      assessment(
        (code) => (code === '1.a.Ak' ? null : 4),
        () => null,
      ),
    );
    expect(explanation).toMatchObject({ basis: 'self', selfAnswered: codes.length - 1, selfMinusEvaluator: null, largestGaps: [] });
    expect(explanation.weakestIndicators[0]).toMatchObject({ indicatorCode: '1.a.Ak', score: null, ippLost: 0.2 });
  });

  it.each([
    ['self-assessment of 2.00 everywhere', 2, 'D'],
    ['self-assessment of 3 everywhere', 3, 'C'],
    ['self-assessment of 5 everywhere', 5, 'A'],
  ])('gives the category of a %s', (_name, score, category) => {
    expect(
      explain(
        assessment(
          () => score,
          () => null,
        ),
      ).selfCategory,
    ).toBe(category);
  });

  it('names nothing to fix for a perfect score', () => {
    expect(
      explain(
        assessment(
          () => 5,
          () => 5,
        ),
      ).weakestIndicators,
    ).toEqual([]);
  });
});
