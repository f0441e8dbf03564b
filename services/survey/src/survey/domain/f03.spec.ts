import type { surveyPb } from '@lib/contracts';
import { foldEvents, givenWhen, type DeciderOutcome } from '@lib/event-sourcing/domain';
import { F03_ITEMS, fraction } from '@lib/kernel';
import {
  f03Decider,
  f03ItemProblems,
  f03Report,
  f03Score,
  f03ScoreForDisplay,
  f03StreamId,
  type F03Collection,
  type F03Command,
  type F03Event,
  type F03ItemScore,
  type F03ProofKind,
  type SeenCycle,
} from './f03';

const NOW = '2025-05-02T09:00:00.000Z';
/** A cycle pinned to a ruleset whose F-03 quota is 2..3, with the unit as its lokus. */
const SEEN: SeenCycle = { ruleset: 'pekppp-2023@1', f03Quota: { minimum: 2, maximum: 3, provisional: true }, unitIsLokus: true };

const items = (...scores: number[]): F03ItemScore[] => scores.map((score, i) => ({ item: i + 1, score }));
const allItems = (score: number): F03ItemScore[] => items(...F03_ITEMS.map(() => score));

const opened = (overrides: Partial<surveyPb.F03CollectionOpened> = {}): F03Event => ({
  $case: 'f03CollectionOpened',
  value: {
    cycleId: 'pekppp-2025',
    unitId: 'disdukcapil',
    tenantId: 'banjarmasin',
    minimumQuota: 2,
    maximumQuota: 3,
    ruleset: 'pekppp-2023@1',
    provisional: true,
    openedAt: NOW,
    ...overrides,
  },
});
const recorded = (responseId: string, scores: F03ItemScore[] = allItems(4), proof: F03ProofKind = 'one-time-code', respondentKey = ''): F03Event => ({
  $case: 'f03ResponseRecorded',
  value: {
    cycleId: 'pekppp-2025',
    unitId: 'disdukcapil',
    responseId,
    items: scores,
    recordedAt: NOW,
    verified: proof !== 'none',
    proofKind: proof,
    respondentKey,
  },
});
const unverified = (responseId: string, scores: F03ItemScore[] = allItems(0)): F03Event => recorded(responseId, scores, 'none');
/** As stored before respondent proofs existed: no proof kind. */
const legacy = (responseId: string, scores: F03ItemScore[] = allItems(4)): F03Event => ({
  $case: 'f03ResponseRecorded',
  value: { cycleId: 'pekppp-2025', unitId: 'disdukcapil', responseId, items: scores, recordedAt: NOW, verified: false, proofKind: '', respondentKey: '' },
});
const closedWith = (value: Partial<surveyPb.F03Closed>): F03Event => ({
  $case: 'f03Closed',
  value: {
    cycleId: 'pekppp-2025',
    unitId: 'disdukcapil',
    respondents: 0,
    score: 0,
    quotaMet: false,
    minimumQuota: 2,
    closedAt: NOW,
    ruleset: 'pekppp-2023@1',
    provisional: true,
    itemScoreTotal: 0,
    itemAnswerCount: 0,
    unverifiedRespondents: 0,
    ...value,
  },
});

const open = (overrides: Partial<Extract<F03Command, { type: 'OpenF03Collection' }>> = {}): F03Command => ({
  type: 'OpenF03Collection',
  cycleId: 'pekppp-2025',
  unitId: 'disdukcapil',
  tenantId: 'banjarmasin',
  cycle: SEEN,
  now: NOW,
  ...overrides,
});
const record = (
  responseId = 'f9',
  scores: F03ItemScore[] = allItems(4),
  proof: F03ProofKind = 'one-time-code',
  duplicateCheck?: Extract<F03Command, { type: 'RecordF03Response' }>['duplicateCheck'],
): F03Command => ({
  type: 'RecordF03Response',
  responseId,
  items: scores,
  proof,
  duplicateCheck,
  now: NOW,
});
const fromToken = (respondentKey: string) => ({ kind: 'respondent' as const, respondentKey });
const close: F03Command = { type: 'CloseF03', now: NOW };

const error = (code: string): DeciderOutcome<F03Event> => ({ error: { code } });
const events = (...list: F03Event[]): DeciderOutcome<F03Event> => ({ events: list });

describe('F-03 form', () => {
  it.each<[string, F03ItemScore[], number]>([
    ['every item 0..5 once is complete', allItems(0), 0],
    ['a missing item', allItems(3).slice(1), 1],
    ['an item scored twice', [...allItems(3), { item: 3, score: 2 }], 1],
    ['a score of 6', [...allItems(3).slice(1), { item: 1, score: 6 }], 1],
    ['a negative score', [...allItems(3).slice(1), { item: 1, score: -1 }], 1],
    ['a fractional score', [...allItems(3).slice(1), { item: 1, score: 2.5 }], 1],
    ['an item 15', [...allItems(3), { item: 15, score: 3 }], 1],
  ])('checks a response: %s', (_name, scores, problemCount) => {
    expect(f03ItemProblems(scores)).toHaveLength(problemCount);
  });

  it.each<[string, number, number, ReturnType<typeof fraction>, number]>([
    ['no respondents score 0', 0, 0, fraction(0), 0],
    ['every item 5 scores 5', 14 * 5 * 3, 3, fraction(5), 5],
    ['a mean that does not terminate stays exact: 59/14', 59, 1, fraction(59, 14), 4.21],
    ['half-up at display: exactly 4.205 → 4.21', 5887, 100, fraction(841, 200), 4.21],
  ])('score: %s', (_name, total, respondents, exact, display) => {
    expect(f03Score(total, respondents)).toEqual(exact);
    expect(f03ScoreForDisplay(total, respondents)).toBe(display);
  });
});

describe('F-03 collection decider', () => {
  it.each<[string, F03Event[], F03Command, DeciderOutcome<F03Event>]>([
    ['opens with the quota of the ruleset the cycle pinned', [], open(), events(opened())],
    ['refuses opening twice', [opened()], open(), error('F03.ALREADY_OPENED')],
    ['refuses a cycle the evaluation context never opened', [], open({ cycle: null }), error('CYCLE.NOT_FOUND')],
    ['refuses a unit that is not a lokus of the cycle', [], open({ cycle: { ...SEEN, unitIsLokus: false } }), error('F03.NOT_A_LOKUS')],
    ['refuses a cycle whose ruleset has no user assessment', [], open({ cycle: { ...SEEN, f03Quota: null } }), error('F03.NOT_IN_RULESET')],
    [
      'refuses a minimum above the maximum',
      [],
      open({ cycle: { ...SEEN, f03Quota: { minimum: 21, maximum: 20, provisional: true } } }),
      error('F03.INVALID_QUOTA'),
    ],
    ['refuses a minimum of 0', [], open({ cycle: { ...SEEN, f03Quota: { minimum: 0, maximum: 20, provisional: true } } }), error('F03.INVALID_QUOTA')],
    ['refuses a missing unit', [], open({ unitId: ' ' }), error('F03.INVALID_COLLECTION')],
    ['refuses a response before opening', [], record(), error('F03.NOT_OPENED')],
    ['records a response with its items in form order', [opened()], record('f1', [...allItems(4)].reverse()), events(recorded('f1'))],
    ['records nothing for a retried response id', [opened(), recorded('f1')], record('f1'), events()],
    ['refuses a response missing an item', [opened()], record('f1', allItems(4).slice(0, 13)), error('F03.INVALID_ITEMS')],
    [
      'refuses a score of 6',
      [opened()],
      record(
        'f1',
        items(
          6,
          ...allItems(4)
            .slice(1)
            .map((i) => i.score),
        ),
      ),
      error('F03.INVALID_ITEMS'),
    ],
    ['accepts the last response within the maximum quota', [opened(), recorded('f1'), recorded('f2')], record('f3'), events(recorded('f3'))],
    ['refuses a response beyond the maximum quota', [opened(), recorded('f1'), recorded('f2'), recorded('f3')], record('f4'), error('F03.QUOTA_FULL')],
    ['records a response without a proof as unverified', [opened()], record('f1', allItems(4), 'none'), events(recorded('f1', allItems(4), 'none'))],
    [
      'records a completed-request proof as verified',
      [opened()],
      record('f1', allItems(4), 'completed-request'),
      events(recorded('f1', allItems(4), 'completed-request')),
    ],
    [
      'accepts an unproven response when proven ones filled the quota: it does not count anyway',
      [opened(), recorded('f1'), recorded('f2'), recorded('f3')],
      record('f4', allItems(4), 'none'),
      events(recorded('f4', allItems(4), 'none')),
    ],
    [
      'unproven responses never fill the quota',
      [opened(), unverified('u1'), unverified('u2'), unverified('u3'), unverified('u4')],
      record('f1'),
      events(recorded('f1')),
    ],
    [
      'a response stored before proofs existed fills the quota as it did then',
      [opened(), legacy('f1'), legacy('f2'), legacy('f3')],
      record('f4'),
      error('F03.QUOTA_FULL'),
    ],
    [
      "records a form token's first response with its key",
      [opened()],
      record('f1', allItems(4), 'none', fromToken('key-1')),
      events(recorded('f1', allItems(4), 'none', 'key-1')),
    ],
    [
      'refuses a second response from the same form token, proven or not',
      [opened(), recorded('f1', allItems(4), 'none', 'key-1')],
      record('f2', allItems(3), 'one-time-code', fromToken('key-1')),
      error('F03.DUPLICATE_RESPONDENT'),
    ],
    [
      'records another form token on the same collection',
      [opened(), recorded('f1', allItems(4), 'none', 'key-1')],
      record('f2', allItems(4), 'none', fromToken('key-2')),
      events(recorded('f2', allItems(4), 'none', 'key-2')),
    ],
    [
      'leaves a device without a token to the resend check of the handler',
      [opened(), recorded('f1', allItems(4), 'none')],
      record('f2', allItems(4), 'none', { kind: 'device', fingerprint: 'fp', earlierFingerprints: [] }),
      events(recorded('f2', allItems(4), 'none')),
    ],
    ['refuses an unproven response after close', [opened(), closedWith({})], record('f2', allItems(4), 'none'), error('F03.CLOSED')],
    ['refuses a response after close', [opened(), recorded('f1'), closedWith({})], record('f2'), error('F03.CLOSED')],
    ['refuses closing before opening', [], close, error('F03.NOT_OPENED')],
    ['closing twice changes nothing', [opened(), closedWith({})], close, events()],
    [
      'closes below the minimum quota: quota not met',
      [opened(), recorded('f1')],
      close,
      events(closedWith({ respondents: 1, score: 4, quotaMet: false, itemScoreTotal: 56, itemAnswerCount: 14 })),
    ],
    [
      'closes at the minimum quota with the exact mean: quota met',
      [opened(), recorded('f1', allItems(5)), recorded('f2', items(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4))],
      close,
      events(closedWith({ respondents: 2, score: 139 / 28, quotaMet: true, itemScoreTotal: 139, itemAnswerCount: 28 })),
    ],
    ['closes an empty collection with score 0', [opened()], close, events(closedWith({}))],
    [
      'closes with the score of proven respondents only, the unproven counted apart',
      [opened(), unverified('u1'), recorded('f1', allItems(3)), unverified('u2', allItems(5)), legacy('f2', allItems(5))],
      close,
      events(closedWith({ respondents: 2, score: 4, quotaMet: true, itemScoreTotal: 112, itemAnswerCount: 28, unverifiedRespondents: 2 })),
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(f03Decider, given, when)).toEqual(expected);
  });

  it('names one stream per tenant, cycle and unit lokus', () => {
    expect(f03StreamId('kota-banjarmasin', 'pekppp-2025', 'disdukcapil')).toBe('f03-kota-banjarmasin/pekppp-2025/disdukcapil');
  });

  it.each<[string, [string, string, string], [string, string, string]]>([
    ['two tenants with the same cycle and unit ids', ['kota-banjarmasin', 'pekppp-2025', 'disdukcapil'], ['kabupaten-banjar', 'pekppp-2025', 'disdukcapil']],
    ['a hyphen moved between cycle and unit', ['kota-banjarmasin', 'pekppp-2025', 'dinkes'], ['kota-banjarmasin', 'pekppp', '2025-dinkes']],
    ['a hyphen moved between tenant and cycle', ['kota-a', 'b', 'dinkes'], ['kota', 'a-b', 'dinkes']],
  ])('keeps apart %s', (_name, one, other) => {
    expect(f03StreamId(...one)).not.toBe(f03StreamId(...other));
  });
});

describe('F-03 report', () => {
  const reportOf = (...history: F03Event[]) => {
    const state: F03Collection = foldEvents(f03Decider.evolve, f03Decider.initialState(), history);
    if (state.status === 'none') throw new Error('not opened');
    return f03Report(state);
  };

  it('reports an empty collection: score 0, no weakest items, quota not met', () => {
    expect(reportOf(opened())).toMatchObject({
      status: 'open',
      respondents: 0,
      score: 0,
      quota: { minimum: 2, maximum: 3, met: false, provisional: true },
      weakestItems: [],
    });
  });

  it('means per item and per aspect, and the weakest items, from two respondents', () => {
    // toilets (10) and parking (8) score low; everything else 4 or 5
    const first = items(4, 4, 4, 4, 5, 5, 5, 1, 4, 1, 4, 4, 4, 5);
    const second = items(5, 5, 5, 5, 4, 4, 4, 2, 4, 2, 4, 4, 4, 4);
    const report = reportOf(opened(), recorded('f1', first), recorded('f2', second));
    expect(report.respondents).toBe(2);
    expect(report.quota.met).toBe(true);
    expect(report.items.find((i) => i.item === 8)).toEqual({ item: 8, aspect: 'III', name: 'Tempat parkir', mean: 1.5 });
    expect(report.weakestItems).toEqual([8, 10]);
    expect(report.aspects).toEqual([
      { aspect: 'I', name: 'Kebijakan Pelayanan', mean: 4.5 },
      { aspect: 'II', name: 'Profesionalisme SDM', mean: 4.5 },
      // (1+4+1+4 + 2+4+2+4) / 8 = 22/8
      { aspect: 'III', name: 'Sarana Prasarana', mean: 2.75 },
      { aspect: 'IV', name: 'Sistem Informasi Pelayanan Publik', mean: 4 },
      { aspect: 'V', name: 'Konsultasi dan Pengaduan', mean: 4.5 },
    ]);
    // (54 + 56) / 28 = 3.928…
    expect(report.score).toBe(3.93);
  });

  it('reports unproven responses apart, out of the means', () => {
    const report = reportOf(opened(), unverified('u1'), recorded('f1', allItems(4)), unverified('u2'));
    expect(report).toMatchObject({ respondents: 1, unverifiedRespondents: 2, score: 4, quota: { met: false } });
    expect(report.items.every((i) => i.mean === 4)).toBe(true);
  });

  it('says closed once the collection is closed', () => {
    expect(reportOf(opened(), recorded('f1'), closedWith({})).status).toBe('closed');
  });
});
