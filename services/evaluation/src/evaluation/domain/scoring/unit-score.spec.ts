import { fraction } from '@lib/kernel';
import { type Assessment, type EvaluatorMark, initialAssessment } from '../assessment';
import type { UnitLokus } from '../cycle';
import { pekppp2023 } from '../ruleset/pekppp-2023';
import { type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { type CorrectedScore, correctedAssessment, scoreAssessment } from './unit-score';

const LEAD = 'eva';
const OTHER = 'budi';
const lokus: UnitLokus = { evaluatorIds: [LEAD, OTHER], leadEvaluatorId: LEAD, userScore: null };
const byMean: Ruleset = { ...pekppp2023, evaluatorCombination: 'mean' };
const REASON = 'salah input nilai 1.a.Ak';
const mark = (score: number, note = 'sesuai'): EvaluatorMark => ({ score, note });
const withScores = (scores: Assessment['scores']): Assessment => ({ ...initialAssessment(), scores });

describe('correctedAssessment', () => {
  it.each<[string, Ruleset, Assessment['scores'], CorrectedScore[], Assessment['scores']]>([
    [
      "lead-evaluator: the lead's corrected score replaces every evaluator's",
      pekppp2023,
      { '1.a.Ak': { [LEAD]: mark(2), [OTHER]: mark(4) } },
      [{ indicatorCode: '1.a.Ak', score: 5 }],
      { '1.a.Ak': { [LEAD]: mark(5, REASON) } },
    ],
    [
      'mean: the corrected score is the only one, so it is the mean',
      byMean,
      { '1.a.Ak': { [LEAD]: mark(2), [OTHER]: mark(4) } },
      [{ indicatorCode: '1.a.Ak', score: 5 }],
      { '1.a.Ak': { correction: mark(5, REASON) } },
    ],
    ['an indicator nobody scored gets the corrected score', pekppp2023, {}, [{ indicatorCode: '2.a.P', score: 3 }], { '2.a.P': { [LEAD]: mark(3, REASON) } }],
    [
      'an indicator not corrected keeps every evaluator’s score',
      pekppp2023,
      { '1.a.Ak': { [LEAD]: mark(2) }, '2.a.P': { [LEAD]: mark(4), [OTHER]: mark(1) } },
      [{ indicatorCode: '1.a.Ak', score: 5 }],
      { '1.a.Ak': { [LEAD]: mark(5, REASON) }, '2.a.P': { [LEAD]: mark(4), [OTHER]: mark(1) } },
    ],
    [
      'the last correction of an indicator named twice wins',
      pekppp2023,
      {},
      [
        { indicatorCode: '1.a.Ak', score: 1 },
        { indicatorCode: '1.a.Ak', score: 4 },
      ],
      { '1.a.Ak': { [LEAD]: mark(4, REASON) } },
    ],
  ])('%s', (_name, ruleset, scores, corrections, expected) => {
    expect(correctedAssessment(ruleset, withScores(scores), lokus, corrections, REASON).scores).toEqual(expected);
  });

  it.each<[string, Ruleset]>([
    ['lead-evaluator', pekppp2023],
    ['mean', byMean],
  ])('makes the corrected score final under %s', (_name, ruleset) => {
    const corrected = correctedAssessment(
      ruleset,
      withScores({ '1.a.Ak': { [LEAD]: mark(2), [OTHER]: mark(4) } }),
      lokus,
      [{ indicatorCode: '1.a.Ak', score: 5 }],
      REASON,
    );
    expect(scoreAssessment(ruleset, corrected, lokus).indicatorScores.evaluator.get('1.a.Ak')).toEqual(fraction(5));
  });
});

describe('scoreAssessment', () => {
  const everyIndicatorByLead = (score: number): Assessment =>
    withScores(Object.fromEntries(scoredIndicators(pekppp2023).map(({ code }) => [code, { [LEAD]: mark(score) }])));

  it.each<[string, UnitLokus | null, { ipp: number; merged: boolean; notMergedReason: string | null; respondents: number | null }]>([
    ['without a lokus no evaluator is lead, so nothing is final', null, { ipp: 0, merged: false, notMergedReason: 'no-user-score', respondents: null }],
    ['a lokus without an F-03 score keeps the evaluator IPP', lokus, { ipp: 400, merged: false, notMergedReason: 'no-user-score', respondents: null }],
    [
      'an F-03 score below the quota is not merged',
      { ...lokus, userScore: { score: 2, respondents: 9, quotaMet: false, sourceEventId: 'e1' } },
      { ipp: 400, merged: false, notMergedReason: 'quota-not-met', respondents: 9 },
    ],
    [
      'an F-03 score at the quota is merged 75/25: 0.75 × 4 + 0.25 × 2 = 3.50',
      { ...lokus, userScore: { score: 2, respondents: 10, quotaMet: true, sourceEventId: 'e1' } },
      { ipp: 350, merged: true, notMergedReason: null, respondents: 10 },
    ],
  ])('%s', (_name, unitLokus, expected) => {
    const result = scoreAssessment(pekppp2023, everyIndicatorByLead(4), unitLokus);
    expect({
      ipp: result.ipp.hundredths,
      merged: result.merge.merged,
      notMergedReason: result.merge.notMergedReason,
      respondents: result.userScore?.respondents ?? null,
    }).toEqual(expected);
  });
});
