import { type Assessment, type EvaluatorMark, initialAssessment } from '../assessment';
import type { UnitLokus } from '../cycle';
import { pekppp2017 } from '../ruleset/pekppp-2017';
import { pekppp2023 } from '../ruleset/pekppp-2023';
import { type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { type IndicatorDecision, indicatorDecisions, proposedOnlyIndicatorCodes } from './proposal-decisions';
import { scoreAssessment } from './unit-score';

const LEAD = 'eva';
const OTHER = 'budi';
const AT = '2026-04-01T01:00:00.000Z';
const lokus: UnitLokus = { evaluatorIds: [LEAD, OTHER], leadEvaluatorId: LEAD, userScore: null };
const byMean: Ruleset = { ...pekppp2023, evaluatorCombination: 'mean' };
const proposal = { proposedLevel: 3, ruleId: 'standard-complete', proposalRules: 'pekppp-2023-proposals@1', sourceEventIds: ['ev-a'] };
const confirmedMark: EvaluatorMark = { score: 3, note: '', decision: { kind: 'confirmed', ...proposal, decidedAt: AT } };
const overriddenMark = (score: number): EvaluatorMark => ({ score, note: 'monev ada', decision: { kind: 'overridden', ...proposal, decidedAt: AT } });
const scoredMark = (score: number): EvaluatorMark => ({ score, note: 'sesuai descriptor' });
const withScores = (scores: Assessment['scores']): Assessment => ({ ...initialAssessment(), status: 'submitted', scores });

describe('indicatorDecisions', () => {
  it.each<[string, Ruleset, Assessment['scores'], IndicatorDecision]>([
    ['no evaluator decided: still only proposed', pekppp2023, {}, { status: 'proposed', score: null, marks: [] }],
    [
      'the lead confirmed the proposal',
      pekppp2023,
      { '1.a.Ak': { [LEAD]: confirmedMark } },
      { status: 'confirmed', score: 3, marks: [{ evaluatorId: LEAD, kind: 'confirmed', score: 3, note: '', decidedAt: AT, decisive: true }] },
    ],
    [
      'the lead overrode it with a note',
      pekppp2023,
      { '1.a.Ak': { [LEAD]: overriddenMark(4) } },
      { status: 'overridden', score: 4, marks: [{ evaluatorId: LEAD, kind: 'overridden', score: 4, note: 'monev ada', decidedAt: AT, decisive: true }] },
    ],
    [
      'the lead typed an F-02 score instead',
      pekppp2023,
      { '1.a.Ak': { [LEAD]: scoredMark(2) } },
      { status: 'scored', score: 2, marks: [{ evaluatorId: LEAD, kind: 'scored', score: 2, note: 'sesuai descriptor', decidedAt: null, decisive: true }] },
    ],
    [
      "lead-evaluator: another evaluator's confirmation alone leaves it proposed",
      pekppp2023,
      { '1.a.Ak': { [OTHER]: confirmedMark } },
      { status: 'proposed', score: null, marks: [{ evaluatorId: OTHER, kind: 'confirmed', score: 3, note: '', decidedAt: AT, decisive: false }] },
    ],
    [
      'mean: a confirmation and an override make an overridden mean',
      byMean,
      { '1.a.Ak': { [LEAD]: confirmedMark, [OTHER]: overriddenMark(4) } },
      {
        status: 'overridden',
        score: 3.5,
        marks: [
          { evaluatorId: LEAD, kind: 'confirmed', score: 3, note: '', decidedAt: AT, decisive: true },
          { evaluatorId: OTHER, kind: 'overridden', score: 4, note: 'monev ada', decidedAt: AT, decisive: true },
        ],
      },
    ],
    [
      'mean: every evaluator confirmed',
      byMean,
      { '1.a.Ak': { [LEAD]: confirmedMark, [OTHER]: confirmedMark } },
      {
        status: 'confirmed',
        score: 3,
        marks: [
          { evaluatorId: LEAD, kind: 'confirmed', score: 3, note: '', decidedAt: AT, decisive: true },
          { evaluatorId: OTHER, kind: 'confirmed', score: 3, note: '', decidedAt: AT, decisive: true },
        ],
      },
    ],
    [
      'mean: a confirmation beside a typed-in score is scored',
      byMean,
      { '1.a.Ak': { [LEAD]: confirmedMark, [OTHER]: scoredMark(5) } },
      {
        status: 'scored',
        score: 4,
        marks: [
          { evaluatorId: LEAD, kind: 'confirmed', score: 3, note: '', decidedAt: AT, decisive: true },
          { evaluatorId: OTHER, kind: 'scored', score: 5, note: 'sesuai descriptor', decidedAt: null, decisive: true },
        ],
      },
    ],
  ])('%s', (_name, ruleset, scores, expected) => {
    expect(indicatorDecisions(ruleset, withScores(scores), lokus, ['1.a.Ak']).get('1.a.Ak')).toEqual(expected);
  });
});

describe('proposedOnlyIndicatorCodes', () => {
  const proposed = ['6.a.B', '1.a.Ak', '28.e.Ak'];

  it('lists the proposed indicators without a final evaluator score, in the ruleset’s order, and their proposals never enter the IPP', () => {
    const result = scoreAssessment(pekppp2023, withScores({}), lokus);
    expect(result.ipp.hundredths).toBe(0);
    expect(result.evaluator.missingIndicatorCodes).toEqual(expect.arrayContaining(proposed));
    expect(proposedOnlyIndicatorCodes(pekppp2023, proposed, result.indicatorScores.evaluator)).toEqual(['1.a.Ak', '6.a.B', '28.e.Ak']);
  });

  it('scores an unconfirmed proposal as missing: the same IPP as if nothing were proposed, whatever level events propose', () => {
    const everyOtherByLead = withScores(
      Object.fromEntries(
        scoredIndicators(pekppp2023)
          .filter(({ code }) => !proposed.includes(code))
          .map(({ code }) => [code, { [LEAD]: scoredMark(5) }]),
      ),
    );
    const result = scoreAssessment(pekppp2023, everyOtherByLead, lokus);
    const withZeros = scoreAssessment(
      pekppp2023,
      withScores({ ...everyOtherByLead.scores, ...Object.fromEntries(proposed.map((code) => [code, { [LEAD]: scoredMark(0) }])) }),
      lokus,
    );
    expect(result.ipp).toEqual(withZeros.ipp);
    expect(result.complete).toBe(false);
    expect(proposedOnlyIndicatorCodes(pekppp2023, proposed, result.indicatorScores.evaluator)).toEqual(['1.a.Ak', '6.a.B', '28.e.Ak']);
  });

  it.each<[string, Ruleset, Assessment['scores'], string[]]>([
    ['a confirmation by the lead takes the indicator off the list', pekppp2023, { '1.a.Ak': { [LEAD]: confirmedMark } }, ['6.a.B', '28.e.Ak']],
    ['so does an override', pekppp2023, { '6.a.B': { [LEAD]: overriddenMark(1) } }, ['1.a.Ak', '28.e.Ak']],
    ['and a typed-in F-02 score', pekppp2023, { '28.e.Ak': { [LEAD]: scoredMark(2) } }, ['1.a.Ak', '6.a.B']],
    ["lead-evaluator: another evaluator's confirmation does not", pekppp2023, { '1.a.Ak': { [OTHER]: confirmedMark } }, ['1.a.Ak', '6.a.B', '28.e.Ak']],
    ["mean: any evaluator's confirmation does", byMean, { '1.a.Ak': { [OTHER]: confirmedMark } }, ['6.a.B', '28.e.Ak']],
  ])('%s', (_name, ruleset, scores, expected) => {
    const result = scoreAssessment(ruleset, withScores(scores), lokus);
    expect(proposedOnlyIndicatorCodes(ruleset, proposed, result.indicatorScores.evaluator)).toEqual(expected);
  });

  it('leaves out proposed codes another ruleset does not score (a what-if)', () => {
    const result = scoreAssessment(pekppp2017, withScores({}), lokus);
    expect(proposedOnlyIndicatorCodes(pekppp2017, proposed, result.indicatorScores.evaluator)).toEqual([]);
  });
});
