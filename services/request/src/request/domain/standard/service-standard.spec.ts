import { foldEvents, givenWhen } from '@lib/event-sourcing/domain';
import {
  evaluateCompleteness,
  serviceStandardDecider as decider,
  standardInForce,
  STANDARD_COMPONENTS,
  type ComponentContent,
  type ServiceStandardCommand,
  type ServiceStandardEvent,
} from './service-standard';

const everywhere = ['office-board', 'website', 'sippn'];
const allComponents = (): ComponentContent[] =>
  STANDARD_COMPONENTS.map((c) => ({ number: c.number, content: `${c.name}: isi`, publishedOn: c.group === 'service-delivery' ? everywhere : [] }));
const without = (n: number) => allComponents().filter((c) => c.number !== n);
const unpublished = (n: number) => allComponents().map((c) => (c.number === n ? { ...c, publishedOn: [] } : c));

const publish = (overrides: Partial<Extract<ServiceStandardCommand, { type: 'PublishServiceStandard' }>> = {}): ServiceStandardCommand => ({
  type: 'PublishServiceStandard',
  serviceId: 'svc-ktp',
  unitId: 'disdukcapil',
  name: 'Penerbitan KTP-el',
  components: allComponents(),
  completionWorkingDays: 3,
  costRupiah: 0,
  requirements: ['Fotokopi KK', 'Surat pengantar RT/RW'],
  product: 'KTP-el',
  effectiveAt: '2025-01-02T00:00:00Z',
  ...overrides,
});

const revise = (overrides: Partial<Extract<ServiceStandardCommand, { type: 'ReviseServiceStandard' }>> = {}): ServiceStandardCommand => ({
  ...publish(),
  type: 'ReviseServiceStandard',
  completionWorkingDays: 2,
  reason: 'Hasil Forum Konsultasi Publik 2025',
  effectiveAt: '2025-06-02T00:00:00Z',
  ...overrides,
});

const published: ServiceStandardEvent = {
  $case: 'serviceStandardPublished',
  value: {
    serviceId: 'svc-ktp',
    unitId: 'disdukcapil',
    name: 'Penerbitan KTP-el',
    revision: 1,
    components: allComponents().map((c) => ({ ...c, publishedOn: [...c.publishedOn].sort() })),
    completionWorkingDays: 3,
    costRupiah: 0,
    requirements: ['Fotokopi KK', 'Surat pengantar RT/RW'],
    product: 'KTP-el',
    effectiveAt: '2025-01-02T00:00:00Z',
    complete: true,
    missingComponents: [],
    unpublishedComponents: [],
  },
};

describe('evaluateCompleteness', () => {
  it.each([
    ['all 14 with content, delivery published', allComponents(), true, [], []],
    ['an internal component absent', without(9), false, [9], []],
    ['a delivery component absent (also unpublished)', without(4), false, [4], [4]],
    ['a delivery component with blank content (also unpublished)', allComponents().map((c) => (c.number === 2 ? { ...c, content: '  ' } : c)), false, [2], [2]],
    ['a delivery component not published', unpublished(6), false, [], [6]],
    ['internal components need not be published', allComponents().map((c) => (c.number > 6 ? { ...c, publishedOn: [] } : c)), true, [], []],
    ['nothing at all', [], false, STANDARD_COMPONENTS.map((c) => c.number), [1, 2, 3, 4, 5, 6]],
  ])('%s', (_name, components, complete, missing, unpublishedNumbers) => {
    const result = evaluateCompleteness(components);
    expect(result).toMatchObject({ complete, missingComponents: missing, unpublishedComponents: unpublishedNumbers });
  });

  it('says where each delivery component is published', () => {
    const components = allComponents().map((c) => (c.number === 3 ? { ...c, publishedOn: ['website'] } : c));
    expect(evaluateCompleteness(components).publication.find((p) => p.number === 3)).toEqual({ number: 3, publishedOn: ['website'] });
  });

  it('has 6 service-delivery and 8 internal components', () => {
    expect(STANDARD_COMPONENTS.filter((c) => c.group === 'service-delivery')).toHaveLength(6);
    expect(STANDARD_COMPONENTS.filter((c) => c.group === 'manufacturing')).toHaveLength(8);
  });
});

describe('service standard decider', () => {
  it('publishes revision 1 with its completeness', () => {
    expect(givenWhen(decider, [], publish())).toEqual({ events: [published] });
  });

  it('publishes an incomplete standard and records what is missing', () => {
    const outcome = givenWhen(decider, [], publish({ components: without(12).map((c) => (c.number === 1 ? { ...c, publishedOn: [] } : c)) }));
    expect(outcome).toMatchObject({
      events: [{ $case: 'serviceStandardPublished', value: { complete: false, missingComponents: [12], unpublishedComponents: [1] } }],
    });
  });

  it('publishes a free service (cost 0) and a same-day service (0 working days)', () => {
    expect(givenWhen(decider, [], publish({ costRupiah: 0, completionWorkingDays: 0 }))).toMatchObject({
      events: [{ value: { costRupiah: 0, completionWorkingDays: 0 } }],
    });
  });

  it('treats a repeated identical publication as a no-op', () => {
    expect(givenWhen(decider, [published], publish())).toEqual({ events: [] });
  });

  it('revises with an incremented revision and the reason', () => {
    const outcome = givenWhen(decider, [published], revise());
    expect(outcome).toMatchObject({
      events: [
        { $case: 'serviceStandardRevised', value: { revision: 2, completionWorkingDays: 2, reason: 'Hasil Forum Konsultasi Publik 2025', complete: true } },
      ],
    });
  });

  it('counts revisions up from the last one', () => {
    const revised = givenWhen(decider, [published], revise());
    if (!('events' in revised)) throw new Error('expected events');
    expect(givenWhen(decider, [published, ...revised.events], revise({ completionWorkingDays: 1, effectiveAt: '2025-09-01T00:00:00Z' }))).toMatchObject({
      events: [{ value: { revision: 3 } }],
    });
  });

  it.each<[string, ServiceStandardEvent[], ServiceStandardCommand, string]>([
    ['publishing a different standard over a published one', [published], publish({ costRupiah: 10_000 }), 'STANDARD.ALREADY_PUBLISHED'],
    ['revising before publishing', [], revise(), 'STANDARD.NOT_PUBLISHED'],
    ['revising without a reason', [published], revise({ reason: ' ' }), 'STANDARD.REVISION_REASON_REQUIRED'],
    ['revising with no change', [published], revise({ completionWorkingDays: 3 }), 'STANDARD.NO_CHANGE'],
    ['revising another unit’s standard', [published], revise({ unitId: 'dinkes' }), 'STANDARD.UNIT_MISMATCH'],
    ['revising another service on this stream', [published], revise({ serviceId: 'svc-kk' }), 'STANDARD.SERVICE_MISMATCH'],
    ['a revision effective before the current one', [published], revise({ effectiveAt: '2024-12-31T00:00:00Z' }), 'STANDARD.EFFECTIVE_BEFORE_CURRENT'],
    ['a component number 15', [], publish({ components: [...allComponents(), { number: 15, content: 'x', publishedOn: [] }] }), 'STANDARD.UNKNOWN_COMPONENT'],
    [
      'a component listed twice',
      [],
      publish({ components: [...allComponents(), { number: 1, content: 'x', publishedOn: [] }] }),
      'STANDARD.DUPLICATE_COMPONENT',
    ],
    [
      'an unknown publication channel',
      [],
      publish({ components: unpublished(1).map((c) => (c.number === 1 ? { ...c, publishedOn: ['billboard'] } : c)) }),
      'STANDARD.UNKNOWN_CHANNEL',
    ],
    ['a negative cost', [], publish({ costRupiah: -1 }), 'STANDARD.INVALID_COST'],
    ['a fractional cost', [], publish({ costRupiah: 10.5 }), 'STANDARD.INVALID_COST'],
    ['a negative completion time', [], publish({ completionWorkingDays: -2 }), 'STANDARD.INVALID_COMPLETION_TIME'],
    ['duplicate requirements', [], publish({ requirements: ['KK', ' KK'] }), 'STANDARD.INVALID_REQUIREMENTS'],
    ['a blank requirement', [], publish({ requirements: [''] }), 'STANDARD.INVALID_REQUIREMENTS'],
    ['no product', [], publish({ product: '' }), 'STANDARD.PRODUCT_REQUIRED'],
    ['no name', [], publish({ name: ' ' }), 'STANDARD.NAME_REQUIRED'],
    ['no unit', [], publish({ unitId: '' }), 'STANDARD.IDS_REQUIRED'],
    ['an effective date that is not an instant', [], publish({ effectiveAt: '2025-01-02' }), 'CALENDAR.INVALID_INSTANT'],
  ])('refuses %s', (_name, given, when, code) => {
    expect(givenWhen(decider, given, when)).toEqual({ error: { code } });
  });

  it('gives requests the standard in force', () => {
    const state = foldEvents(decider.evolve, decider.initialState(), [published]);
    expect(standardInForce(state)).toEqual({
      serviceId: 'svc-ktp',
      revision: 1,
      completionWorkingDays: 3,
      requirements: ['Fotokopi KK', 'Surat pengantar RT/RW'],
    });
    expect(() => standardInForce(decider.initialState())).toThrow('no published standard');
  });
});
