import type { LocalDate } from '@lib/kernel';
import type { FollowUpFigure, SkmFigures, SkmPeriodFigures } from './figures';
import { PROPOSAL_RULES_2023 } from './proposal-rules';
import { latestClosedPeriod, skmFollowUpShare, skmFollowUpSpeed, skmPerRegulation, skmPublicationMedia } from './skm-rules';

const AS_OF = '2025-12-31';

/** Follow-up items: `done` of `planned` completed on `completedOn`. */
function followUps(planned: number, done: number, completedOn: LocalDate = '2025-03-01'): FollowUpFigure[] {
  return Array.from({ length: planned }, (_, k) => ({
    itemId: `rtl-${k}`,
    dueDate: '2025-06-30',
    plannedEventId: `planned-${k}`,
    completion: k < done ? { completedOn, eventId: `completed-${k}` } : null,
  }));
}

function period(overrides: Partial<SkmPeriodFigures> = {}): SkmPeriodFigures {
  return {
    surveyId: 'skm-2025-1',
    periodStart: '2025-01-01',
    periodEnd: '2025-06-30',
    ruleset: 'skm-2017@1',
    openedEventId: 'opened',
    closed: { closedOn: '2025-07-01', eventId: 'closed' },
    responses: 80,
    ikmConverted: 88.5,
    population: { declared: null, completedRequests: { count: 100, eventIds: ['req-1'] } },
    publications: [],
    followUps: [],
    ...overrides,
  };
}
const skm = (...periods: SkmPeriodFigures[]): SkmFigures => ({ asOf: AS_OF, periods });
const published = (...media: string[]) => [{ media, publishedOn: '2025-07-15', eventId: 'published' }];

describe('choosing the SKM period', () => {
  it('takes the latest closed period and ignores an open one', () => {
    const first = period({ surveyId: 'q1', periodEnd: '2025-03-31' });
    const second = period({ surveyId: 'q2', periodEnd: '2025-06-30' });
    const open = period({ surveyId: 'q3', periodEnd: '2025-09-30', closed: null });
    expect(latestClosedPeriod(skm(second, open, first))?.surveyId).toBe('q2');
  });
});

describe('6.a.B skm-per-regulation', () => {
  it.each<[string, SkmFigures, number, RegExp]>([
    ['no SKM at all → 0', skm(), 0, /Belum ada SKM/],
    ['an SKM period still open → 0', skm(period({ closed: null })), 0, /belum ditutup/],
    ['closed under a survey ruleset that is not 14/2017 → 1', skm(period({ ruleset: 'ikm-2004@1' })), 1, /bukan PermenPANRB 14\/2017/],
    [
      'no requests recorded in Pantau: population 0, not adequate even with 55 responses → 1',
      skm(period({ responses: 55, population: { declared: null, completedRequests: { count: 0, eventIds: [] } } })),
      1,
      /populasinya 0/,
    ],
    ['79 responses for a population of 100 (needs 80) → 1', skm(period({ responses: 79 })), 1, /sampel minimal 80/],
    ['80 responses for 100, not published → 2', skm(period()), 2, /belum dipublikasikan pada media non-elektronik/],
    ['published on a website only (electronic without non-electronic) → 2', skm(period({ publications: published('website') })), 2, /non-elektronik/],
    ['published on the office board → 3', skm(period({ publications: published('office-board') })), 3, /belum pada media elektronik/],
    [
      'office board and website, no follow-up done → 4',
      skm(period({ publications: published('office-board', 'website'), followUps: followUps(2, 0) })),
      4,
      /belum ada tindak lanjut/,
    ],
    [
      'office board and website, one follow-up done → 5',
      skm(period({ publications: published('office-board', 'website'), followUps: followUps(2, 1) })),
      5,
      /1 tindak lanjut/,
    ],
  ])('%s', (_name, input, level, explanation) => {
    const proposal = skmPerRegulation(PROPOSAL_RULES_2023, input);
    expect(proposal).toMatchObject({ indicatorCode: '6.a.B', ruleId: 'skm-per-regulation', level, provisional: true });
    expect(proposal.explanation).toMatch(explanation);
  });

  it('says which population it used, and a declared one wins over the completed requests', () => {
    const declared = { population: 1_000, source: 'Data kunjungan 2025', declaredOn: '2025-06-01', eventId: 'declared' };
    const proposal = skmPerRegulation(PROPOSAL_RULES_2023, skm(period({ population: { declared, completedRequests: { count: 100, eventIds: ['req-1'] } } })));
    expect(proposal.level).toBe(1);
    expect(proposal.figures.sample).toMatchObject({
      population: 1_000,
      populationUsed: 'declared',
      completedRequests: 100,
      requiredSample: 278,
      adequate: false,
    });
    expect(proposal.explanation).toContain('populasi yang dinyatakan Bagian Organisasi (Data kunjungan 2025)');
    expect(proposal.sourceEventIds).toEqual(['closed', 'declared', 'opened']);
  });
});

describe('7.a.T skm-publication-media', () => {
  it.each<[string, SkmFigures, number]>([
    ['no closed period → 0', skm(), 0],
    ['not published → 0', skm(period()), 0],
    ['1 kind → 1', skm(period({ publications: published('website') })), 1],
    ['office board and brochure are one kind → 1', skm(period({ publications: published('office-board', 'brochure') })), 1],
    ['2 kinds → 2', skm(period({ publications: published('website', 'brochure') })), 2],
    ['3 kinds → 3', skm(period({ publications: published('website', 'brochure', 'social-media') })), 3],
    ['4 kinds → 4', skm(period({ publications: published('website', 'brochure', 'social-media', 'mobile-app') })), 4],
    ['5 kinds (more than 4) → 5', skm(period({ publications: published('website', 'brochure', 'social-media', 'mobile-app', 'information-kiosk') })), 5],
    ['an unknown medium is not counted → 1', skm(period({ publications: published('website', 'radio') })), 1],
    [
      'a publication after the day the figures stand for is not counted → 0',
      skm(period({ publications: [{ media: ['website'], publishedOn: '2026-01-05', eventId: 'late' }] })),
      0,
    ],
  ])('%s', (_name, input, level) => {
    expect(skmPublicationMedia(PROPOSAL_RULES_2023, input)).toMatchObject({ indicatorCode: '7.a.T', ruleId: 'skm-publication-media', level });
  });
});

describe('8.a.Ak skm-follow-up-share', () => {
  it.each<[string, SkmFigures, number, number | null]>([
    ['no closed period → 0', skm(), 0, null],
    ['no follow-up planned → 0', skm(period()), 0, null],
    ['planned, none done → 1', skm(period({ followUps: followUps(4, 0) })), 1, 0],
    ['29% → 2', skm(period({ followUps: followUps(100, 29) })), 2, 29],
    ['exactly 30% → 3', skm(period({ followUps: followUps(10, 3) })), 3, 30],
    ['exactly 80% → 3', skm(period({ followUps: followUps(10, 8) })), 3, 80],
    ['81% → 4', skm(period({ followUps: followUps(100, 81) })), 4, 81],
    ['99% → 4', skm(period({ followUps: followUps(100, 99) })), 4, 99],
    ['100% → 5', skm(period({ followUps: followUps(3, 3) })), 5, 100],
    ['a third (33.33%) → 3', skm(period({ followUps: followUps(3, 1) })), 3, 33.33],
  ])('%s', (_name, input, level, percent) => {
    const proposal = skmFollowUpShare(PROPOSAL_RULES_2023, input);
    expect(proposal).toMatchObject({ indicatorCode: '8.a.Ak', ruleId: 'skm-follow-up-share', level, ruleSource: { kind: 'kemenpanrb-level-text' } });
    expect(proposal.figures.completedPercent).toBe(percent);
  });

  it('does not count an item completed after the day the figures stand for', () => {
    expect(skmFollowUpShare(PROPOSAL_RULES_2023, skm(period({ followUps: followUps(2, 2, '2026-01-02') }))).level).toBe(1);
  });
});

describe('9.a.Ak skm-follow-up-speed', () => {
  // The report is the first publication, 2025-07-15.
  const doneOn = (completedOn: LocalDate) => skm(period({ publications: published('website'), followUps: followUps(3, 3, completedOn) }));
  it.each<[string, SkmFigures, number]>([
    ['no closed period → 0', skm(), 0],
    ['no follow-up planned → 0', skm(period()), 0],
    ['not every item done → 0', skm(period({ publications: published('website'), followUps: followUps(3, 2) })), 0],
    ['done before the report → 5', doneOn('2025-07-01'), 5],
    ['exactly 1 month → 5', doneOn('2025-08-15'), 5],
    ['1 month and 1 day → 4', doneOn('2025-08-16'), 4],
    ['exactly 3 months → 4', doneOn('2025-10-15'), 4],
    ['3 months and 1 day → 3', doneOn('2025-10-16'), 3],
    ['exactly 6 months → 3', doneOn('2026-01-15'), 3],
    ['6 months and 1 day → 2', doneOn('2026-01-16'), 2],
    ['exactly 9 months → 2', doneOn('2026-04-15'), 2],
    ['9 months and 1 day → 1', doneOn('2026-04-16'), 1],
    ['exactly 12 months → 1', doneOn('2026-07-15'), 1],
    ['12 months and 1 day, slower than every band (gap in the text) → 1', doneOn('2026-07-16'), 1],
  ])('%s', (_name, input, level) => {
    const proposal = skmFollowUpSpeed(PROPOSAL_RULES_2023, { ...input, asOf: '2027-12-31' });
    expect(proposal).toMatchObject({ indicatorCode: '9.a.Ak', ruleId: 'skm-follow-up-speed', level });
  });

  it('counts from the close of the period when the result was never published', () => {
    const proposal = skmFollowUpSpeed(PROPOSAL_RULES_2023, skm(period({ followUps: followUps(1, 1, '2025-08-01') })));
    expect(proposal).toMatchObject({ level: 5, figures: { reportOn: '2025-07-01', reportBasis: 'period-closed' } });
    expect(proposal.explanation).toContain('sejak periode SKM ditutup');
  });
});
