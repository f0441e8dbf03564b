import { DomainError, givenWhen } from '@lib/event-sourcing/domain';
import { type AssessmentCommand, type AssessmentContext, type AssessmentEvent, assessmentDecider, type DraftAnswer } from '../assessment';
import { pekppp2023v2 } from '../ruleset/pekppp-2023-v2';
import { pekppp2023v3 } from '../ruleset/pekppp-2023-v3';
import { scoredIndicators } from '../ruleset/ruleset';

// The self-assessment decider under a ruleset that asks F-01 questions (pekppp-2023 v3), beside one
// that takes a typed 0–5 self score (v2).

const ids = { cycleId: 'cycle-3', unitId: 'disdukcapil' };
const NOW = '2026-04-01T01:00:00.000Z';
const context = (ruleset = pekppp2023v3): AssessmentContext => ({
  ...ids,
  windowStart: '2026-03-01',
  windowEnd: '2026-09-30',
  selfAssessmentDue: '2026-05-31',
  resultsFrozen: false,
  ruleset,
  lokus: { evaluatorIds: ['eva'], leadEvaluatorId: 'eva' },
});
const base = { context: context(), today: '2026-04-01', now: NOW };
const evidence = (indicatorCode: string, evidenceId: string): AssessmentEvent => ({
  $case: 'evidenceAttached',
  value: {
    ...ids,
    indicatorCode,
    evidence: { evidenceId, kind: 'link', name: 'SK', location: 'https://jdih.example.go.id/sk', sha256: '', sizeBytes: 0, mediaType: '' },
  },
});
const save = (answers: DraftAnswer[], ctx = context()): AssessmentCommand => ({ ...base, context: ctx, type: 'SaveSelfAssessmentDraft', answers });
const submit: AssessmentCommand = { ...base, type: 'SubmitSelfAssessment' };

/** Runs the command and returns the DomainError it throws, with its details. */
function refusal(given: AssessmentEvent[], command: AssessmentCommand): DomainError {
  const state = given.reduce(assessmentDecider.evolve, assessmentDecider.initialState());
  try {
    assessmentDecider.decide(command, state);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was accepted');
}

const sp: DraftAnswer = {
  indicatorCode: '1.a.Ak',
  justification: 'SK Kepala Dinas 2025',
  questions: [
    { questionId: '1.a.Ak/a', value: true, evidenceIds: ['ev-sp'] },
    { questionId: '1.a.Ak/a1', value: 12 },
    { questionId: '1.a.Ak/b', value: true },
    { questionId: '1.a.Ak/d', value: true },
  ],
};

describe('an F-01 draft under a ruleset with questions', () => {
  it('records the question answers and the claimed level its Pantau rule derives', () => {
    const outcome = givenWhen(assessmentDecider, [evidence('1.a.Ak', 'ev-sp')], save([sp]));
    expect(outcome).toEqual({
      events: [
        {
          $case: 'selfAssessmentDraftSaved',
          value: {
            ...ids,
            savedAt: NOW,
            answers: [
              {
                indicatorCode: '1.a.Ak',
                score: 3,
                justification: 'SK Kepala Dinas 2025',
                evidenceIds: ['ev-sp'],
                questionAnswers: [
                  { questionId: '1.a.Ak/a', yes: true, optionIds: [], number: 0, text: '', evidenceIds: ['ev-sp'] },
                  { questionId: '1.a.Ak/a1', yes: false, optionIds: [], number: 12, text: '', evidenceIds: [] },
                  { questionId: '1.a.Ak/b', yes: true, optionIds: [], number: 0, text: '', evidenceIds: [] },
                  { questionId: '1.a.Ak/d', yes: true, optionIds: [], number: 0, text: '', evidenceIds: [] },
                ],
                claimedLevelRule: 'pantau/f01/1.a.Ak',
                claimedLevelRuleSource: 'pantau',
              },
            ],
          },
        },
      ],
    });
  });

  it.each<[string, DraftAnswer[], string, string]>([
    [
      'a number where ya/tidak is asked',
      [{ indicatorCode: '1.a.Ak', questions: [{ questionId: '1.a.Ak/a', value: 1 }] }],
      'answers[0].questions[0].value',
      'answer-type',
    ],
    [
      'an answer to a question skipped by Tidak',
      [
        { indicatorCode: '2.a.P', questions: [] },
        {
          indicatorCode: '1.a.Ak',
          questions: [
            { questionId: '1.a.Ak/a', value: false },
            { questionId: '1.a.Ak/c', value: true },
          ],
        },
      ],
      'answers[1].questions[1].value',
      'shown-by-skip-logic',
    ],
    [
      'an option not in the list',
      [
        {
          indicatorCode: '9.a.Ak',
          questions: [
            { questionId: '9.a.Ak/a', value: true },
            { questionId: '9.a.Ak/b', value: '2-bulan' },
          ],
        },
      ],
      'answers[0].questions[1].value',
      'known-option',
    ],
    [
      'an unknown question',
      [{ indicatorCode: '9.a.Ak', questions: [{ questionId: '9.a.Ak/z', value: true }] }],
      'answers[0].questions[0].questionId',
      'known-question',
    ],
    ['a typed score beside the questions', [{ indicatorCode: '9.a.Ak', score: 4, questions: [] }], 'answers[0].score', 'answer-type'],
    [
      'evidence given for the indicator instead of per question',
      [{ indicatorCode: '9.a.Ak', evidenceIds: ['ev-sp'], questions: [{ questionId: '9.a.Ak/a', value: false }] }],
      'answers[0].evidenceIds',
      'answer-type',
    ],
    ['a typed score instead of the questions', [{ indicatorCode: '9.a.Ak', score: 4, justification: 'ada' }], 'answers[0].questions', 'answer-type'],
  ])('refuses %s as bad input naming the field', (_name, answers, field, rule) => {
    const error = refusal([], save(answers));
    expect(error.code).toBe('ASSESSMENT.INVALID_ANSWER');
    expect(error.details?.problems).toEqual([expect.objectContaining({ field, rule })]);
  });

  it('keeps partial answers: a later draft of one indicator replaces only its answers', () => {
    const withEvidence = assessmentDecider.evolve(assessmentDecider.initialState(), evidence('1.a.Ak', 'ev-sp'));
    const [first] = assessmentDecider.decide(save([sp]), withEvidence);
    const state = assessmentDecider.evolve(withEvidence, first);
    const [second] = assessmentDecider.decide(save([{ indicatorCode: '2.a.P', questions: [{ questionId: '2.a.P/a', value: false }] }]), state);
    const after = assessmentDecider.evolve(state, second);
    expect(Object.keys(after.answers)).toEqual(['1.a.Ak', '2.a.P']);
    expect(after.answers['1.a.Ak'].questionAnswers).toHaveLength(4);
    expect(after.answers['2.a.P'].score).toBe(0);
  });
});

/** Every indicator answered with its first question as the least claim (Tidak, nothing ticked, the first option, 0). */
const leastAnswers = (): DraftAnswer[] =>
  scoredIndicators(pekppp2023v3).map((indicator) => {
    const first = indicator.f01?.questions[0];
    if (!first) throw new Error(`${indicator.code} has no questions`);
    const value = { yesNo: false, multi: [], single: first.options?.[0].id ?? '', number: 0, text: 'tidak ada' }[first.type];
    return { indicatorCode: indicator.code, questions: [{ questionId: first.id, value }] };
  });

/** The least answers, with what they leave open answered: 28's four counts, 29's "no initiative". */
const completeAnswers = (): DraftAnswer[] =>
  leastAnswers().map((answer) => {
    if (answer.indicatorCode === '28.e.Ak')
      return { ...answer, questions: ['a', 'b', 'c', 'd'].map((letter) => ({ questionId: `28.e.Ak/${letter}`, value: 0 })) };
    if (answer.indicatorCode === '29.f.B') return { ...answer, questions: [...(answer.questions ?? []), { questionId: '29.f.B/a2', value: 'tidak' }] };
    return answer;
  });

describe('submitting an F-01 with questions', () => {
  const drafted = (answers: DraftAnswer[], given: AssessmentEvent[] = []): AssessmentEvent[] => [
    ...given,
    ...(givenWhen(assessmentDecider, given, save(answers)) as { events: AssessmentEvent[] }).events,
  ];

  it('submits once every shown required question is answered', () => {
    expect(givenWhen(assessmentDecider, drafted(completeAnswers()), submit)).toEqual({
      events: [{ $case: 'selfAssessmentSubmitted', value: { ...ids, submittedAt: NOW, version: 1 } }],
    });
  });

  it('refuses an incomplete one, naming the indicators and the questions', () => {
    const error = refusal(drafted(leastAnswers()), submit);
    expect(error.code).toBe('ASSESSMENT.INCOMPLETE');
    expect(error.details).toEqual({ indicatorCodes: ['28.e.Ak', '29.f.B'], questionIds: ['28.e.Ak/b', '28.e.Ak/c', '28.e.Ak/d', '29.f.B/a2'] });
    expect(error.message).toContain('28.e.Ak/b');
  });

  it('refuses a claim without the bukti dukung its question requires, naming the question', () => {
    const answers = completeAnswers().map((answer) =>
      answer.indicatorCode === '14.b.K' ? { ...answer, questions: [{ questionId: '14.b.K/a', value: ['seragam', '5s'] }] } : answer,
    );
    const error = refusal(drafted(answers), submit);
    expect(error.code).toBe('ASSESSMENT.EVIDENCE_REQUIRED');
    expect(error.details?.problems).toEqual([
      expect.objectContaining({ questionId: '14.b.K/a', field: 'questions[14.b.K/a].evidenceIds', rule: 'evidence-required' }),
    ]);
  });
});

describe('an F-01 draft under a ruleset without questions (pekppp-2023 v2) is as before', () => {
  const v2 = context(pekppp2023v2);

  it('records the typed score and no question answers', () => {
    expect(givenWhen(assessmentDecider, [], save([{ indicatorCode: '1.a.Ak', score: 4, justification: 'ada SK' }], v2))).toEqual({
      events: [
        {
          $case: 'selfAssessmentDraftSaved',
          value: {
            ...ids,
            savedAt: NOW,
            answers: [
              {
                indicatorCode: '1.a.Ak',
                score: 4,
                justification: 'ada SK',
                evidenceIds: [],
                questionAnswers: [],
                claimedLevelRule: '',
                claimedLevelRuleSource: '',
              },
            ],
          },
        },
      ],
    });
  });

  it('refuses question answers there, naming the field', () => {
    const error = refusal([], save([{ indicatorCode: '1.a.Ak', questions: [{ questionId: '1.a.Ak/a', value: true }] }], v2));
    expect(error.code).toBe('ASSESSMENT.INVALID_ANSWER');
    expect(error.details?.problems).toEqual([expect.objectContaining({ field: 'answers[0].questions', rule: 'known-question' })]);
  });
});
