import type { evaluationPb } from '@lib/contracts';
import type { AssessmentEvent } from './assessment';
import {
  canonicalJson,
  changedSinceReview,
  diffVersions,
  evolveF01History,
  type F01History,
  type F01Version,
  fingerprintsOf,
  initialF01History,
  marksToRecheck,
} from './f01-versions';

const ids = { cycleId: 'cycle-1', unitId: 'disdukcapil' };
const NOW = '2026-04-01T01:00:00.000Z';

const answer = (indicatorCode: string, score = 4, justification = 'ada SK', evidenceIds: string[] = []): evaluationPb.SelfAnswer => ({
  indicatorCode,
  score,
  justification,
  evidenceIds,
  questionAnswers: [],
  claimedLevelRule: '',
  claimedLevelRuleSource: '',
});
const file = (evidenceId: string, sha: string, name = `${evidenceId}.pdf`): evaluationPb.Evidence => ({
  evidenceId,
  kind: 'file',
  name,
  location: `sha256:${sha}`,
  sha256: sha.repeat(64 / sha.length),
  sizeBytes: 10,
  mediaType: 'application/pdf',
});
const link = (evidenceId: string, url: string): evaluationPb.Evidence => ({
  evidenceId,
  kind: 'link',
  name: 'tautan',
  location: url,
  sha256: '',
  sizeBytes: 0,
  mediaType: '',
});
type Indicators = F01Version['indicators'];
const one = (code: string, given: Partial<Indicators[string]>): Indicators => ({ [code]: { answer: answer(code), evidence: [], ...given } });

describe('diffVersions', () => {
  const base: Indicators = { ...one('1.a.Ak', { evidence: [file('ev-1', 'a')] }), ...one('1.b.Ak', {}) };
  it.each<[string, Indicators, Indicators, ReturnType<typeof diffVersions>]>([
    ['unchanged: nothing listed', base, structuredClone(base), []],
    [
      'added indicator',
      one('1.a.Ak', {}),
      { ...one('1.a.Ak', {}), ...one('2.a.Ak', {}) },
      [{ indicatorCode: '2.a.Ak', change: 'added', answerChanged: true, evidenceChanged: false }],
    ],
    [
      'removed indicator',
      { ...one('1.a.Ak', {}), ...one('2.a.Ak', {}) },
      one('1.a.Ak', {}),
      [{ indicatorCode: '2.a.Ak', change: 'removed', answerChanged: true, evidenceChanged: false }],
    ],
    [
      'changed score',
      one('1.a.Ak', {}),
      one('1.a.Ak', { answer: answer('1.a.Ak', 5) }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: true, evidenceChanged: false }],
    ],
    [
      'changed justification',
      one('1.a.Ak', {}),
      one('1.a.Ak', { answer: answer('1.a.Ak', 4, 'SK sudah ditandatangani') }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: true, evidenceChanged: false }],
    ],
    [
      'a field the answer comes to hold is compared too',
      one('1.a.Ak', {}),
      one('1.a.Ak', {
        answer: { ...answer('1.a.Ak'), questionAnswers: [{ questionId: '1.a.Ak/a', yes: true, optionIds: [], number: 0, text: '', evidenceIds: [] }] },
      }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: true, evidenceChanged: false }],
    ],
    [
      'evidence added',
      one('1.a.Ak', {}),
      one('1.a.Ak', { evidence: [file('ev-1', 'a')] }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: false, evidenceChanged: true }],
    ],
    [
      'evidence file replaced by another content',
      one('1.a.Ak', { evidence: [file('ev-1', 'a')] }),
      one('1.a.Ak', { evidence: [file('ev-1', 'b')] }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: false, evidenceChanged: true }],
    ],
    [
      'answer and evidence both changed',
      one('1.a.Ak', {}),
      one('1.a.Ak', { answer: answer('1.a.Ak', 2), evidence: [link('ev-2', 'https://x.go.id/sk')] }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: true, evidenceChanged: true }],
    ],
    [
      'the same evidence in another order is unchanged',
      one('1.a.Ak', { evidence: [file('ev-1', 'a'), file('ev-2', 'b')] }),
      one('1.a.Ak', { evidence: [file('ev-2', 'b'), file('ev-1', 'a')] }),
      [],
    ],
    [
      'evidence without an answer, then answered',
      { '1.a.Ak': { answer: null, evidence: [file('ev-1', 'a')] } },
      one('1.a.Ak', { evidence: [file('ev-1', 'a')] }),
      [{ indicatorCode: '1.a.Ak', change: 'changed', answerChanged: true, evidenceChanged: false }],
    ],
  ])('%s', (_name, from, to, expected) => {
    expect(diffVersions(from, to)).toEqual(expected);
  });
});

describe('canonicalJson', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['key order does not matter', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    ['array order does', [1, 2], [2, 1], false],
    ['an undefined field is as if absent', { a: 1, b: undefined }, { a: 1 }, true],
    ['nested objects are sorted too', { x: { b: 1, a: 2 } }, { x: { a: 2, b: 1 } }, true],
  ])('%s', (_name, a, b, same) => {
    expect(canonicalJson(a) === canonicalJson(b)).toBe(same);
  });
});

const draft = (...answers: evaluationPb.SelfAnswer[]): AssessmentEvent => ({ $case: 'selfAssessmentDraftSaved', value: { ...ids, answers, savedAt: NOW } });
const attach = (indicatorCode: string, evidence: evaluationPb.Evidence): AssessmentEvent => ({
  $case: 'evidenceAttached',
  value: { ...ids, indicatorCode, evidence },
});
const submitted = (version = 1): AssessmentEvent => ({ $case: 'selfAssessmentSubmitted', value: { ...ids, submittedAt: NOW, version } });
const returned = (version = 1): AssessmentEvent => ({
  $case: 'selfAssessmentReturned',
  value: { ...ids, notes: [{ indicatorCode: '1.a.Ak', note: 'SK belum ditandatangani' }], returnedAt: NOW, returnedBy: 'eva', version },
});
const resubmitted = (version = 2): AssessmentEvent => ({
  $case: 'selfAssessmentResubmitted',
  value: { ...ids, resubmittedAt: '2026-04-10T01:00:00.000Z', version },
});
const verified = (version: number): AssessmentEvent => ({ $case: 'selfAssessmentVerified', value: { ...ids, verifiedAt: NOW, verifiedBy: 'eva', version } });
const scored = (indicatorCode: string, evaluatorId = 'eva'): AssessmentEvent => ({
  $case: 'indicatorScored',
  value: { ...ids, indicatorCode, evaluatorId, score: 3, note: 'cek', scoredAt: NOW },
});
const historyOf = (...events: AssessmentEvent[]): F01History => events.reduce(evolveF01History, initialF01History());

describe('F-01 history', () => {
  const firstRound = [draft(answer('1.a.Ak'), answer('1.b.Ak')), attach('1.a.Ak', file('ev-1', 'a')), submitted()];

  it('freezes a version at each submission and keeps the earlier ones as they were', () => {
    const history = historyOf(...firstRound, returned(), draft(answer('1.a.Ak', 5)), resubmitted());
    expect(history.versions.map(({ version, kind }) => [version, kind])).toEqual([
      [1, 'submitted'],
      [2, 'resubmitted'],
    ]);
    expect(history.versions[0].indicators['1.a.Ak'].answer?.score).toBe(4);
    expect(history.versions[1].indicators['1.a.Ak'].answer?.score).toBe(5);
    expect(history.versions[1].frozenAt).toBe('2026-04-10T01:00:00.000Z');
  });

  it('counts versions of events recorded before versions were numbered', () => {
    const history = historyOf(draft(answer('1.a.Ak')), submitted(0), returned(0), resubmitted(0), verified(0));
    expect(history.versions.map(({ version }) => version)).toEqual([1, 2]);
    expect(history.returnedVersion).toBe(1);
    expect(history.verifiedVersion).toBe(2);
  });

  it.each<[string, AssessmentEvent[], string[]]>([
    ['nothing reviewed yet: nothing to compare', firstRound, []],
    ['returned and not resubmitted: nothing newer', [...firstRound, returned()], []],
    ['resubmitted after a return: the changed indicator', [...firstRound, returned(), draft(answer('1.a.Ak', 5)), resubmitted()], ['1.a.Ak']],
    ['resubmitted unchanged: nothing', [...firstRound, returned(), resubmitted()], []],
    ['evidence attached before resubmitting', [...firstRound, returned(), attach('1.b.Ak', file('ev-2', 'b')), resubmitted()], ['1.b.Ak']],
    ['compared with the verified version rather than an older return', [...firstRound, returned(), draft(answer('1.a.Ak', 5)), resubmitted(), verified(2)], []],
  ])('changed since review: %s', (_name, events, codes) => {
    expect(changedSinceReview(historyOf(...events)).map((change) => change.indicatorCode)).toEqual(codes);
  });

  it.each<[string, AssessmentEvent[], { indicatorCode: string; evaluatorId: string; markedOnVersion: number }[]]>([
    ['marks on the current version stand', [...firstRound, scored('1.a.Ak'), scored('1.b.Ak')], []],
    [
      'a mark on an indicator changed since is to be rechecked; the unchanged one stays',
      [...firstRound, scored('1.a.Ak'), scored('1.b.Ak'), returned(), draft(answer('1.a.Ak', 5)), resubmitted()],
      [{ indicatorCode: '1.a.Ak', evaluatorId: 'eva', markedOnVersion: 1 }],
    ],
    ['scoring it again clears the flag', [...firstRound, scored('1.a.Ak'), returned(), draft(answer('1.a.Ak', 5)), resubmitted(), scored('1.a.Ak')], []],
    [
      "another evaluator's mark is flagged on its own",
      [...firstRound, scored('1.a.Ak'), scored('1.a.Ak', 'budi'), returned(), draft(answer('1.a.Ak', 5)), resubmitted(), scored('1.a.Ak')],
      [{ indicatorCode: '1.a.Ak', evaluatorId: 'budi', markedOnVersion: 1 }],
    ],
  ])('marks to recheck: %s', (_name, events, expected) => {
    expect(marksToRecheck(historyOf(...events))).toEqual(expected.map((mark) => ({ ...mark, latestVersion: 2 })));
  });
});

describe('fingerprintsOf', () => {
  const version = (indicators: Indicators): F01Version => ({ version: 1, kind: 'submitted', frozenAt: NOW, indicators });
  const print = (indicators: Indicators) => fingerprintsOf(version(indicators)).map((fingerprint) => fingerprint.answerAndEvidence);

  it.each<[string, Indicators, Indicators, boolean]>([
    [
      'the same answer and the same files under other ids and names are identical',
      one('1.a.Ak', { answer: answer('1.a.Ak', 4, 'ada SK', ['ev-1']), evidence: [file('ev-1', 'a', 'SK.pdf')] }),
      one('1.a.Ak', { answer: answer('1.a.Ak', 4, 'ada SK', ['x-9']), evidence: [file('x-9', 'a', 'salinan.pdf')] }),
      true,
    ],
    [
      'another justification is not',
      one('1.a.Ak', { evidence: [file('ev-1', 'a')] }),
      one('1.a.Ak', { answer: answer('1.a.Ak', 4, 'lain'), evidence: [file('ev-1', 'a')] }),
      false,
    ],
    ['another file is not', one('1.a.Ak', { evidence: [file('ev-1', 'a')] }), one('1.a.Ak', { evidence: [file('ev-1', 'b')] }), false],
    [
      'the same link is',
      one('1.a.Ak', { evidence: [link('ev-1', 'https://x.go.id/sk')] }),
      one('1.a.Ak', { evidence: [link('ev-7', 'https://x.go.id/sk')] }),
      true,
    ],
  ])('%s', (_name, a, b, identical) => {
    expect(print(a)[0] === print(b)[0]).toBe(identical);
  });

  it('gives no fingerprint to an indicator without evidence: identical bare answers are common', () => {
    expect(fingerprintsOf(version(one('1.a.Ak', {})))).toEqual([]);
  });

  it('lists the files of an indicator by content hash and name', () => {
    expect(fingerprintsOf(version(one('1.a.Ak', { evidence: [file('ev-1', 'a', 'SK.pdf'), link('ev-2', 'https://x.go.id')] })))[0].files).toEqual([
      { sha256: 'a'.repeat(64), name: 'SK.pdf' },
    ]);
  });
});
