import type { EvaluationEvent, evaluationPb } from '@lib/contracts';
import { type TimelineSource, unitTimeline } from './unit-timeline';

const ids = { cycleId: 'pekppp-2026', unitId: 'disdukcapil' };
const AT = '2026-03-02T08:00:00.000Z';
let position = 0;
const source = (event: EvaluationEvent, actorId = 'operator-1', actorRole = 'skpd-operator'): TimelineSource => {
  position += 1;
  return { position: String(position), eventId: `e${position}`, recordedAt: AT, actorId, actorRole, event };
};
const answer = (indicatorCode: string, score: number): evaluationPb.SelfAnswer =>
  ({ indicatorCode, score, justification: '', evidenceIds: [] }) as unknown as evaluationPb.SelfAnswer;
const result = (unitId: string, ipp: number, category: string): evaluationPb.UnitResult =>
  ({
    unitId,
    ipp,
    category,
    aspects: [],
    ippEvaluator: ipp,
    userScore: 0,
    userScoreMerged: false,
    predicate: '',
    ippSelf: 0,
    provisional: false,
    missingIndicatorCodes: [],
    userScoreRespondents: 0,
    userScoreNotMergedReason: '',
  }) as evaluationPb.UnitResult;

describe("a unit's timeline", () => {
  const events = [
    source({ $case: 'cycleOpened', value: { cycleId: ids.cycleId } as evaluationPb.CycleOpened }, 'admin-1', 'admin'),
    source({ $case: 'unitLokusAssigned', value: { ...ids, evaluatorIds: ['ev-1', 'ev-2'], leadEvaluatorId: 'ev-1', kode: 'A' } }, 'admin-1', 'admin'),
    source({ $case: 'unitLokusAssigned', value: { ...ids, unitId: 'dinkes', evaluatorIds: ['ev-3'], leadEvaluatorId: 'ev-3', kode: 'B' } }, 'admin-1', 'admin'),
    source({ $case: 'selfAssessmentDraftSaved', value: { ...ids, answers: [answer('1.a.Ak', 3), answer('2.a.P', 4)], savedAt: AT } }),
    source({ $case: 'selfAssessmentDraftSaved', value: { ...ids, answers: [answer('1.a.Ak', 5), answer('2.a.P', 4)], savedAt: AT } }),
    source({ $case: 'selfAssessmentSubmitted', value: { ...ids, submittedAt: AT, version: 0 } }),
    source(
      {
        $case: 'selfAssessmentReturned',
        value: { ...ids, notes: [{ indicatorCode: '1.a.Ak', note: 'SK belum ditetapkan' }], returnedAt: AT, returnedBy: 'ev-1', version: 1 },
      },
      'ev-1',
      'evaluator',
    ),
    source(
      { $case: 'indicatorScored', value: { ...ids, indicatorCode: '1.a.Ak', evaluatorId: 'ev-1', score: 3, note: 'SP ada', scoredAt: AT } },
      'ev-1',
      'evaluator',
    ),
    source(
      { $case: 'indicatorScored', value: { ...ids, indicatorCode: '1.a.Ak', evaluatorId: 'ev-1', score: 4, note: 'SK ditemukan', scoredAt: AT } },
      'ev-1',
      'evaluator',
    ),
    source(
      { $case: 'indicatorScored', value: { ...ids, indicatorCode: '1.a.Ak', evaluatorId: 'ev-2', score: 2, note: '', scoredAt: AT } },
      'ev-2',
      'evaluator',
    ),
    source(
      {
        $case: 'indicatorProposalChanged',
        value: {
          ...ids,
          indicatorCode: '28.e.Ak',
          level: 3,
          previousLevel: 1,
          sourceEventIds: ['req-9'],
          explanation: '2 dari 3 aduan selesai tepat waktu',
        } as evaluationPb.IndicatorProposalChanged,
      },
      'evaluation',
      'system',
    ),
    source(
      {
        $case: 'complianceGraded',
        value: {
          ...ids,
          rulesetId: 'ombudsman-2025',
          total: 63.94,
          bandCode: 'C',
          label: 'C',
          previousBandCode: 'D',
          previousTotal: 56.4,
          sourceEventIds: ['req-9'],
        } as evaluationPb.ComplianceGraded,
      },
      'evaluation',
      'system',
    ),
    source({
      $case: 'userScoreReceived',
      value: { ...ids, unitId: 'dinkes', score: 4, respondents: 10, quotaMet: true, sourceEventId: 's-1', scoreNumerator: 4, scoreDenominator: 1 },
    }),
    source(
      {
        $case: 'cycleResultsPublished',
        value: {
          cycleId: ids.cycleId,
          rulesetId: 'pekppp-2023',
          rulesetVersion: 2,
          results: [result('disdukcapil', 3.55, 'B'), result('dinkes', 2.1, 'C')],
          publishedAt: AT,
        },
      },
      'admin-1',
      'admin',
    ),
    source(
      {
        $case: 'resultCorrected',
        value: { cycleId: ids.cycleId, result: result('disdukcapil', 3.61, 'B'), reason: 'Salah input indikator 1', correctedAt: AT },
      },
      'admin-1',
      'admin',
    ),
  ];
  const timeline = unitTimeline('disdukcapil', [...events].reverse());

  it('keeps the log order and leaves out what concerns other units or no unit', () => {
    expect(timeline.map((entry) => entry.eventType)).toEqual([
      'unitLokusAssigned',
      'selfAssessmentDraftSaved',
      'selfAssessmentDraftSaved',
      'selfAssessmentSubmitted',
      'selfAssessmentReturned',
      'indicatorScored',
      'indicatorScored',
      'indicatorScored',
      'indicatorProposalChanged',
      'complianceGraded',
      'cycleResultsPublished',
      'resultCorrected',
    ]);
    expect(timeline.map((entry) => Number(entry.position))).toEqual([...timeline.map((entry) => Number(entry.position))].sort((a, b) => a - b));
  });

  it.each([
    { at: 1, field: 'selfScore', before: [null, null], after: [3, 4] },
    { at: 2, field: 'selfScore', before: [3], after: [5] },
    { at: 3, field: 'assessmentStatus', before: ['draft'], after: ['submitted'] },
    { at: 4, field: 'assessmentStatus', before: ['submitted'], after: ['returned'] },
    { at: 5, field: 'evaluatorScore', before: [null], after: [3] },
    { at: 6, field: 'evaluatorScore', before: [3], after: [4] },
    { at: 7, field: 'evaluatorScore', before: [null], after: [2] },
    { at: 8, field: 'proposedLevel', before: [1], after: [3] },
    { at: 10, field: 'ipp', before: [null], after: [3.55] },
    { at: 11, field: 'ipp', before: [3.55], after: [3.61] },
  ])('entry $at shows $field before and after, folded from the earlier events', ({ at, field, before, after }) => {
    const changes = timeline[at].changes.filter((c) => c.field === field);
    expect(changes.map((c) => c.before)).toEqual(before);
    expect(changes.map((c) => c.after)).toEqual(after);
  });

  it('only lists the answers a draft changed, and says whose mark changed', () => {
    expect(timeline[2].changes).toEqual([{ field: 'selfScore', indicatorCode: '1.a.Ak', evaluatorId: null, before: 3, after: 5 }]);
    expect(timeline[7].changes[0]).toMatchObject({ indicatorCode: '1.a.Ak', evaluatorId: 'ev-2' });
  });

  it('carries who acted, the note or reason they gave, and the source events behind computed values', () => {
    expect(timeline[4]).toMatchObject({
      actorId: 'ev-1',
      actorRole: 'evaluator',
      note: '1.a.Ak: SK belum ditetapkan',
      summary: 'F-01 versi 1 dikembalikan ke unit untuk diperbaiki',
    });
    expect(timeline[6].note).toBe('SK ditemukan');
    expect(timeline[8]).toMatchObject({ actorRole: 'system', sourceEventIds: ['req-9'], note: '2 dari 3 aduan selesai tepat waktu' });
    expect(timeline[9].summary).toBe('Nilai kepatuhan ombudsman-2025 menjadi 63,94 (C)');
    expect(timeline[9].changes).toEqual([
      { field: 'complianceTotal', indicatorCode: null, evaluatorId: null, before: 56.4, after: 63.94 },
      { field: 'complianceBand', indicatorCode: null, evaluatorId: null, before: 'D', after: 'C' },
    ]);
    expect(timeline[11].note).toBe('Salah input indikator 1');
  });

  it('tells the phase exceptions and non-submission decisions made for the unit, with their reason', () => {
    const decided = unitTimeline('disdukcapil', [
      source(
        {
          $case: 'cyclePhaseWindowChanged',
          value: {
            cycleId: ids.cycleId,
            phase: 'f02-evaluation',
            start: '2026-04-01',
            end: '2026-05-15',
            previousStart: '',
            previousEnd: '',
            reason: '',
            changedBy: 'admin-1',
            changedAt: AT,
          },
        },
        'admin-1',
        'admin',
      ),
      source(
        {
          $case: 'phaseOverrideGranted',
          value: { ...ids, action: 'f01-fill', until: '2026-02-03', reason: 'server SKPD rusak', grantedBy: 'admin-1', grantedAt: AT },
        },
        'admin-1',
        'admin',
      ),
      source({ $case: 'fieldVisitScoringAllowed', value: { ...ids, reason: 'F-01 tidak masuk', allowedBy: 'admin-1', allowedAt: AT } }, 'admin-1', 'admin'),
    ]);
    expect(decided.map((entry) => [entry.eventType, entry.note])).toEqual([
      ['phaseOverrideGranted', 'server SKPD rusak'],
      ['fieldVisitScoringAllowed', 'F-01 tidak masuk'],
    ]);
  });

  it("tells a unit's first proposal of an indicator from a change, with no value before", () => {
    const [first] = unitTimeline('disdukcapil', [
      source(
        {
          $case: 'indicatorProposalChanged',
          value: { ...ids, indicatorCode: '1.a.Ak', level: 3, previousLevel: -1, sourceEventIds: [] } as unknown as evaluationPb.IndicatorProposalChanged,
        },
        'evaluation',
        'system',
      ),
    ]);
    expect(first.summary).toBe('Usulan pertama 1.a.Ak: level 3');
    expect(first.changes).toEqual([{ field: 'proposedLevel', indicatorCode: '1.a.Ak', evaluatorId: null, before: null, after: 3 }]);
  });

  it('is empty for a unit no event concerns', () => {
    expect(unitTimeline('bappeda', events).map((entry) => entry.eventType)).toEqual([]);
  });
});
