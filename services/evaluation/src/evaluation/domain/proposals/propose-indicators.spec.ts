import { findIndicator } from '../ruleset/ruleset';
import { pekppp2023 } from '../ruleset/pekppp-2023';
import { PROPOSAL_RULES_2023, type RuleEntry } from './proposal-rules';
import { proposeIndicators, type ProposalInput } from './propose-indicators';

const input: ProposalInput = {
  scope: { tenantId: 'banjarmasin', unitId: 'disdukcapil', periodStart: '2025-01-01', periodEnd: '2025-12-31' },
  standards: {
    asOf: '2025-12-31',
    services: [
      {
        serviceId: 'ktp',
        name: 'Penerbitan KTP-el',
        components: Array.from({ length: 14 }, (_, k) => ({ number: k + 1, present: true, publishedOn: k < 6 ? ['sippn', 'website', 'office-board'] : [] })),
        versions: [
          { revision: 1, effectiveOn: '2024-02-01', eventId: 'std-1' },
          { revision: 2, effectiveOn: '2025-02-01', eventId: 'std-2' },
        ],
      },
    ],
  },
  skm: {
    asOf: '2025-12-31',
    periods: [
      {
        surveyId: 'skm-2025',
        periodStart: '2025-01-01',
        periodEnd: '2025-06-30',
        ruleset: 'skm-2017@1',
        openedEventId: 'skm-opened',
        closed: { closedOn: '2025-07-01', eventId: 'skm-closed' },
        responses: 55,
        ikmConverted: 90.12,
        population: { declared: null, completedRequests: { count: 0, eventIds: [] } },
        publications: [{ media: ['office-board', 'website'], publishedOn: '2025-07-10', eventId: 'skm-published' }],
        followUps: [{ itemId: 'rtl-1', dueDate: '2025-09-30', plannedEventId: 'rtl-planned', completion: { completedOn: '2025-08-01', eventId: 'rtl-done' } }],
      },
    ],
  },
  complaints: {
    asOf: '2025-12-31',
    complaints: [
      {
        complaintId: 'c1',
        channel: 'lapor',
        answered: true,
        resolved: true,
        resolvedWithinDeadline: true,
        breaches: [],
        eventIds: ['c1-received', 'c1-resolved'],
      },
      {
        complaintId: 'c2',
        channel: 'in-person',
        answered: true,
        resolved: true,
        resolvedWithinDeadline: true,
        breaches: [],
        eventIds: ['c2-received', 'c2-resolved'],
      },
    ],
    frontOffice: null,
    accountability: { reported: null, monitored: null, published: null },
  },
  requests: { services: [{ serviceId: 'ktp', name: 'Penerbitan KTP-el' }], completed: [], breaches: [] },
};

const entries = Object.values(PROPOSAL_RULES_2023).filter(
  (value): value is RuleEntry<unknown> => typeof value === 'object' && value !== null && 'ruleId' in value,
);

describe('proposing every indicator events can evidence', () => {
  const set = proposeIndicators(PROPOSAL_RULES_2023, input);

  it('keeps the set for its tenant, unit and period under the proposal ruleset it used', () => {
    expect(set.scope).toEqual(input.scope);
    expect(set.rules).toEqual({ id: 'pekppp-2023-proposals', version: 1, forRuleset: 'pekppp-2023' });
  });

  it('proposes indicators 1, 3, 4, 6, 7, 8, 9, 26, 27 and 28 in the instrument order', () => {
    expect(set.proposals.map((p) => p.indicatorCode)).toEqual([
      '1.a.Ak',
      '3.a.T',
      '4.a.K',
      '6.a.B',
      '7.a.T',
      '8.a.Ak',
      '9.a.Ak',
      '26.e.P',
      '27.e.Ak',
      '28.e.Ak',
    ]);
  });

  it.each<[string, number]>([
    ['1.a.Ak', 3],
    ['3.a.T', 3],
    ['4.a.K', 5],
    ['6.a.B', 1],
    ['7.a.T', 2],
    ['8.a.Ak', 5],
    ['9.a.Ak', 5],
    ['26.e.P', 3],
    ['27.e.Ak', 1],
    ['28.e.Ak', 5],
  ])('proposes %s at level %i for the worked unit', (code, level) => {
    expect(set.proposals.find((p) => p.indicatorCode === code)?.level).toBe(level);
  });

  it('gives each proposal a sentence, its events sorted once each, and a provisional flag with its source', () => {
    for (const proposal of set.proposals) {
      expect(proposal.explanation).toMatch(/^\S.*\.$/);
      expect(proposal.sourceEventIds).toEqual([...new Set(proposal.sourceEventIds)].sort());
      expect(proposal.sourceEventIds.length).toBeGreaterThan(0);
      expect(proposal.provisionalSource).not.toBe('');
      expect(proposal.ruleSource.reason).not.toBe('');
    }
  });

  it('shows request SLA compliance per service type beside the proposals', () => {
    expect(set.requestSla).toEqual([expect.objectContaining({ serviceId: 'ktp', completed: 0, onTimePercent: null, breaches: [] })]);
  });
});

describe('the proposal ruleset pekppp-2023-proposals v1', () => {
  it.each<[string, number, RegExp]>([
    ['1.a.Ak', 1, /Standar Pelayanan/],
    ['3.a.T', 3, /publikasi komponen service delivery/],
    ['4.a.K', 4, /Peninjauan ulang/],
    ['6.a.B', 6, /Survei Kepuasan Masyarakat/],
    ['7.a.T', 7, /publikasi hasil SKM/],
    ['8.a.Ak', 8, /tindak lanjut hasil SKM/],
    ['9.a.Ak', 9, /Kecepatan tindak lanjut/],
    ['26.e.P', 26, /SP4N-LAPOR/],
    ['27.e.Ak', 27, /Akuntabilitas/],
    ['28.e.Ak', 28, /Tindak lanjut konsultasi/],
  ])('%s is indicator %i of pekppp-2023 as the instrument numbers it', (code, no, name) => {
    const found = findIndicator(pekppp2023, code);
    expect(found?.indicator.no).toBe(no);
    expect(found?.indicator.name).toMatch(name);
  });

  it.each(entries.map((entry) => [entry.ruleId, entry] as const))(
    '%s names a pekppp-2023 indicator, its source, and says whose mapping it is',
    (_id, entry) => {
      expect(findIndicator(pekppp2023, entry.indicatorCode)).toBeDefined();
      expect(entry.source).not.toBe('');
      expect(['kemenpanrb-level-text', 'pantau']).toContain(entry.ruleSource.kind);
    },
  );

  it('gives every rule its own id', () => {
    const ids = entries.map((entry) => entry.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
