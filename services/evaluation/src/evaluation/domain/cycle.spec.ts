import type { evaluationPb } from '@lib/contracts';
import { type DeciderOutcome, givenWhen } from '@lib/event-sourcing/domain';
import { fraction } from '@lib/kernel';
import { type CycleCommand, type CycleEvent, cycleDecider, rulesetRefOf } from './cycle';
import { pekppp2017 } from './ruleset/pekppp-2017';
import { pekppp2023 } from './ruleset/pekppp-2023';
import { pekppp2023v2 } from './ruleset/pekppp-2023-v2';

const CYCLE = 'cycle-1';
const NOW = '2026-10-01T02:00:00.000Z';

const opened: CycleEvent = {
  $case: 'cycleOpened',
  value: {
    cycleId: CYCLE,
    name: 'PEKPPP 2026',
    rulesetId: 'pekppp-2023',
    rulesetVersion: 1,
    windowStart: '2026-03-01',
    windowEnd: '2026-09-30',
    selfAssessmentDue: '2026-05-31',
    f03Quota: { minimum: 10, maximum: 20, provisional: true },
    complianceRulesetId: 'ombudsman-2025',
    complianceRulesetVersion: 1,
    kodeBRulesetId: '',
    kodeBRulesetVersion: 0,
    // the phases a cycle opened without any takes: F-01 filling until the due date, every other phase the whole window
    phaseWindows: [
      { phase: 'f01-filling', start: '2026-03-01', end: '2026-05-31' },
      { phase: 'f03-survey', start: '2026-03-01', end: '2026-09-30' },
      { phase: 'f02-evaluation', start: '2026-03-01', end: '2026-09-30' },
      { phase: 'revision-appeal', start: '2026-03-01', end: '2026-09-30' },
      { phase: 'finalisation', start: '2026-03-01', end: '2026-09-30' },
    ],
  },
};
const KODE_B = { id: 'pekppp-2023-kode-b', version: 1 };
const openedWithKodeB: CycleEvent = {
  $case: 'cycleOpened',
  value: { ...opened.value, rulesetVersion: 2, kodeBRulesetId: KODE_B.id, kodeBRulesetVersion: KODE_B.version },
} as CycleEvent;
const assigned: CycleEvent = {
  $case: 'unitLokusAssigned',
  value: { cycleId: CYCLE, unitId: 'disdukcapil', evaluatorIds: ['eva', 'budi'], leadEvaluatorId: 'eva', kode: 'A' },
};
const assignedKodeB: CycleEvent = { $case: 'unitLokusAssigned', value: { ...assigned.value, kode: 'B' } } as CycleEvent;
const otherAssigned: CycleEvent = {
  $case: 'unitLokusAssigned',
  value: { cycleId: CYCLE, unitId: 'dinkes', evaluatorIds: ['eva'], leadEvaluatorId: 'eva', kode: 'A' },
};
const userScore: CycleEvent = {
  $case: 'userScoreReceived',
  value: {
    cycleId: CYCLE,
    unitId: 'disdukcapil',
    score: 4.25,
    respondents: 12,
    quotaMet: true,
    sourceEventId: 'survey-event-1',
    scoreNumerator: 17,
    scoreDenominator: 4,
  },
};
const result = (unitId: string, ipp = 3.69): evaluationPb.UnitResult => ({
  unitId,
  aspects: [],
  ippEvaluator: 3.5,
  userScore: 4.25,
  userScoreMerged: true,
  ipp,
  category: 'B',
  predicate: 'Baik',
  ippSelf: 5,
  provisional: true,
  missingIndicatorCodes: [],
  userScoreRespondents: 12,
  userScoreNotMergedReason: '',
});
const published: CycleEvent = {
  $case: 'cycleResultsPublished',
  value: { cycleId: CYCLE, rulesetId: 'pekppp-2023', rulesetVersion: 1, results: [result('disdukcapil')], publishedAt: NOW },
};

const open: CycleCommand = {
  type: 'OpenCycle',
  cycleId: CYCLE,
  name: 'PEKPPP 2026',
  ruleset: pekppp2023,
  kodeBRuleset: null,
  windowStart: '2026-03-01',
  windowEnd: '2026-09-30',
  selfAssessmentDue: '2026-05-31',
  complianceRuleset: { id: 'ombudsman-2025', version: 1 },
};
const assign: CycleCommand = {
  type: 'AssignUnitLokus',
  cycleId: CYCLE,
  unitId: 'disdukcapil',
  evaluatorIds: ['eva', 'budi'],
  leadEvaluatorId: 'eva',
  assessmentUnderway: false,
  today: '2026-03-02',
};
const assignMany: Extract<CycleCommand, { type: 'AssignUnitsLokus' }> = {
  type: 'AssignUnitsLokus',
  cycleId: CYCLE,
  units: [
    { unitId: 'disdukcapil', evaluatorIds: ['eva', 'budi'], leadEvaluatorId: 'eva', assessmentUnderway: false },
    { unitId: 'dinkes', evaluatorIds: ['eva'], leadEvaluatorId: 'eva', assessmentUnderway: false },
  ],
  today: '2026-03-02',
};
const recordUserScore: CycleCommand = {
  type: 'RecordUserScore',
  cycleId: CYCLE,
  unitId: 'disdukcapil',
  score: fraction(17, 4),
  respondents: 12,
  quotaMet: true,
  sourceEventId: 'survey-event-1',
};
const publish: CycleCommand = {
  type: 'PublishResults',
  cycleId: CYCLE,
  scoredUnder: { disdukcapil: { id: 'pekppp-2023', version: 1 } },
  results: [result('disdukcapil')],
  now: NOW,
};
const correct: CycleCommand = { type: 'CorrectResult', cycleId: CYCLE, result: result('disdukcapil', 3.75), reason: 'skor 18.c.K salah input', now: NOW };
const error = (code: string): DeciderOutcome<CycleEvent> => ({ error: { code } });

describe('cycle decider', () => {
  it.each<[string, CycleEvent[], CycleCommand, DeciderOutcome<CycleEvent>]>([
    // open
    ['opens a cycle pinning the ruleset id and version', [], open, { events: [opened] }],
    [
      'opens a cycle without an F-03 quota when its ruleset has no user score',
      [],
      { ...open, ruleset: pekppp2017 },
      { events: [{ $case: 'cycleOpened', value: { ...opened.value, rulesetId: 'pekppp-2017', rulesetVersion: 1, f03Quota: undefined } }] },
    ],
    [
      'opens a cycle pinning another compliance ruleset',
      [],
      { ...open, complianceRuleset: { id: 'ombudsman-2022', version: 1 } },
      { events: [{ ...opened, value: { ...opened.value, complianceRulesetId: 'ombudsman-2022', complianceRulesetVersion: 1 } } as CycleEvent] },
    ],
    [
      'opens a cycle pinning the Kode B ruleset beside the Kode A one',
      [],
      { ...open, ruleset: pekppp2023v2, kodeBRuleset: KODE_B },
      { events: [openedWithKodeB] },
    ],
    ['refuses to open a cycle twice', [opened], open, error('CYCLE.ALREADY_OPENED')],
    ['refuses a cycle without a name', [], { ...open, name: ' ' }, error('CYCLE.NAME_REQUIRED')],
    ['refuses a window date that is not YYYY-MM-DD', [], { ...open, windowEnd: '30/09/2026' }, error('CYCLE.INVALID_DATE')],
    ['refuses 29 February of a common year', [], { ...open, windowEnd: '2026-02-29' }, error('CYCLE.INVALID_DATE')],
    ['refuses a window ending before it starts', [], { ...open, windowStart: '2026-10-01', selfAssessmentDue: '2026-10-01' }, error('CYCLE.INVALID_WINDOW')],
    ['refuses a self-assessment due date after the window', [], { ...open, selfAssessmentDue: '2026-10-01' }, error('CYCLE.DUE_OUTSIDE_WINDOW')],
    ['refuses a self-assessment due date before the window', [], { ...open, selfAssessmentDue: '2026-02-28' }, error('CYCLE.DUE_OUTSIDE_WINDOW')],
    // assign
    ['assigns a unit lokus with its evaluators and lead', [opened], assign, { events: [assigned] }],
    ['assigning the same evaluators again records nothing', [opened, assigned], { ...assign, evaluatorIds: ['budi', 'eva'] }, { events: [] }],
    [
      'reassigns a unit to other evaluators',
      [opened, assigned],
      { ...assign, evaluatorIds: ['eva', 'citra'] },
      {
        events: [
          { $case: 'unitLokusAssigned', value: { cycleId: CYCLE, unitId: 'disdukcapil', evaluatorIds: ['eva', 'citra'], leadEvaluatorId: 'eva', kode: 'A' } },
        ],
      },
    ],
    // kode
    ['assigns a Kode B lokus in a cycle with a Kode B ruleset', [openedWithKodeB], { ...assign, kode: 'B' }, { events: [assignedKodeB] }],
    ['refuses a Kode B lokus in a cycle whose ruleset has no Kode B form', [opened], { ...assign, kode: 'B' }, error('CYCLE.NO_KODE_B_RULESET')],
    ['assigns Kode A explicitly in a cycle without a Kode B ruleset', [opened], { ...assign, kode: 'A' }, { events: [assigned] }],
    [
      'reassigning evaluators without a kode keeps Kode B',
      [openedWithKodeB, assignedKodeB],
      { ...assign, evaluatorIds: ['eva'] },
      {
        events: [{ $case: 'unitLokusAssigned', value: { ...assigned.value, evaluatorIds: ['eva'], kode: 'B' } } as CycleEvent],
      },
    ],
    ['assigning the same kode and evaluators again records nothing', [openedWithKodeB, assignedKodeB], { ...assign, kode: 'B' }, { events: [] }],
    ['changes the kode of a lokus not yet assessed', [openedWithKodeB, assigned], { ...assign, kode: 'B' }, { events: [assignedKodeB] }],
    [
      "refuses to change the kode once the unit's F-01 was submitted or scored",
      [openedWithKodeB, assigned],
      { ...assign, kode: 'B', assessmentUnderway: true },
      error('CYCLE.KODE_LOCKED'),
    ],
    [
      'reassigns the evaluators of an assessed lokus when its kode stays',
      [openedWithKodeB, assignedKodeB],
      { ...assign, evaluatorIds: ['eva'], kode: 'B', assessmentUnderway: true },
      { events: [{ $case: 'unitLokusAssigned', value: { ...assigned.value, evaluatorIds: ['eva'], kode: 'B' } } as CycleEvent] },
    ],
    ['refuses to assign in a cycle that was not opened', [], assign, error('CYCLE.NOT_OPENED')],
    ['refuses to assign after the window closed', [opened], { ...assign, today: '2026-10-01' }, error('CYCLE.CLOSED')],
    ['refuses to assign after results are published', [opened, assigned, published], { ...assign, unitId: 'dpmptsp' }, error('CYCLE.RESULTS_FROZEN')],
    ['refuses a unit without evaluators', [opened], { ...assign, evaluatorIds: [] }, error('CYCLE.NO_EVALUATORS')],
    ['refuses an evaluator listed twice', [opened], { ...assign, evaluatorIds: ['eva', 'eva'] }, error('CYCLE.DUPLICATE_EVALUATOR')],
    ['refuses a lead who is not among the evaluators', [opened], { ...assign, leadEvaluatorId: 'dewi' }, error('CYCLE.LEAD_NOT_AN_EVALUATOR')],
    ['refuses an empty unit id', [opened], { ...assign, unitId: '' }, error('CYCLE.UNIT_REQUIRED')],
    ['refuses a today that is not a date', [opened], { ...assign, today: 'tomorrow' }, error('CYCLE.INVALID_DATE')],
    // assign many units in one command
    ['assigns several unit lokus in one command', [opened], assignMany, { events: [assigned, otherAssigned] }],
    ['assigning the same units again records nothing', [opened, assigned, otherAssigned], assignMany, { events: [] }],
    ['records only the assignments that change', [opened, assigned], assignMany, { events: [otherAssigned] }],
    [
      'refuses the whole list when one assignment breaks a rule (all or nothing)',
      [opened],
      { ...assignMany, units: [...assignMany.units, { unitId: 'dpmptsp', evaluatorIds: ['eva'], leadEvaluatorId: 'dewi', assessmentUnderway: false }] },
      error('CYCLE.LEAD_NOT_AN_EVALUATOR'),
    ],
    [
      'refuses a unit listed twice',
      [opened],
      { ...assignMany, units: [...assignMany.units, { unitId: 'dinkes', evaluatorIds: ['budi'], leadEvaluatorId: 'budi', assessmentUnderway: false }] },
      error('CYCLE.DUPLICATE_UNIT'),
    ],
    ['refuses an empty list', [opened], { ...assignMany, units: [] }, error('CYCLE.NO_ASSIGNMENTS')],
    ['refuses a list after the window closed', [opened], { ...assignMany, today: '2026-10-01' }, error('CYCLE.CLOSED')],
    ['refuses a list in a cycle that was not opened', [], assignMany, error('CYCLE.NOT_OPENED')],
    // user score
    ['records the F-03 user score from the survey context', [opened, assigned], recordUserScore, { events: [userScore] }],
    [
      'records an F-03 score no double holds exactly, beside its nearest double',
      [opened, assigned],
      { ...recordUserScore, score: fraction(583, 140), respondents: 10 },
      {
        events: [{ $case: 'userScoreReceived', value: { ...userScore.value, score: 583 / 140, respondents: 10, scoreNumerator: 583, scoreDenominator: 140 } }],
      },
    ],
    ['a redelivered F03Closed records nothing', [opened, assigned, userScore], recordUserScore, { events: [] }],
    [
      'records nothing for a second F03Closed with the score recorded before the exact score travelled',
      [opened, assigned, { $case: 'userScoreReceived', value: { ...userScore.value, scoreNumerator: 0, scoreDenominator: 0 } }],
      { ...recordUserScore, sourceEventId: 'survey-event-2' },
      { events: [] },
    ],
    ['refuses a user score for a unit out of scope', [opened], recordUserScore, error('CYCLE.UNIT_NOT_IN_SCOPE')],
    ['refuses a user score above 5', [opened, assigned], { ...recordUserScore, score: fraction(11, 2) }, error('CYCLE.INVALID_USER_SCORE')],
    ['refuses a negative respondent count', [opened, assigned], { ...recordUserScore, respondents: -1 }, error('CYCLE.INVALID_USER_SCORE')],
    [
      'refuses a new user score after results are published',
      [opened, assigned, published],
      { ...recordUserScore, sourceEventId: 'survey-event-2' },
      error('CYCLE.RESULTS_FROZEN'),
    ],
    ['refuses a user score for a cycle not opened', [], recordUserScore, error('CYCLE.NOT_OPENED')],
    [
      'refuses a second, different user score for the unit: survey never reopens a closed F-03 collection',
      [opened, assigned, userScore],
      { ...recordUserScore, score: fraction(5), respondents: 20, sourceEventId: 'survey-event-2' },
      error('CYCLE.USER_SCORE_ALREADY_RECORDED'),
    ],
    [
      'refuses a second user score that only changes the respondents',
      [opened, assigned, userScore],
      { ...recordUserScore, respondents: 13, sourceEventId: 'survey-event-2' },
      error('CYCLE.USER_SCORE_ALREADY_RECORDED'),
    ],
    [
      'refuses a second user score that only changes whether the quota was met',
      [opened, assigned, userScore],
      { ...recordUserScore, quotaMet: false, sourceEventId: 'survey-event-2' },
      error('CYCLE.USER_SCORE_ALREADY_RECORDED'),
    ],
    [
      'records nothing for a second F03Closed with the same score',
      [opened, assigned, userScore],
      { ...recordUserScore, sourceEventId: 'survey-event-2' },
      { events: [] },
    ],
    [
      'records the user score of another unit when one unit has its own',
      [opened, assigned, otherAssigned, userScore],
      { ...recordUserScore, unitId: 'dinkes', score: fraction(3), sourceEventId: 'survey-event-2' },
      {
        events: [
          {
            $case: 'userScoreReceived',
            value: { ...userScore.value, unitId: 'dinkes', score: 3, scoreNumerator: 3, scoreDenominator: 1, sourceEventId: 'survey-event-2' },
          } as CycleEvent,
        ],
      },
    ],
    [
      'keeps the user score through a re-assignment of the unit',
      [opened, assigned, userScore, { ...assigned, value: { ...assigned.value, evaluatorIds: ['eva'] } } as CycleEvent],
      { ...recordUserScore, score: fraction(1), sourceEventId: 'survey-event-2' },
      error('CYCLE.USER_SCORE_ALREADY_RECORDED'),
    ],
    // publish
    ['publishes one result per unit lokus under the pinned ruleset', [opened, assigned, userScore], publish, { events: [published] }],
    ['refuses to publish twice: results are frozen', [opened, assigned, published], publish, error('CYCLE.RESULTS_FROZEN')],
    [
      'refuses results scored under another ruleset version (a what-if)',
      [opened, assigned],
      { ...publish, scoredUnder: { disdukcapil: { id: 'pekppp-2023', version: 2 } } },
      error('CYCLE.RULESET_MISMATCH'),
    ],
    [
      'publishes a Kode B result scored under the Kode B ruleset beside a Kode A one',
      [openedWithKodeB, assignedKodeB, otherAssigned],
      {
        ...publish,
        scoredUnder: { disdukcapil: KODE_B, dinkes: { id: 'pekppp-2023', version: 2 } },
        results: [result('disdukcapil'), result('dinkes')],
      },
      {
        events: [
          {
            $case: 'cycleResultsPublished',
            value: { ...published.value, rulesetVersion: 2, results: [result('disdukcapil'), result('dinkes')] },
          } as CycleEvent,
        ],
      },
    ],
    [
      'refuses a Kode B result scored under the Kode A ruleset',
      [openedWithKodeB, assignedKodeB],
      { ...publish, scoredUnder: { disdukcapil: { id: 'pekppp-2023', version: 2 } } },
      error('CYCLE.RULESET_MISMATCH'),
    ],
    ['refuses a result the command says nothing of the ruleset of', [opened, assigned], { ...publish, scoredUnder: {} }, error('CYCLE.RULESET_MISMATCH')],
    ['refuses to publish without unit lokus', [opened], { ...publish, results: [] }, error('CYCLE.NO_UNITS')],
    ['refuses results missing a unit lokus', [opened, assigned], { ...publish, results: [] }, error('CYCLE.RESULTS_INCOMPLETE')],
    [
      'refuses a result for a unit out of scope',
      [opened, assigned],
      { ...publish, results: [result('disdukcapil'), result('dpmptsp')] },
      error('CYCLE.UNIT_NOT_IN_SCOPE'),
    ],
    [
      'refuses two results for one unit',
      [opened, assigned],
      { ...publish, results: [result('disdukcapil'), result('disdukcapil')] },
      error('CYCLE.DUPLICATE_RESULT'),
    ],
    ['refuses to publish a cycle not opened', [], publish, error('CYCLE.NOT_OPENED')],
    // correct
    [
      'corrects a published result with a reason',
      [opened, assigned, published],
      correct,
      {
        events: [
          { $case: 'resultCorrected', value: { cycleId: CYCLE, result: result('disdukcapil', 3.75), reason: 'skor 18.c.K salah input', correctedAt: NOW } },
        ],
      },
    ],
    ['refuses a correction before publishing', [opened, assigned], correct, error('CYCLE.NOT_PUBLISHED')],
    ['refuses a correction without reason', [opened, assigned, published], { ...correct, reason: '  ' }, error('CYCLE.REASON_REQUIRED')],
    [
      'refuses a correction for a unit without result',
      [opened, assigned, published],
      { ...correct, result: result('dpmptsp') },
      error('CYCLE.UNIT_NOT_IN_SCOPE'),
    ],
    ['refuses a correction in a cycle not opened', [], correct, error('CYCLE.NOT_OPENED')],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(cycleDecider, given, when)).toEqual(expected);
  });

  it.each<[string, Partial<evaluationPb.CycleOpened>, { id: string; version: number }]>([
    [
      'pins the compliance ruleset the cycle was opened with',
      { complianceRulesetId: 'ombudsman-2022', complianceRulesetVersion: 1 },
      { id: 'ombudsman-2022', version: 1 },
    ],
    [
      'reads a cycle opened before compliance grading as ombudsman-2025 v1',
      { complianceRulesetId: '', complianceRulesetVersion: 0 },
      { id: 'ombudsman-2025', version: 1 },
    ],
  ])('%s', (_name, pinned, expected) => {
    const state = cycleDecider.evolve(cycleDecider.initialState(), { ...opened, value: { ...opened.value, ...pinned } } as CycleEvent);
    expect(state).toMatchObject({ complianceRuleset: expected });
  });

  it.each<[string, CycleEvent[], string, { id: string; version: number }]>([
    ['a Kode A lokus under the pinned ruleset', [openedWithKodeB, assigned], 'disdukcapil', { id: 'pekppp-2023', version: 2 }],
    ['a Kode B lokus under the Kode B ruleset', [openedWithKodeB, assignedKodeB], 'disdukcapil', KODE_B],
    [
      'a lokus assigned before Kode B (empty kode) as Kode A',
      [openedWithKodeB, { $case: 'unitLokusAssigned', value: { ...assigned.value, kode: '' } } as CycleEvent],
      'disdukcapil',
      { id: 'pekppp-2023', version: 2 },
    ],
    ['a unit that is no lokus under the pinned ruleset', [openedWithKodeB], 'dinkes', { id: 'pekppp-2023', version: 2 }],
  ])('rulesetRefOf scores %s', (_name, given, unitId, expected) => {
    const state = given.reduce(cycleDecider.evolve, cycleDecider.initialState());
    if (state.status === 'none') throw new Error('the cycle was opened');
    expect(rulesetRefOf(state, unitId)).toEqual(expected);
  });

  it('reads a cycle opened before Kode B as having no Kode B ruleset', () => {
    expect(cycleDecider.evolve(cycleDecider.initialState(), opened)).toMatchObject({ kodeBRuleset: null });
  });

  it('folds the lokus, its user score and the corrected result', () => {
    const corrected: CycleEvent = {
      $case: 'resultCorrected',
      value: { cycleId: CYCLE, result: result('disdukcapil', 3.75), reason: 'x', correctedAt: NOW },
    };
    const state = [opened, assigned, userScore, published, corrected].reduce(cycleDecider.evolve, cycleDecider.initialState());
    expect(state).toMatchObject({
      status: 'published',
      ruleset: { id: 'pekppp-2023', version: 1 },
      units: { disdukcapil: { evaluatorIds: ['eva', 'budi'], leadEvaluatorId: 'eva', userScore: { score: 4.25, exact: '17/4', respondents: 12 } } },
      results: { disdukcapil: { ipp: 3.75 } },
    });
  });
});
