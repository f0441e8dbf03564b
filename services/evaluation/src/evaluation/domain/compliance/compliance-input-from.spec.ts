import type { ComplaintFigure, ServiceStandardFigures, SkmPeriodFigures } from '../proposals/figures';
import type { ProposalInput } from '../proposals/propose-indicators';
import { type ComplianceInputSources, complianceDimensionSources, complianceInputFrom, type ComplianceInputWithSources } from './compliance-input-from';
import type { ComplianceObservations } from './compliance-observations';
import { gradeCompliance } from './grade-compliance';
import { ombudsman2021 } from './ombudsman-2021';
import { ombudsman2022 } from './ombudsman-2022';
import { ombudsman2025 } from './ombudsman-2025';

const PUBLISHED = ['sippn', 'office-board'];

/** A service with all 14 components present, the six service-delivery ones published, less what `change` takes away. */
const service = (
  serviceId: string,
  revisions: string[],
  change: (component: { number: number; present: boolean; publishedOn: readonly string[] }) => {
    number: number;
    present: boolean;
    publishedOn: readonly string[];
  } = (c) => c,
): ServiceStandardFigures => ({
  serviceId,
  name: serviceId,
  components: Array.from({ length: 14 }, (_, k) => change({ number: k + 1, present: true, publishedOn: k < 6 ? PUBLISHED : [] })),
  versions: revisions.map((eventId, r) => ({ revision: r + 1, effectiveOn: '2026-01-01', eventId })),
});

const complaint = (complaintId: string, figure: Partial<ComplaintFigure> = {}): ComplaintFigure => ({
  complaintId,
  channel: 'lapor',
  answered: false,
  resolved: false,
  resolvedWithinDeadline: false,
  breaches: [],
  eventIds: [`${complaintId}-received`],
  ...figure,
});

const period = (surveyId: string, periodEnd: string, result: { ikm: number | null; responses?: number; closedOn?: string } | null): SkmPeriodFigures => ({
  surveyId,
  periodStart: '2026-01-01',
  periodEnd,
  ruleset: 'skm-2017@1',
  openedEventId: `${surveyId}-opened`,
  closed: result ? { closedOn: result.closedOn ?? periodEnd, eventId: `${surveyId}-closed` } : null,
  responses: result ? (result.responses ?? 80) : 0,
  ikmConverted: result ? result.ikm : null,
  population: { declared: null, completedRequests: { count: 0, eventIds: [] } },
  publications: [],
  followUps: [],
});

const figures = (parts: { services?: ServiceStandardFigures[]; complaints?: ComplaintFigure[]; periods?: SkmPeriodFigures[] } = {}): ProposalInput => ({
  scope: { tenantId: 'banjarmasin', unitId: 'disdukcapil', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
  standards: { asOf: '2026-06-30', services: parts.services ?? [] },
  skm: { asOf: '2026-06-30', periods: parts.periods ?? [] },
  complaints: {
    asOf: '2026-06-30',
    complaints: parts.complaints ?? [],
    frontOffice: null,
    accountability: { reported: null, monitored: null, published: null },
  },
  requests: { services: [], completed: [], breaches: [] },
});

type Observed = ComplianceObservations<{ eventId: string }>;
const NOTHING_OBSERVED: Observed = { items: {}, publicTrust: null, maladministration: null };
const NO_SOURCES: ComplianceInputSources = { serviceProducts: [], observedItems: {}, complaints: [], skm: [], publicTrust: [], maladministration: [] };

const ALL_CODES = [
  'persyaratan',
  'prosedur',
  'jangka-waktu',
  'biaya',
  'produk',
  'pengaduan',
  'dasar-hukum',
  'sarana-prasarana',
  'kompetensi-pelaksana',
  'pengawasan-internal',
  'jumlah-pelaksana',
  'jaminan-pelayanan',
  'jaminan-keamanan',
  'evaluasi-kinerja',
];
const without = (...codes: string[]): string[] => ALL_CODES.filter((code) => !codes.includes(code));

describe('complianceInputFrom: what the events say, mapped onto a compliance input', () => {
  it.each<[string, ProposalInput, Observed, Partial<ComplianceInputWithSources['input']>, Partial<ComplianceInputSources>]>([
    [
      'nothing happened yet: no products, no SKM result, no complaint received (which is not "no figures")',
      figures(),
      NOTHING_OBSERVED,
      { serviceProducts: [], observedItems: [], complaints: { received: 0, respondedWithinDeadline: 0, resolvedWithinDeadline: 0 }, skm: null },
      NO_SOURCES,
    ],
    [
      'a standard with every component present and the service-delivery ones published fulfils all 14, from its latest revision',
      figures({ services: [service('ktp', ['ktp-r1', 'ktp-r2'])] }),
      NOTHING_OBSERVED,
      { serviceProducts: [{ productId: 'ktp', fulfilledComponents: ALL_CODES }] },
      { serviceProducts: ['ktp-r2'] },
    ],
    [
      'a service-delivery component not published on any channel is not fulfilled; a manufacturing one needs no publication',
      figures({ services: [service('kk', ['kk-r1'], (c) => (c.number === 3 ? { ...c, publishedOn: [] } : c))] }),
      NOTHING_OBSERVED,
      { serviceProducts: [{ productId: 'kk', fulfilledComponents: without('jangka-waktu') }] },
      { serviceProducts: ['kk-r1'] },
    ],
    [
      'a component without content is not fulfilled, even when published',
      figures({
        services: [service('akta', ['akta-r1'], (c) => (c.number === 4 || c.number === 14 ? { ...c, present: false } : c)), service('ktp', ['ktp-r1'])],
      }),
      NOTHING_OBSERVED,
      {
        serviceProducts: [
          { productId: 'akta', fulfilledComponents: without('biaya', 'evaluasi-kinerja') },
          { productId: 'ktp', fulfilledComponents: ALL_CODES },
        ],
      },
      { serviceProducts: ['akta-r1', 'ktp-r1'] },
    ],
    [
      'a component number outside the 14 reaches the grade as an unknown code',
      figures({ services: [{ ...service('sktm', ['sktm-r1']), components: [{ number: 15, present: true, publishedOn: [] }] }] }),
      NOTHING_OBSERVED,
      { serviceProducts: [{ productId: 'sktm', fulfilledComponents: ['komponen-15'] }] },
      { serviceProducts: ['sktm-r1'] },
    ],
    [
      'complaints: answered without a status breach counts as answered in time; resolved as ComplaintResolved said',
      figures({
        complaints: [
          complaint('c1', { answered: true, resolved: true, resolvedWithinDeadline: true, eventIds: ['c1-received', 'c1-resolved'] }),
          complaint('c2', {
            answered: true,
            resolved: true,
            resolvedWithinDeadline: false,
            breaches: [{ kind: 'status', dueDate: '2026-03-05', eventId: 'c2-status-breach' }],
            eventIds: ['c2-received', 'c2-resolved'],
          }),
          complaint('c3', { answered: true, eventIds: ['c3-received', 'c3-responded'] }),
          complaint('c4'),
        ],
      }),
      NOTHING_OBSERVED,
      { complaints: { received: 4, respondedWithinDeadline: 2, resolvedWithinDeadline: 1 } },
      { complaints: ['c1-received', 'c1-resolved', 'c2-received', 'c2-resolved', 'c2-status-breach', 'c3-received', 'c3-responded', 'c4-received'] },
    ],
    [
      'a reopened complaint is not resolved, whatever its first resolution said',
      figures({
        complaints: [
          complaint('c1', { answered: true, resolved: false, resolvedWithinDeadline: false, eventIds: ['c1-received', 'c1-resolved', 'c1-reopened'] }),
        ],
      }),
      NOTHING_OBSERVED,
      { complaints: { received: 1, respondedWithinDeadline: 1, resolvedWithinDeadline: 0 } },
      { complaints: ['c1-received', 'c1-reopened', 'c1-resolved'] },
    ],
    [
      'SKM: the latest closed period with a result, by period end; an open period has none yet',
      figures({
        periods: [period('s1', '2026-06-30', { ikm: 82.5 }), period('s2', '2026-12-31', null), period('s0', '2026-03-31', { ikm: 90 })],
      }),
      NOTHING_OBSERVED,
      { skm: { ikm: 82.5 } },
      { skm: ['s1-closed'] },
    ],
    [
      'SKM: a period closed without responses has no IKM to take; the one before it counts',
      figures({ periods: [period('s1', '2026-03-31', { ikm: 77.25 }), period('s2', '2026-06-30', { ikm: 0, responses: 0 })] }),
      NOTHING_OBSERVED,
      { skm: { ikm: 77.25 } },
      { skm: ['s1-closed'] },
    ],
    [
      'SKM: two periods ending the same day are told apart by their closing date',
      figures({ periods: [period('s2', '2026-06-30', { ikm: 70, closedOn: '2026-07-02' }), period('s1', '2026-06-30', { ikm: 80, closedOn: '2026-07-05' })] }),
      NOTHING_OBSERVED,
      { skm: { ikm: 80 } },
      { skm: ['s1-closed'] },
    ],
    [
      'observations: items by dimension with the events that recorded them, public trust and the maladministration record',
      figures(),
      {
        items: {
          'input/sarana-prasarana': { dimension: 'input', itemCode: 'sarana-prasarana', score: 2, note: 'loket kurang', eventId: 'obs-2' },
          'input/kompetensi-pelaksana': { dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3, note: '', eventId: 'obs-1' },
        },
        publicTrust: { score: 72.5, source: 'Survei Ombudsman 2026', eventId: 'obs-1' },
        maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 1, note: 'LAHP 12/2026', eventId: 'obs-3' },
      },
      {
        observedItems: [
          { dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3 },
          { dimension: 'input', itemCode: 'sarana-prasarana', score: 2 },
        ],
        publicTrust: { score: 72.5 },
        maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 1 },
      },
      { observedItems: { input: ['obs-1', 'obs-2'] }, publicTrust: ['obs-1'], maladministration: ['obs-3'] },
    ],
  ])('%s', (_name, given, observed, input, sources) => {
    const mapped = complianceInputFrom(given, observed);
    expect(mapped.input).toMatchObject(input);
    expect(mapped.sources).toEqual({ ...NO_SOURCES, ...sources });
    // whatever the events say, the mapped input is one every ruleset grades
    for (const ruleset of [ombudsman2021, ombudsman2022, ombudsman2025]) expect(() => gradeCompliance(ruleset, mapped.input)).not.toThrow();
  });
});

describe('complianceDimensionSources: the events behind each dimension of a ruleset', () => {
  const sources: ComplianceInputSources = {
    serviceProducts: ['std'],
    observedItems: { input: ['obs-items'] },
    complaints: ['complaint'],
    skm: ['skm'],
    publicTrust: ['obs-trust'],
    maladministration: ['obs-malad'],
  };

  it.each([
    ['2021: the standard events behind its one dimension', ombudsman2021, { 'kepatuhan-standar': ['std'] }],
    [
      '2022: each of the four dimensions from its own events',
      ombudsman2022,
      { input: ['obs-items'], proses: ['std'], output: ['skm'], pengaduan: ['complaint'] },
    ],
    [
      '2025: public trust and the maladministration finding too',
      ombudsman2025,
      {
        input: ['obs-items'],
        proses: ['std'],
        output: ['skm'],
        pengaduan: ['complaint'],
        'kepercayaan-masyarakat': ['obs-trust'],
        maladministration: ['obs-malad'],
      },
    ],
  ])('%s', (_name, ruleset, expected) => {
    expect(complianceDimensionSources(ruleset, sources)).toEqual(expected);
  });

  it('names no events for a dimension scored from items when none were recorded for it', () => {
    expect(complianceDimensionSources(ombudsman2022, { ...sources, observedItems: {} }).input).toEqual([]);
  });
});
