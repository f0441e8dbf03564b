import type { surveyPb } from '@lib/contracts';
import { foldEvents, givenWhen, type DeciderOutcome } from '@lib/event-sourcing/domain';
import { SKM_2017 } from './ruleset/skm-2017';
import type { SkmRuleset } from './ruleset/skm-ruleset';
import type { UnsurAnswer } from './scoring/ikm';
import { createSurveyDecider, type SkmSurveyEvent, skmStreamId, surveyDecider, type SurveyCommand } from './survey';

const NOW = '2025-04-01T08:00:00.000Z';
const SURVEY = 'srv-1';
const CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
const answers = (value: number): UnsurAnswer[] => CODES.map((code) => ({ code, value }));

const ninthWeights = CODES.map((code) => ({ code, weight: 1 / 9, weightNumerator: 1, weightDenominator: 9 }));

const opened = (overrides: Partial<surveyPb.SurveyOpened> = {}): SkmSurveyEvent => ({
  $case: 'surveyOpened',
  value: {
    surveyId: SURVEY,
    unitId: 'disdukcapil',
    tenantId: 'banjarmasin',
    periodKind: 'PERIOD_KIND_QUARTER' as surveyPb.PeriodKind,
    periodStart: '2025-01-01',
    periodEnd: '2025-03-31',
    ruleset: 'skm-2017@1',
    extraUnsur: [],
    weights: ninthWeights,
    declaredPopulation: 0,
    openedAt: NOW,
    ...overrides,
  },
});

const recorded = (
  responseId: string,
  value = 4,
  requestTrackingCode = '',
  duplicateKeys: { respondentKey?: string; submissionFingerprint?: string } = {},
): SkmSurveyEvent => ({
  $case: 'skmResponseRecorded',
  value: {
    surveyId: SURVEY,
    responseId,
    answers: answers(value),
    profile: undefined,
    suggestion: '',
    requestTrackingCode,
    verifiedUser: requestTrackingCode !== '',
    recordedAt: NOW,
    respondentKey: duplicateKeys.respondentKey ?? '',
    submissionFingerprint: duplicateKeys.submissionFingerprint ?? '',
  },
});
/** As recorded now: a verified respondent, without the code they cited. */
const recordedVerified = (responseId: string): SkmSurveyEvent => {
  const event = recorded(responseId);
  return event.$case === 'skmResponseRecorded' ? { ...event, value: { ...event.value, verifiedUser: true } } : event;
};
const fromDevice = (fingerprint: string, earlierFingerprints: string[] = []) => ({
  duplicateCheck: { kind: 'device' as const, fingerprint, earlierFingerprints },
});
const fromForm = (respondentKey: string) => ({ duplicateCheck: { kind: 'respondent' as const, respondentKey } });

const closedEvent = (): SkmSurveyEvent => {
  const state = foldEvents(surveyDecider.evolve, surveyDecider.initialState(), [opened(), recorded('r1')]);
  return surveyDecider.decide({ type: 'CloseSkmPeriod', completedRequestsInPeriod: 1, now: NOW }, state)[0];
};

const SIAK = 'Data pemohon SIAK 2025 triwulan I';
const declaredEvent = (population: number, source = SIAK, declaredAt = NOW): SkmSurveyEvent => ({
  $case: 'skmPopulationDeclared',
  value: { surveyId: SURVEY, population, source, declaredAt },
});

const published: SkmSurveyEvent = { $case: 'skmResultPublished', value: { surveyId: SURVEY, media: ['website'], publishedOn: '2025-04-10' } };
const planned: SkmSurveyEvent = {
  $case: 'followUpPlanned',
  value: { surveyId: SURVEY, itemId: 'rtl-1', unsurCode: 'U3', action: 'Tambah loket', dueDate: '2025-06-30', plannedAt: NOW },
};
const completed: SkmSurveyEvent = {
  $case: 'followUpCompleted',
  value: { surveyId: SURVEY, itemId: 'rtl-1', completedOn: '2025-06-01', evidence: 'laporan-rtl.pdf' },
};

const open = (overrides: Partial<Extract<SurveyCommand, { type: 'OpenSurvey' }>> = {}): SurveyCommand => ({
  type: 'OpenSurvey',
  surveyId: SURVEY,
  unitId: 'disdukcapil',
  tenantId: 'banjarmasin',
  periodKind: 'quarter',
  periodStart: '2025-01-01',
  periodEnd: '2025-03-31',
  now: NOW,
  ...overrides,
});

const record = (overrides: Partial<Extract<SurveyCommand, { type: 'RecordSkmResponse' }>> = {}): SurveyCommand => ({
  type: 'RecordSkmResponse',
  responseId: 'r9',
  answers: answers(4),
  now: NOW,
  ...overrides,
});

const declare = (population: number, source = SIAK): SurveyCommand => ({ type: 'DeclarePopulation', population, source, now: NOW });
const close = (completedRequestsInPeriod = 1): SurveyCommand => ({ type: 'CloseSkmPeriod', completedRequestsInPeriod, now: NOW });
const publish = (media: string[] = ['website']): SurveyCommand => ({ type: 'PublishSkmResult', media, publishedOn: '2025-04-10' });
const plan = (overrides: Partial<Extract<SurveyCommand, { type: 'PlanFollowUp' }>> = {}): SurveyCommand => ({
  type: 'PlanFollowUp',
  itemId: 'rtl-1',
  unsurCode: 'U3',
  action: 'Tambah loket',
  dueDate: '2025-06-30',
  now: NOW,
  ...overrides,
});
const complete = (overrides: Partial<Extract<SurveyCommand, { type: 'CompleteFollowUp' }>> = {}): SurveyCommand => ({
  type: 'CompleteFollowUp',
  itemId: 'rtl-1',
  completedOn: '2025-06-01',
  evidence: 'laporan-rtl.pdf',
  ...overrides,
});

const error = (code: string): DeciderOutcome<SkmSurveyEvent> => ({ error: { code } });
const events = (...list: SkmSurveyEvent[]): DeciderOutcome<SkmSurveyEvent> => ({ events: list });

describe('SKM survey decider', () => {
  it.each<[string, SkmSurveyEvent[], SurveyCommand, DeciderOutcome<SkmSurveyEvent>]>([
    // open
    ['opens a survey with the nine unsur at exactly 1/9', [], open(), events(opened())],
    [
      'opens with a declared population, recorded as a declaration with its source',
      [],
      open({ declaredPopulation: { population: 250, source: ` ${SIAK} ` } }),
      events(opened(), declaredEvent(250)),
    ],
    [
      'opens with an extra unsur at equal weight 1/10',
      [],
      open({ unsurSet: { extraUnsur: [{ code: 'X1', label: 'Kebersihan' }] } }),
      events(
        opened({
          extraUnsur: [{ code: 'X1', label: 'Kebersihan' }],
          weights: [...CODES, 'X1'].map((code) => ({ code, weight: 0.1, weightNumerator: 1, weightDenominator: 10 })),
        }),
      ),
    ],
    ['refuses opening twice', [opened()], open(), error('SURVEY.ALREADY_OPENED')],
    ['refuses an unknown ruleset', [], open({ rulesetRef: 'skm-2099@1' }), error('SURVEY.UNKNOWN_RULESET')],
    ['refuses a period that ends before it starts', [], open({ periodStart: '2025-03-31', periodEnd: '2025-01-01' }), error('SURVEY.INVALID_PERIOD')],
    ['refuses a date that does not exist', [], open({ periodEnd: '2025-02-30' }), error('SURVEY.INVALID_PERIOD')],
    ['refuses an unknown period kind', [], open({ periodKind: 'month' as never }), error('SURVEY.INVALID_PERIOD')],
    ['refuses a declared population of 0', [], open({ declaredPopulation: { population: 0, source: SIAK } }), error('SURVEY.INVALID_POPULATION')],
    [
      'refuses a population declared at opening without its source',
      [],
      open({ declaredPopulation: { population: 250, source: ' ' } }),
      error('SURVEY.INVALID_POPULATION_SOURCE'),
    ],
    ['refuses a missing tenant', [], open({ tenantId: ' ' }), error('SURVEY.INVALID_SURVEY')],
    [
      'refuses extra unsur whose weights do not sum to 1',
      [],
      open({ unsurSet: { extraUnsur: [{ code: 'X1', label: 'A', weight: '0.2' }], regulationWeights: Object.fromEntries(CODES.map((c) => [c, '0.1'])) } }),
      error('SURVEY.INVALID_UNSUR_SET'),
    ],

    // record
    ['refuses a response before the survey is opened', [], record(), error('SURVEY.NOT_OPENED')],
    ['records a response in regulation order', [opened()], record({ responseId: 'r1', answers: [...answers(4)].reverse() }), events(recorded('r1'))],
    [
      'records a respondent profile and a suggestion',
      [opened()],
      record({ responseId: 'r1', profile: { ageBand: '25-34', sex: 'P', education: 'S1', occupation: 'PNS' }, suggestion: ' Perbanyak kursi ' }),
      events({
        $case: 'skmResponseRecorded',
        value: {
          ...(recorded('r1').value as surveyPb.SkmResponseRecorded),
          profile: { ageBand: '25-34', sex: 'P', education: 'S1', occupation: 'PNS' },
          suggestion: 'Perbanyak kursi',
        },
      }),
    ],
    [
      'records a verified user citing a completed request, without the tracking code',
      [opened()],
      record({ responseId: 'r1', citedRequest: { trackingCode: 'REQ-7', completedInUnitAndPeriod: true } }),
      events(recordedVerified('r1')),
    ],
    [
      'refuses a cited request that is not completed in this unit and period',
      [opened()],
      record({ citedRequest: { trackingCode: 'REQ-7', completedInUnitAndPeriod: false } }),
      error('SURVEY.REQUEST_NOT_COMPLETED'),
    ],
    [
      'refuses citing a request that an event recorded before codes left the events cited',
      [opened(), recorded('r1', 4, 'REQ-7')],
      record({ responseId: 'r2', citedRequest: { trackingCode: 'REQ-7', completedInUnitAndPeriod: true } }),
      error('SURVEY.DUPLICATE_REQUEST_RESPONSE'),
    ],
    [
      'treats a blank tracking code as no citation',
      [opened(), recorded('r1', 4, 'REQ-7')],
      record({ responseId: 'r2', citedRequest: { trackingCode: ' ', completedInUnitAndPeriod: false } }),
      events(recorded('r2')),
    ],
    ['records nothing for a retried response id', [opened(), recorded('r1')], record({ responseId: 'r1' }), events()],

    // anonymous duplicates
    [
      'records the respondent key of a form',
      [opened()],
      record({ responseId: 'r1', ...fromForm('token-a') }),
      events(recorded('r1', 4, '', { respondentKey: 'token-a' })),
    ],
    [
      'keeps the submission fingerprint of a client without a form token out of the event',
      [opened()],
      record({ responseId: 'r1', ...fromDevice('fp-w2', ['fp-w1']) }),
      events(recorded('r1')),
    ],
    [
      'refuses a second response from the same form token',
      [opened(), recorded('r1', 4, '', { respondentKey: 'token-a' })],
      record({ responseId: 'r2', answers: answers(2), ...fromForm('token-a') }),
      error('SURVEY.DUPLICATE_RESPONDENT'),
    ],
    [
      'accepts a kiosk respondent: same device, fresh form token, same answers',
      [opened(), recorded('r1', 4, '', { respondentKey: 'token-a' })],
      record({ responseId: 'r2', ...fromForm('token-b') }),
      events(recorded('r2', 4, '', { respondentKey: 'token-b' })),
    ],
    [
      'refuses the same submission resent in the same window as one recorded with its fingerprint',
      [opened(), recorded('r1', 4, '', { submissionFingerprint: 'fp-w2' })],
      record({ responseId: 'r2', ...fromDevice('fp-w2', ['fp-w1']) }),
      error('SURVEY.DUPLICATE_SUBMISSION'),
    ],
    [
      'refuses the same submission resent across a window boundary',
      [opened(), recorded('r1', 4, '', { submissionFingerprint: 'fp-w2' })],
      record({ responseId: 'r2', ...fromDevice('fp-w3', ['fp-w2']) }),
      error('SURVEY.DUPLICATE_SUBMISSION'),
    ],
    [
      'accepts the same device and answers once the window has passed',
      [opened(), recorded('r1', 4, '', { submissionFingerprint: 'fp-w2' })],
      record({ responseId: 'r2', ...fromDevice('fp-w4', ['fp-w3']) }),
      events(recorded('r2')),
    ],
    [
      'a retried response id is not a duplicate',
      [opened(), recorded('r1', 4, '', { respondentKey: 'token-a' })],
      record({ responseId: 'r1', ...fromForm('token-a') }),
      events(),
    ],
    ['refuses a response missing an unsur', [opened()], record({ answers: answers(4).slice(1) }), error('SURVEY.INVALID_ANSWERS')],
    [
      'refuses an answer off the 1..4 scale',
      [opened()],
      record({ answers: [...answers(4).slice(1), { code: 'U1', value: 5 }] }),
      error('SURVEY.INVALID_ANSWERS'),
    ],
    [
      'refuses a response without the extra unsur of the survey',
      [
        opened({
          extraUnsur: [{ code: 'X1', label: 'A' }],
          weights: [...CODES, 'X1'].map((code) => ({ code, weight: 0.1, weightNumerator: 1, weightDenominator: 10 })),
        }),
      ],
      record(),
      error('SURVEY.INVALID_ANSWERS'),
    ],
    ['refuses a response after close', [opened(), recorded('r1'), closedEvent()], record({ responseId: 'r2' }), error('SURVEY.CLOSED')],
    ['records nothing for a retried response after close', [opened(), recorded('r1'), closedEvent()], record({ responseId: 'r1' }), events()],

    // declare the population
    ['refuses declaring a population before the survey is opened', [], declare(1200), error('SURVEY.NOT_OPENED')],
    ['declares the population of an open period with its source', [opened(), recorded('r1')], declare(1200, `  ${SIAK}  `), events(declaredEvent(1200))],
    [
      'corrects an earlier declaration',
      [opened(), declaredEvent(1200)],
      declare(1350, 'Data pemohon SIAK 2025 triwulan I, dikoreksi'),
      events(declaredEvent(1350, 'Data pemohon SIAK 2025 triwulan I, dikoreksi')),
    ],
    ['corrects the source alone', [opened(), declaredEvent(1200)], declare(1200, 'Buku register loket'), events(declaredEvent(1200, 'Buku register loket'))],
    ['corrects a population given at opening before declarations were events', [opened({ declaredPopulation: 250 })], declare(250), events(declaredEvent(250))],
    ['the same declaration again changes nothing', [opened(), declaredEvent(1200)], declare(1200), events()],
    ['refuses a population of 0', [opened()], declare(0), error('SURVEY.INVALID_POPULATION')],
    ['refuses a fractional population', [opened()], declare(12.5), error('SURVEY.INVALID_POPULATION')],
    ['refuses a population above 100,000,000', [opened()], declare(100_000_001), error('SURVEY.INVALID_POPULATION')],
    ['accepts a population of 100,000,000', [opened()], declare(100_000_000), events(declaredEvent(100_000_000))],
    ['refuses a declaration without its source', [opened()], declare(1200, ' '), error('SURVEY.INVALID_POPULATION_SOURCE')],
    ['refuses a source longer than 200 characters', [opened()], declare(1200, 'x'.repeat(201)), error('SURVEY.INVALID_POPULATION_SOURCE')],
    ['refuses declaring a population once the period is closed', [opened(), recorded('r1'), closedEvent()], declare(1200), error('SURVEY.POPULATION_FIXED')],

    // close
    ['refuses closing before the survey is opened', [], close(), error('SURVEY.NOT_OPENED')],
    ['closing twice changes nothing', [opened(), recorded('r1'), closedEvent()], close(), events()],
    ['refuses a negative count of completed requests', [opened()], close(-1), error('SURVEY.INVALID_POPULATION')],

    // publish
    ['refuses publishing an open survey', [opened()], publish(), error('SURVEY.NOT_CLOSED')],
    ['publishes the result', [opened(), recorded('r1'), closedEvent()], publish([' website ', 'website']), events(published)],
    ['refuses publishing without a medium', [opened(), recorded('r1'), closedEvent()], publish([' ']), error('SURVEY.PUBLICATION_MEDIA_REQUIRED')],
    ['publishing in the same medium again changes nothing', [opened(), recorded('r1'), closedEvent(), published], publish(['website']), events()],
    [
      'publishes in a further medium',
      [opened(), recorded('r1'), closedEvent(), published],
      publish(['website', 'office-board']),
      events({ $case: 'skmResultPublished', value: { surveyId: SURVEY, media: ['office-board'], publishedOn: '2025-04-10' } }),
    ],

    // follow-up (rencana tindak lanjut)
    ['refuses planning follow-up before close', [opened()], plan(), error('SURVEY.NOT_CLOSED')],
    ['plans a follow-up item for an unsur', [opened(), recorded('r1'), closedEvent()], plan(), events(planned)],
    ['refuses a follow-up for an unknown unsur', [opened(), recorded('r1'), closedEvent()], plan({ unsurCode: 'U10' }), error('SURVEY.UNKNOWN_UNSUR')],
    ['refuses a follow-up without an action', [opened(), recorded('r1'), closedEvent()], plan({ action: ' ' }), error('SURVEY.INVALID_FOLLOW_UP')],
    ['refuses a follow-up with an invalid due date', [opened(), recorded('r1'), closedEvent()], plan({ dueDate: '30-06-2025' }), error('SURVEY.INVALID_DATE')],
    ['a retried plan changes nothing', [opened(), recorded('r1'), closedEvent(), planned], plan(), events()],
    [
      'refuses reusing an item id for another plan',
      [opened(), recorded('r1'), closedEvent(), planned],
      plan({ action: 'Lain' }),
      error('SURVEY.DUPLICATE_FOLLOW_UP'),
    ],
    ['completes a follow-up item', [opened(), recorded('r1'), closedEvent(), planned], complete(), events(completed)],
    ['refuses completing an unknown item', [opened(), recorded('r1'), closedEvent()], complete(), error('SURVEY.FOLLOW_UP_NOT_FOUND')],
    [
      'refuses completing without evidence',
      [opened(), recorded('r1'), closedEvent(), planned],
      complete({ evidence: '' }),
      error('SURVEY.FOLLOW_UP_EVIDENCE_REQUIRED'),
    ],
    [
      'refuses an invalid completion date',
      [opened(), recorded('r1'), closedEvent(), planned],
      complete({ completedOn: '2025-13-01' }),
      error('SURVEY.INVALID_DATE'),
    ],
    ['completing twice changes nothing', [opened(), recorded('r1'), closedEvent(), planned, completed], complete(), events()],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(surveyDecider, given, when)).toEqual(expected);
  });

  describe('closing the period computes the result', () => {
    const closeResult = (given: SkmSurveyEvent[], completedRequestsInPeriod: number): surveyPb.SkmResult => {
      const outcome = givenWhen(surveyDecider, given, close(completedRequestsInPeriod));
      if (!('events' in outcome) || outcome.events[0]?.$case !== 'skmPeriodClosed') throw new Error(JSON.stringify(outcome));
      expect(outcome.events[0].value.closedAt).toBe(NOW);
      return outcome.events[0].value.result as surveyPb.SkmResult;
    };

    it('scores the worked example 97.31 (A) with the completed requests as population', () => {
      // 31 respondents, 30 of whom gave U1 a 3: IKM = 1086/279 = 3.8925 → 97.31
      const responses = Array.from({ length: 31 }, (_, r): SkmSurveyEvent => {
        const event = recorded(`r${r}`);
        if (r < 30 && event.$case === 'skmResponseRecorded') event.value.answers[0] = { code: 'U1', value: 3 };
        return event;
      });
      const result = closeResult([opened(), ...responses], 34);
      expect(result).toMatchObject({
        respondents: 31,
        ikmConverted: 97.31,
        band: 'A',
        bandLabel: 'Sangat Baik',
        weakestUnsur: 'U1',
        population: 34,
        populationSource: 'completed-requests',
        declaredPopulationSource: '',
        populationDeclaredAt: '',
        completedRequests: 34,
        requiredSample: 31, // formula: 3841·34/(340+3831) = 31.31
        sampleAdequate: true,
        ruleset: 'skm-2017@1',
        provisional: true,
        provisionalParts: ['extraUnsur', 'sampleSize', 'periodKinds'],
      });
      expect(result.ikm.toFixed(3)).toBe('3.892');
      expect(result.unsur[0]).toEqual({ code: 'U1', nrr: 94 / 31, weight: 1 / 9, answerTotal: 94, weightNumerator: 1, weightDenominator: 9 });
    });

    const responses = (count: number): SkmSurveyEvent[] => Array.from({ length: count }, (_, r) => recorded(`r${r}`));

    it('uses a population given at opening, written before declarations were events, over the completed requests', () => {
      const result = closeResult([opened({ declaredPopulation: 100 }), recorded('r1')], 5);
      expect(result).toMatchObject({
        population: 100,
        populationSource: 'declared',
        declaredPopulationSource: '',
        populationDeclaredAt: NOW,
        completedRequests: 5,
        requiredSample: 80,
        sampleAdequate: false,
      });
    });

    it('uses the latest declaration, naming its source and when it was made', () => {
      const corrected = '2025-03-20T02:00:00.000Z';
      const given = [opened(), declaredEvent(1000, 'Perkiraan awal'), ...responses(44), declaredEvent(50, SIAK, corrected)];
      expect(closeResult(given, 0)).toMatchObject({
        respondents: 44,
        population: 50,
        populationSource: 'declared',
        declaredPopulationSource: SIAK,
        populationDeclaredAt: corrected,
        completedRequests: 0,
        requiredSample: 44,
        sampleAdequate: true,
      });
    });

    it.each<[string, number, number, Partial<surveyPb.SkmResult>]>([
      [
        'no completed requests and no declaration: population 0, nothing required, never adequate even with 55 responses',
        0,
        55,
        { population: 0, requiredSample: 0, sampleAdequate: false },
      ],
      ['80 responses for 100 completed requests are adequate', 100, 80, { population: 100, requiredSample: 80, sampleAdequate: true }],
      ['79 responses for 100 completed requests are not', 100, 79, { population: 100, requiredSample: 80, sampleAdequate: false }],
    ])('without a declaration: %s', (_name, completedRequests, respondents, expected) => {
      expect(closeResult([opened(), ...responses(respondents)], completedRequests)).toMatchObject({
        ...expected,
        respondents,
        populationSource: 'completed-requests',
        declaredPopulationSource: '',
        populationDeclaredAt: '',
        completedRequests,
      });
    });

    it('closes an empty survey with no value, band or weakest unsur', () => {
      const result = closeResult([opened()], 0);
      expect(result).toMatchObject({
        respondents: 0,
        ikm: 0,
        ikmConverted: 0,
        band: '',
        bandLabel: '',
        weakestUnsur: '',
        population: 0,
        requiredSample: 0,
        sampleAdequate: false,
      });
    });

    it('scores extra unsur with their explicit weights', () => {
      const weights = [
        ...CODES.map((code) => ({ code, weight: 0.08, weightNumerator: 2, weightDenominator: 25 })),
        { code: 'X1', weight: 0.28, weightNumerator: 7, weightDenominator: 25 },
      ];
      const response: SkmSurveyEvent = {
        $case: 'skmResponseRecorded',
        value: { ...(recorded('r1').value as surveyPb.SkmResponseRecorded), answers: [...answers(4), { code: 'X1', value: 1 }] },
      };
      const result = closeResult([opened({ extraUnsur: [{ code: 'X1', label: 'Kebersihan' }], weights }), response], 1);
      expect(result).toMatchObject({ ikmConverted: 79, band: 'B', weakestUnsur: 'X1' });
    });
  });

  it('opens with explicit weights that the closed result reuses exactly', () => {
    const openOutcome = givenWhen(
      surveyDecider,
      [],
      open({
        unsurSet: { extraUnsur: [{ code: 'X1', label: 'Kebersihan', weight: '1/4' }], regulationWeights: Object.fromEntries(CODES.map((c) => [c, '1/12'])) },
      }),
    );
    if (!('events' in openOutcome)) throw new Error(JSON.stringify(openOutcome));
    const response = givenWhen(surveyDecider, openOutcome.events, record({ answers: [...answers(3), { code: 'X1', value: 2 }] }));
    if (!('events' in response)) throw new Error(JSON.stringify(response));
    const closing = givenWhen(surveyDecider, [...openOutcome.events, ...response.events], close());
    // (3/4 × 3 + 1/4 × 2) × 25 = 68.75
    expect(closing).toMatchObject({ events: [{ value: { result: { ikmConverted: 68.75, band: 'C' } } }] });
  });

  it('resolves the ruleset a survey was opened under, not the current one', () => {
    const stricter: SkmRuleset = {
      ...SKM_2017,
      version: 2,
      conversion: { ...SKM_2017.conversion, factor: 20 },
      bands: SKM_2017.bands.map((b) => ({ ...b, convertedMinHundredths: b.band === 'D' ? 2000 : b.convertedMinHundredths })),
    };
    const decider = createSurveyDecider((ref) => (ref === 'skm-2017@2' ? stricter : undefined));
    const outcome = givenWhen(decider, [opened({ ruleset: 'skm-2017@2' }), recorded('r1', 3)], close());
    expect(outcome).toMatchObject({ events: [{ value: { result: { ikmConverted: 60, band: 'D', ruleset: 'skm-2017@2' } } }] });
    expect(givenWhen(decider, [opened()], close())).toEqual(error('SURVEY.UNKNOWN_RULESET'));
  });

  it('names one stream per tenant, unit and period', () => {
    expect(skmStreamId('kota-banjarmasin', 'disdukcapil', 'quarter', '2025-01-01')).toBe('survey-kota-banjarmasin/disdukcapil/quarter/2025-01-01');
  });

  type SkmStreamParts = Parameters<typeof skmStreamId>;
  it.each<[string, SkmStreamParts, SkmStreamParts]>([
    [
      'two tenants with the same unit and period',
      ['kota-banjarmasin', 'disdukcapil', 'quarter', '2025-01-01'],
      ['kabupaten-banjar', 'disdukcapil', 'quarter', '2025-01-01'],
    ],
    ['a hyphen moved between tenant and unit', ['kota-a', 'b', 'quarter', '2025-01-01'], ['kota', 'a-b', 'quarter', '2025-01-01']],
    [
      'two period kinds starting the same day',
      ['kota-banjarmasin', 'disdukcapil', 'quarter', '2025-01-01'],
      ['kota-banjarmasin', 'disdukcapil', 'year', '2025-01-01'],
    ],
  ])('keeps apart %s', (_name, one, other) => {
    expect(skmStreamId(...one)).not.toBe(skmStreamId(...other));
  });
});

describe('SKM survey rehydration', () => {
  it('folds 5,000 responses and closes in well under a second', () => {
    const many = Array.from({ length: 5000 }, (_, i) => recorded(`r${i}`, 3, `REQ-${i}`));
    const started = performance.now();
    const state = foldEvents(surveyDecider.evolve, surveyDecider.initialState(), [opened(), ...many]);
    const [closing] = surveyDecider.decide(close(6000), state);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(closing).toMatchObject({ value: { result: { respondents: 5000, ikmConverted: 75, band: 'C', requiredSample: 361 } } });
  });
});
