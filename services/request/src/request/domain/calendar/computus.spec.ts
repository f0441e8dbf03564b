import { DomainError } from '@lib/event-sourcing/domain';
import { nationalHolidays2025, nationalHolidays2026 } from './calendar-id-2025-2026';
import { easterHolidays, gregorianEaster } from './computus';

describe('gregorianEaster', () => {
  it.each([
    ['the earliest possible Easter (22 March)', 1818, '1818-03-22'],
    ['the latest possible Easter (25 April)', 1943, '1943-04-25'],
    ['a century year divisible by 400', 2000, '2000-04-23'],
    ['a late-March Easter', 2008, '2008-03-23'],
    ['an Easter on 24 April', 2011, '2011-04-24'],
    ['2019', 2019, '2019-04-21'],
    ['Easter on the last day of March', 2024, '2024-03-31'],
    ['2025 (the SKB 2025 Paskah)', 2025, '2025-04-20'],
    ['2026 (the SKB 2026 Paskah)', 2026, '2026-04-05'],
    ['2027', 2027, '2027-03-28'],
    ['2030', 2030, '2030-04-21'],
    ['the next 25 April Easter', 2038, '2038-04-25'],
    ['the next 22 March Easter', 2285, '2285-03-22'],
  ])('%s', (_name, year, expected) => {
    expect(gregorianEaster(year)).toBe(expected);
  });

  it.each([
    ['a year before the Gregorian reform', 1582],
    ['a fractional year', 2027.5],
    ['a five-digit year', 10000],
  ])('refuses %s', (_name, year) => {
    expect(() => gregorianEaster(year)).toThrow(DomainError);
    expect(() => gregorianEaster(year)).toThrow(/1583 to 9999/);
  });
});

describe('easterHolidays', () => {
  it('puts Good Friday two days before and Ascension 39 days after Easter, across a month end', () => {
    expect(easterHolidays(2027)).toEqual({ goodFriday: '2027-03-26', easter: '2027-03-28', ascension: '2027-05-06' });
    expect(easterHolidays(2024)).toEqual({ goodFriday: '2024-03-29', easter: '2024-03-31', ascension: '2024-05-09' });
  });

  it.each([
    [2025, nationalHolidays2025],
    [2026, nationalHolidays2026],
  ])('agrees with every Easter holiday the SKB %i decreed', (year, holidays) => {
    const { goodFriday, easter, ascension } = easterHolidays(year);
    const dateOf = (name: string) => holidays.find((holiday) => holiday.kind === 'national-holiday' && holiday.name === name)?.date;
    expect([dateOf('Wafat Yesus Kristus'), dateOf('Kebangkitan Yesus Kristus (Paskah)'), dateOf('Kenaikan Yesus Kristus')]).toEqual([
      goodFriday,
      easter,
      ascension,
    ]);
  });
});
