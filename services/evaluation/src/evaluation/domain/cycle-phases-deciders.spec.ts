import type { evaluationPb } from '@lib/contracts';
import { type DeciderOutcome, givenWhen } from '@lib/event-sourcing/domain';
import { type AssessmentCommand, assessmentContext, assessmentDecider, type AssessmentEvent } from './assessment';
import { type Cycle, type CycleCommand, cycleDecider, type CycleEvent } from './cycle';
import { CYCLE_PHASES, type PhaseWindows } from './cycle-phases';
import { pekppp2017 } from './ruleset/pekppp-2017';
import { PEKPPP_NON_SUBMISSION_OUTCOME, pekppp2023 } from './ruleset/pekppp-2023';
import { scoredIndicators } from './ruleset/ruleset';
import { scoreAssessment } from './scoring/unit-score';

// The cycle and assessment deciders under a cycle's phases, at every edge of the windows that matter.

const CYCLE = 'cycle-1';
const UNIT = 'disdukcapil';
const NOW = '2026-04-01T02:00:00.000Z';
const ids = { cycleId: CYCLE, unitId: UNIT };
const PHASES: PhaseWindows = {
  'f01-filling': { start: '2026-03-01', end: '2026-03-31' },
  'f03-survey': { start: '2026-04-01', end: '2026-04-30' },
  'f02-evaluation': { start: '2026-04-01', end: '2026-05-15' },
  'revision-appeal': { start: '2026-05-16', end: '2026-05-31' },
  finalisation: { start: '2026-06-01', end: '2026-06-15' },
};
const phaseWindows = (windows: PhaseWindows): evaluationPb.CyclePhaseWindow[] => CYCLE_PHASES.map((phase) => ({ phase, ...windows[phase] }));

const openedValue: evaluationPb.CycleOpened = {
  cycleId: CYCLE,
  name: 'PEKPPP 2026',
  rulesetId: 'pekppp-2023',
  rulesetVersion: 1,
  windowStart: '2026-03-01',
  windowEnd: '2026-06-30',
  selfAssessmentDue: '2026-03-31',
  f03Quota: { minimum: 10, maximum: 20, provisional: true },
  complianceRulesetId: 'ombudsman-2025',
  complianceRulesetVersion: 1,
  kodeBRulesetId: '',
  kodeBRulesetVersion: 0,
  phaseWindows: phaseWindows(PHASES),
};
const opened: CycleEvent = { $case: 'cycleOpened', value: openedValue };
/** Recorded before phases existed: no phase windows. */
const openedBeforePhases: CycleEvent = { $case: 'cycleOpened', value: { ...openedValue, phaseWindows: [] } };
const assigned: CycleEvent = { $case: 'unitLokusAssigned', value: { ...ids, evaluatorIds: ['eva'], leadEvaluatorId: 'eva', kode: 'A' } };
const override = (action: string, until: string): CycleEvent => ({
  $case: 'phaseOverrideGranted',
  value: { ...ids, action, until, reason: 'server SKPD rusak', grantedBy: 'admin', grantedAt: NOW },
});
const fieldVisit: CycleEvent = { $case: 'fieldVisitScoringAllowed', value: { ...ids, reason: 'tidak mengisi F-01', allowedBy: 'admin', allowedAt: NOW } };
const outcomeApplied: CycleEvent = {
  $case: 'nonSubmissionOutcomeApplied',
  value: {
    ...ids,
    reason: 'tidak mengisi F-01',
    appliedBy: 'admin',
    appliedAt: NOW,
    rulesetId: 'pekppp-2023',
    rulesetVersion: 1,
    label: 'Tidak mengisi F-01',
    indicatorScore: 0,
    provisional: true,
    source: PEKPPP_NON_SUBMISSION_OUTCOME.source,
  },
};

const cycleOf = (events: CycleEvent[]): Cycle => events.reduce(cycleDecider.evolve, cycleDecider.initialState());
const error = <E>(code: string): DeciderOutcome<E> => ({ error: { code } });

describe('the cycle decider under phases', () => {
  const open: CycleCommand = {
    type: 'OpenCycle',
    cycleId: CYCLE,
    name: 'PEKPPP 2026',
    ruleset: pekppp2023,
    kodeBRuleset: null,
    complianceRuleset: { id: 'ombudsman-2025', version: 1 },
    windowStart: '2026-03-01',
    windowEnd: '2026-06-30',
    selfAssessmentDue: '2026-03-31',
  };
  const change = (today: string, start: string, end: string): Extract<CycleCommand, { type: 'ChangePhaseWindow' }> => ({
    type: 'ChangePhaseWindow',
    cycleId: CYCLE,
    phase: 'f02-evaluation',
    window: { start, end },
    reason: 'jadwal verifikasi lapangan',
    by: 'admin',
    today,
    now: NOW,
  });
  const changed = (start: string, end: string): CycleEvent => ({
    $case: 'cyclePhaseWindowChanged',
    value: {
      cycleId: CYCLE,
      phase: 'f02-evaluation',
      start,
      end,
      previousStart: '2026-04-01',
      previousEnd: '2026-05-15',
      reason: 'jadwal verifikasi lapangan',
      changedBy: 'admin',
      changedAt: NOW,
    },
  });
  const grant = (today: string, until: string, reason = 'server SKPD rusak'): Extract<CycleCommand, { type: 'GrantPhaseOverride' }> => ({
    type: 'GrantPhaseOverride',
    cycleId: CYCLE,
    unitId: UNIT,
    action: 'f01-fill',
    until,
    reason,
    by: 'admin',
    today,
    now: NOW,
  });
  const decide = (
    today: string,
    decision: 'field-visit' | 'ruleset-outcome',
    f01Submitted = false,
    ruleset = pekppp2023,
  ): Extract<CycleCommand, { type: 'DecideNonSubmission' }> => ({
    type: 'DecideNonSubmission',
    cycleId: CYCLE,
    unitId: UNIT,
    decision,
    ruleset,
    f01Submitted,
    reason: 'tidak mengisi F-01',
    by: 'admin',
    today,
    now: NOW,
  });
  const publish = (today: string): CycleCommand => ({ type: 'PublishResults', cycleId: CYCLE, scoredUnder: {}, results: [], now: NOW, today });

  it.each<[string, CycleEvent[], CycleCommand, DeciderOutcome<CycleEvent>]>([
    // open
    [
      'records the phases the admin set, the others derived',
      [],
      { ...open, phases: { 'f01-filling': { start: '2026-03-01', end: '2026-03-20' } } },
      {
        events: [
          {
            $case: 'cycleOpened',
            value: {
              ...openedValue,
              phaseWindows: phaseWindows({
                'f01-filling': { start: '2026-03-01', end: '2026-03-20' },
                'f03-survey': { start: '2026-03-01', end: '2026-06-30' },
                'f02-evaluation': { start: '2026-03-01', end: '2026-06-30' },
                'revision-appeal': { start: '2026-03-01', end: '2026-06-30' },
                finalisation: { start: '2026-03-01', end: '2026-06-30' },
              }),
            },
          },
        ],
      },
    ],
    [
      'refuses phases outside the cycle window',
      [],
      { ...open, phases: PHASES, selfAssessmentDue: '2026-03-31', windowEnd: '2026-06-10' },
      error('CYCLE.PHASE_OUTSIDE_WINDOW'),
    ],
    // change a phase's window: only before it starts
    ['moves a phase the day before it starts', [opened], change('2026-03-31', '2026-04-02', '2026-05-15'), { events: [changed('2026-04-02', '2026-05-15')] }],
    ['refuses to move a phase on its first day', [opened], change('2026-04-01', '2026-04-02', '2026-05-15'), error('CYCLE.PHASE_STARTED')],
    ['refuses to move a phase to start today', [opened], change('2026-03-20', '2026-03-20', '2026-05-15'), error('CYCLE.PHASE_STARTED')],
    ['appends nothing for the same window', [opened], change('2026-04-10', '2026-04-01', '2026-05-15'), { events: [] }],
    ['refuses a window that breaks the order', [opened], change('2026-03-20', '2026-04-01', '2026-06-10'), error('CYCLE.PHASE_OUT_OF_ORDER')],
    ['refuses an unknown phase', [opened], { ...change('2026-03-20', '2026-04-01', '2026-05-15'), phase: 'banding' }, error('CYCLE.UNKNOWN_PHASE')],
    // override
    ['grants an override with its reason', [opened, assigned], grant('2026-04-01', '2026-04-03'), { events: [{ ...override('f01-fill', '2026-04-03') }] }],
    ['grants an override for today only', [opened, assigned], grant('2026-04-01', '2026-04-01'), { events: [override('f01-fill', '2026-04-01')] }],
    ['refuses an override ending before today', [opened, assigned], grant('2026-04-01', '2026-03-31'), error('CYCLE.OVERRIDE_IN_PAST')],
    ['refuses an override without a reason', [opened, assigned], grant('2026-04-01', '2026-04-03', '  '), error('CYCLE.OVERRIDE_REASON_REQUIRED')],
    [
      'refuses to override publishing',
      [opened, assigned],
      { ...grant('2026-04-01', '2026-04-03'), action: 'results-publish' },
      error('CYCLE.ACTION_NOT_OVERRIDABLE'),
    ],
    ['refuses an override for a unit not a lokus', [opened], grant('2026-04-01', '2026-04-03'), error('CYCLE.UNIT_NOT_IN_SCOPE')],
    [
      'refuses to reopen F-01 once non-submission was decided',
      [opened, assigned, fieldVisit],
      grant('2026-04-01', '2026-04-03'),
      error('CYCLE.NON_SUBMISSION_DECIDED'),
    ],
    // non-submission: only once F-01 filling closed
    ['refuses a decision on the last day of F-01 filling', [opened, assigned], decide('2026-03-31', 'field-visit'), error('CYCLE.F01_WINDOW_OPEN')],
    ['allows field-visit scoring the day after F-01 filling', [opened, assigned], decide('2026-04-01', 'field-visit'), { events: [fieldVisit] }],
    ["applies the ruleset's outcome the day after F-01 filling", [opened, assigned], decide('2026-04-01', 'ruleset-outcome'), { events: [outcomeApplied] }],
    ['refuses a decision for a unit that submitted F-01', [opened, assigned], decide('2026-04-01', 'field-visit', true), error('CYCLE.F01_SUBMITTED')],
    ['appends nothing for the same decision again', [opened, assigned, fieldVisit], decide('2026-04-02', 'field-visit'), { events: [] }],
    [
      'refuses the other decision once one was taken',
      [opened, assigned, fieldVisit],
      decide('2026-04-02', 'ruleset-outcome'),
      error('CYCLE.NON_SUBMISSION_DECIDED'),
    ],
    [
      'refuses the outcome of a ruleset that states none',
      [{ $case: 'cycleOpened', value: { ...openedValue, rulesetId: 'pekppp-2017' } }, assigned],
      decide('2026-04-01', 'ruleset-outcome', false, pekppp2017),
      error('CYCLE.NO_NON_SUBMISSION_OUTCOME'),
    ],
    [
      'refuses a decision without a reason',
      [opened, assigned],
      { ...decide('2026-04-01', 'field-visit'), reason: '' },
      error('CYCLE.NON_SUBMISSION_REASON_REQUIRED'),
    ],
    [
      'holds a cycle opened before phases to its derived F-01 window (its due date)',
      [openedBeforePhases, assigned],
      decide('2026-03-31', 'field-visit'),
      error('CYCLE.F01_WINDOW_OPEN'),
    ],
    // publishing: finalisation only
    ['refuses to publish the day before finalisation', [opened, assigned], publish('2026-05-31'), error('CYCLE.OUTSIDE_PHASE')],
    ['publishes on the first day of finalisation', [opened], publish('2026-06-01'), error('CYCLE.NO_UNITS')],
    ['refuses to publish the day after finalisation', [opened, assigned], publish('2026-06-16'), error('CYCLE.OUTSIDE_PHASE')],
    ['publishes a cycle opened before phases on any day, as before', [openedBeforePhases], publish('2026-12-31'), error('CYCLE.NO_UNITS')],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(cycleDecider, given, when)).toEqual(expected);
  });

  it('reads a cycle opened before phases without phases, and a moved phase as recorded from then on', () => {
    const legacy = cycleOf([openedBeforePhases]);
    expect(legacy.status !== 'none' && legacy.phases).toBeUndefined();
    const moved = cycleOf([openedBeforePhases, { ...changed('2026-04-02', '2026-05-15') }]);
    expect(moved.status !== 'none' && moved.phases?.['f02-evaluation']).toEqual({ start: '2026-04-02', end: '2026-05-15' });
    expect(moved.status !== 'none' && moved.phases?.['f01-filling']).toEqual({ start: '2026-03-01', end: '2026-03-31' });
  });

  it('keeps overrides and decisions when the lokus is assigned again', () => {
    const cycle = cycleOf([opened, assigned, override('f01-fill', '2026-04-03'), fieldVisit, assigned]);
    expect(cycle.status !== 'none' && cycle.units[UNIT]).toEqual(
      expect.objectContaining({
        overrides: [expect.objectContaining({ action: 'f01-fill', until: '2026-04-03' })],
        nonSubmission: expect.objectContaining({ kind: 'field-visit' }),
      }),
    );
  });
});

describe('the assessment decider under phases', () => {
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  const answer = (indicatorCode: string) => ({
    indicatorCode,
    score: 4,
    justification: 'ada SK',
    evidenceIds: [],
    questionAnswers: [],
    claimedLevelRule: '',
    claimedLevelRuleSource: '',
  });
  const draftAll: AssessmentEvent = { $case: 'selfAssessmentDraftSaved', value: { ...ids, answers: codes.map(answer), savedAt: NOW } };
  const submitted: AssessmentEvent = { $case: 'selfAssessmentSubmitted', value: { ...ids, submittedAt: NOW, version: 1 } };
  const returned: AssessmentEvent = {
    $case: 'selfAssessmentReturned',
    value: { ...ids, notes: [{ indicatorCode: '1.a.Ak', note: 'SK belum ditandatangani' }], returnedAt: NOW, returnedBy: 'eva', version: 1 },
  };
  const contextOf = (cycleEvents: CycleEvent[]) => assessmentContext(cycleOf(cycleEvents), UNIT, pekppp2023);
  const phased: CycleEvent[] = [opened, assigned];
  const save = (today: string, cycleEvents = phased): AssessmentCommand => ({
    type: 'SaveSelfAssessmentDraft',
    context: contextOf(cycleEvents),
    today,
    now: NOW,
    answers: [{ indicatorCode: '1.a.Ak', score: 5, justification: 'ada SK' }],
  });
  const submit = (today: string, cycleEvents = phased): AssessmentCommand => ({
    type: 'SubmitSelfAssessment',
    context: contextOf(cycleEvents),
    today,
    now: NOW,
  });
  const resubmit = (today: string, cycleEvents = phased): AssessmentCommand => ({
    type: 'ResubmitSelfAssessment',
    context: contextOf(cycleEvents),
    today,
    now: NOW,
  });
  const score = (today: string, cycleEvents = phased): AssessmentCommand => ({
    type: 'ScoreIndicator',
    context: contextOf(cycleEvents),
    today,
    now: NOW,
    evaluatorId: 'eva',
    indicatorCode: '1.a.Ak',
    score: 3,
    note: 'dari kunjungan lapangan',
  });
  const verify = (today: string): AssessmentCommand => ({
    type: 'VerifySelfAssessment',
    context: contextOf(phased),
    today,
    now: NOW,
    by: { userId: 'eva', role: 'evaluator' },
  });
  const isScored: DeciderOutcome<AssessmentEvent> = { events: [expect.objectContaining({ $case: 'indicatorScored' }) as AssessmentEvent] };

  it.each<[string, AssessmentEvent[], AssessmentCommand, DeciderOutcome<AssessmentEvent> | 'accepted']>([
    // F-01 filling
    ['refuses a draft the day before F-01 filling', [], save('2026-02-28'), error('CYCLE.OUTSIDE_PHASE')],
    ['saves a draft on the first day of F-01 filling', [], save('2026-03-01'), 'accepted'],
    ['saves a draft on the last day of F-01 filling', [], save('2026-03-31'), 'accepted'],
    ['refuses a draft the day after F-01 filling', [], save('2026-04-01'), error('CYCLE.OUTSIDE_PHASE')],
    ['submits on the last day of F-01 filling', [draftAll], submit('2026-03-31'), 'accepted'],
    ['refuses to submit the day after F-01 filling', [draftAll], submit('2026-04-01'), error('CYCLE.OUTSIDE_PHASE')],
    // a returned F-01: F-01 filling or revision
    ['resubmits during F-01 filling', [draftAll, submitted, returned], resubmit('2026-03-31'), 'accepted'],
    ['refuses to resubmit during F-02 evaluation', [draftAll, submitted, returned], resubmit('2026-05-15'), error('CYCLE.OUTSIDE_PHASE')],
    ['resubmits on the first day of revision', [draftAll, submitted, returned], resubmit('2026-05-16'), 'accepted'],
    ['resubmits on the last day of revision', [draftAll, submitted, returned], resubmit('2026-05-31'), 'accepted'],
    ['refuses to resubmit the day after revision', [draftAll, submitted, returned], resubmit('2026-06-01'), error('CYCLE.OUTSIDE_PHASE')],
    // F-02 evaluation and revision
    ['refuses an F-02 score the day before F-02 evaluation', [draftAll, submitted], score('2026-03-31'), error('CYCLE.OUTSIDE_PHASE')],
    ['scores on the first day of F-02 evaluation', [draftAll, submitted], score('2026-04-01'), isScored],
    ['scores on the last day of revision', [draftAll, submitted], score('2026-05-31'), isScored],
    ['refuses an F-02 score on the first day of finalisation', [draftAll, submitted], score('2026-06-01'), error('CYCLE.OUTSIDE_PHASE')],
    ['refuses to verify the day before F-02 evaluation', [draftAll, submitted], verify('2026-03-31'), error('CYCLE.OUTSIDE_PHASE')],
    ['verifies on the first day of F-02 evaluation', [draftAll, submitted], verify('2026-04-01'), 'accepted'],
    // overrides
    ['reopens F-01 for the unit on the last day of its override', [], save('2026-04-03', [...phased, override('f01-fill', '2026-04-03')]), 'accepted'],
    ['refuses F-01 the day after its override', [], save('2026-04-04', [...phased, override('f01-fill', '2026-04-03')]), error('CYCLE.OUTSIDE_PHASE')],
    [
      'lets an evaluator score in finalisation under an override',
      [draftAll, submitted],
      score('2026-06-02', [...phased, override('f02-score', '2026-06-02')]),
      isScored,
    ],
    // a unit that never submitted F-01
    ['refuses an F-02 score without an F-01', [], score('2026-04-02'), error('ASSESSMENT.NOT_SUBMITTED')],
    ['scores from a field visit once the admin allowed it', [], score('2026-04-02', [...phased, fieldVisit]), isScored],
    ['still refuses a score outside F-02 for a field visit', [], score('2026-06-01', [...phased, fieldVisit]), error('CYCLE.OUTSIDE_PHASE')],
    [
      'refuses to verify an F-01 never submitted, field visit or not',
      [],
      { ...verify('2026-04-02'), context: contextOf([...phased, fieldVisit]) },
      error('ASSESSMENT.NOT_SUBMITTED'),
    ],
    [
      'keeps F-01 closed after a decision, even under an override',
      [],
      save('2026-04-02', [...phased, override('f01-fill', '2026-04-03'), outcomeApplied]),
      error('ASSESSMENT.NON_SUBMISSION_DECIDED'),
    ],
    // a cycle opened before phases keeps its dates and lets evaluators act on any day, as before
    [
      'refuses a draft after the due date of a cycle opened before phases',
      [],
      save('2026-04-01', [openedBeforePhases, assigned]),
      error('ASSESSMENT.DEADLINE_PASSED'),
    ],
    ['scores after the window of a cycle opened before phases', [draftAll, submitted], score('2026-12-31', [openedBeforePhases, assigned]), isScored],
  ])('%s', (_name, given, when, expected) => {
    const outcome = givenWhen(assessmentDecider, given, when);
    if (expected === 'accepted') expect(outcome).toEqual({ events: [expect.anything()] });
    else expect(outcome).toEqual(expected);
  });
});

describe("the ruleset's non-submission outcome in the score", () => {
  const cycleWith = (events: CycleEvent[]) => {
    const cycle = cycleOf(events);
    if (cycle.status === 'none') throw new Error('not opened');
    return cycle.units[UNIT];
  };

  it('scores every indicator 0 and marks the score provisional', () => {
    const result = scoreAssessment(pekppp2023, assessmentDecider.initialState(), cycleWith([opened, assigned, outcomeApplied]));
    expect(result.ipp.value).toBe(0);
    expect(result.complete).toBe(true);
    expect(result.provisionalParts).toContain('nonSubmissionOutcome');
  });

  it('leaves a unit without a decision scored as before: incomplete, nothing made up', () => {
    const result = scoreAssessment(pekppp2023, assessmentDecider.initialState(), cycleWith([opened, assigned]));
    expect(result.complete).toBe(false);
    expect(result.provisionalParts).not.toContain('nonSubmissionOutcome');
  });

  it('keeps a correction over the outcome', () => {
    const lokus = cycleWith([opened, assigned, outcomeApplied]);
    const corrected = { ...assessmentDecider.initialState(), scores: { '1.a.Ak': { eva: { score: 5, note: 'koreksi' } } } };
    expect(scoreAssessment(pekppp2023, corrected, lokus).ipp.value).toBeGreaterThan(0);
  });
});
