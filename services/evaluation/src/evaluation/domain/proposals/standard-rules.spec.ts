import type { LocalDate } from '@lib/kernel';
import type { ServiceStandardFigures, StandardComponentFigure, StandardFigures } from './figures';
import { PROPOSAL_RULES_2023 } from './proposal-rules';
import { standardCompleteness, standardPeriodicReview, standardPublicationMedia } from './standard-rules';

const ALL = Array.from({ length: 14 }, (_, k) => k + 1);
const AS_OF = '2025-12-31';

/** Components 1..14 present, the service-delivery ones (1..6) published on `channels` (or per component). */
function components(channels: readonly string[] | ((n: number) => readonly string[]) = [], missing: readonly number[] = []): StandardComponentFigure[] {
  return ALL.map((number) => ({
    number,
    present: !missing.includes(number),
    publishedOn: number <= 6 && !missing.includes(number) ? (typeof channels === 'function' ? channels(number) : channels) : [],
  }));
}

let eventNo = 0;
function service(name: string, comps: StandardComponentFigure[], effectiveDates: readonly LocalDate[] = ['2024-01-01']): ServiceStandardFigures {
  return {
    serviceId: `svc-${name}`,
    name,
    components: comps,
    versions: effectiveDates.map((effectiveOn, k) => ({ revision: k + 1, effectiveOn, eventId: `std-${name}-${k + 1}-${(eventNo += 1)}` })),
  };
}
const figures = (...services: ServiceStandardFigures[]): StandardFigures => ({ asOf: AS_OF, services });

describe('1.a.Ak standard-completeness', () => {
  it.each<[string, StandardFigures, number]>([
    ['no Standar Pelayanan in the catalog → 0', figures(), 0],
    ['component 14 missing → 1', figures(service('KTP', components([], [14]))), 1],
    ['a component listed without content counts as missing → 1', figures(service('KTP', components([], [7]))), 1],
    ['all 14, latest revision takes effect the day after the period → 2', figures(service('KTP', components(), ['2026-01-01'])), 2],
    ['all 14, latest revision in force on the last day → 3', figures(service('KTP', components(), [AS_OF])), 3],
    [
      'all 14 and in force, but another service type lacks a component: the weakest → 1',
      figures(service('KTP', components()), service('KK', components([], [3]))),
      1,
    ],
  ])('%s', (_name, input, level) => {
    const proposal = standardCompleteness(PROPOSAL_RULES_2023, input);
    expect(proposal).toMatchObject({ indicatorCode: '1.a.Ak', ruleId: 'standard-completeness', level, provisional: true });
    expect(proposal.ruleSource.kind).toBe('pantau');
    expect(proposal.explanation).toMatch(/\.$/);
  });

  it('names the missing components and every version event', () => {
    const input = figures(service('KTP', components([], [9, 14]), ['2023-01-01', '2024-01-01']));
    const proposal = standardCompleteness(PROPOSAL_RULES_2023, input);
    expect(proposal.explanation).toContain('komponen 9 dan 14');
    expect(proposal.sourceEventIds).toEqual(input.services[0].versions.map((v) => v.eventId).sort());
  });
});

describe('3.a.T standard-publication-media', () => {
  const all = (...channels: string[]) => figures(service('KTP', components(channels)));
  it.each<[string, StandardFigures, number]>([
    ['no service-delivery component published → 0', all(), 0],
    [
      'component 6 published nowhere → 1',
      figures(
        service(
          'KTP',
          components((n) => (n === 6 ? [] : ['website'])),
        ),
      ),
      1,
    ],
    ['all six on one medium, no SIPP Nasional (gap in the text) → 1', all('website'), 1],
    ['office board and brochure are one kind (media cetak) → 1', all('office-board', 'brochure'), 1],
    ['all six on two media, no SIPP Nasional → 2', all('website', 'brochure'), 2],
    ['all six on SIPP Nasional only → 2', all('sippn'), 2],
    ['SIPP Nasional and one medium (gap in the text) → 2', all('sippn', 'website'), 2],
    ['SIPP Nasional and two media → 3', all('sippn', 'website', 'brochure'), 3],
    ['SIPP Nasional and three media → 4', all('sippn', 'website', 'brochure', 'social-media'), 4],
    ['SIPP Nasional and four media → 5', all('sippn', 'website', 'brochure', 'social-media', 'mobile-app'), 5],
    ['SIPP Nasional and five media → 5', all('sippn', 'website', 'brochure', 'social-media', 'mobile-app', 'information-kiosk'), 5],
    [
      'components split across media: no medium carries all six → 1',
      figures(
        service(
          'KTP',
          components((n) => (n <= 3 ? ['website'] : ['brochure'])),
        ),
      ),
      1,
    ],
    ['an unknown channel is not counted → 1', all('website', 'radio'), 1],
    [
      'the weakest service type sets the level → 2',
      figures(service('KTP', components(['sippn', 'website', 'brochure'])), service('KK', components(['sippn']))),
      2,
    ],
  ])('%s', (_name, input, level) => {
    expect(standardPublicationMedia(PROPOSAL_RULES_2023, input)).toMatchObject({ indicatorCode: '3.a.T', ruleId: 'standard-publication-media', level });
  });

  it('lists the channels it could not count', () => {
    const proposal = standardPublicationMedia(PROPOSAL_RULES_2023, all('website', 'radio'));
    expect(proposal.figures.services).toEqual([expect.objectContaining({ unrecognisedChannels: ['radio'], mediaCarryingAll: ['website'] })]);
  });
});

describe('4.a.K standard-periodic-review', () => {
  const at = (asOf: LocalDate, ...services: ServiceStandardFigures[]): StandardFigures => ({ asOf, services });
  const revised = (name: string, ...dates: LocalDate[]) => service(name, components(), dates);
  it.each<[string, StandardFigures, number]>([
    ['no Standar Pelayanan → 0', at(AS_OF), 0],
    ['never revised → 0', at(AS_OF, revised('KTP', '2024-01-01')), 0],
    ['a revision that takes effect after the period does not count → 0', at(AS_OF, revised('KTP', '2024-01-01', '2026-01-01')), 0],
    ['revised exactly 12 months apart, 12 months ago → 5', at('2025-01-01', revised('KTP', '2023-01-01', '2024-01-01')), 5],
    ['12 months and 1 day before the revision → 3', at('2024-06-01', revised('KTP', '2023-01-01', '2024-01-02')), 3],
    ['12 months and 1 day since the last revision → 3', at('2025-01-02', revised('KTP', '2023-06-01', '2024-01-01')), 3],
    ['exactly 24 months → 3', at('2025-01-01', revised('KTP', '2021-01-01', '2023-01-01')), 3],
    ['24 months and 1 day since the last revision → 1', at('2025-01-02', revised('KTP', '2022-06-01', '2023-01-01')), 1],
    ['one yearly, one never → 4', at(AS_OF, revised('KTP', '2024-06-01', '2025-06-01'), revised('KK', '2024-01-01')), 4],
    ['one every two years, one never → 2', at(AS_OF, revised('KTP', '2023-06-01', '2024-06-01'), revised('KK', '2024-01-01')), 2],
    ['all reviewed at over two years → 1', at(AS_OF, revised('KTP', '2019-01-01', '2022-01-01'), revised('KK', '2018-01-01', '2021-01-01')), 1],
    ['one reviewed at over two years, one never (gap in the text) → 1', at(AS_OF, revised('KTP', '2019-01-01', '2022-01-01'), revised('KK', '2024-01-01')), 1],
  ])('%s', (_name, input, level) => {
    expect(standardPeriodicReview(PROPOSAL_RULES_2023, input)).toMatchObject({ indicatorCode: '4.a.K', ruleId: 'standard-periodic-review', level });
  });

  it("shows each service type's last review and interval", () => {
    const proposal = standardPeriodicReview(PROPOSAL_RULES_2023, at('2025-01-01', revised('KTP', '2023-01-01', '2024-01-01')));
    expect(proposal.figures.services).toEqual([expect.objectContaining({ lastReviewedOn: '2024-01-01', intervalMonths: 12, cadence: 'yearly' })]);
  });
});
