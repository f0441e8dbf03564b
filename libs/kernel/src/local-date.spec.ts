import { compareLocalDates, epochDay, isAfter, isLocalDate, LOCAL_DATE_FORMAT, localDateAt, localDateOfEpochDay, yearOfEpochDay } from './local-date';

describe('isLocalDate', () => {
  it.each<[string, unknown, boolean]>([
    ['a common date', '2026-02-28', true],
    ['29 February of a common year', '2026-02-29', false],
    ['29 February of a leap year', '2028-02-29', true],
    ['29 February of a century that is not a leap year', '2100-02-29', false],
    ['29 February of a 400th year', '2000-02-29', true],
    ['31 April', '2026-04-31', false],
    ['month 13', '2026-13-01', false],
    ['day 0', '2026-01-00', false],
    ['a one-digit month', '2026-4-01', false],
    ['a day-first date', '30/09/2026', false],
    ['a date with a time', '2026-09-30T00:00:00Z', false],
    ['not a string', 20260930, false],
  ])('%s', (_name, value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});

describe('LOCAL_DATE_FORMAT', () => {
  it.each<[string, string, boolean]>([
    ['a date', '2026-09-30', true],
    ['a day that does not exist has the form', '2026-02-30', true],
    ['a one-digit day', '2026-09-3', false],
    ['a date with a time', '2026-09-30T00:00', false],
  ])('%s', (_name, value, expected) => {
    expect(LOCAL_DATE_FORMAT.test(value)).toBe(expected);
  });
});

describe('epoch days', () => {
  it.each<[string, string, number]>([
    ['the epoch', '1970-01-01', 0],
    ['the day before it', '1969-12-31', -1],
    ['a leap day', '2028-02-29', 21243],
    ['the first day of 2026', '2026-01-01', 20454],
  ])('%s', (_name, date, day) => {
    expect(epochDay(date)).toBe(day);
    expect(localDateOfEpochDay(day)).toBe(date);
  });

  it.each<[string, string]>([
    ['no such day', '2025-02-29'],
    ['not a date', 'tomorrow'],
  ])('has no epoch day for %s', (_name, date) => {
    expect(epochDay(date)).toBeUndefined();
  });

  it.each<[string, number, number]>([
    ['the epoch', 0, 1970],
    ['the last day of 2025', 20453, 2025],
    ['the first day of 2026', 20454, 2026],
  ])('knows the year of %s', (_name, day, year) => {
    expect(yearOfEpochDay(day)).toBe(year);
  });
});

describe('localDateAt', () => {
  it.each<[string, string, number, string]>([
    ['midday WIB', '2026-11-23T05:00:00Z', 420, '2026-11-23'],
    ['16:59 UTC is 23:59 WIB, the same day', '2026-12-31T16:59:00Z', 420, '2026-12-31'],
    ['17:00 UTC is midnight WIB, the next day', '2026-12-31T17:00:00Z', 420, '2027-01-01'],
    ['16:30 UTC is 00:30 WITA', '2026-12-31T16:30:00Z', 480, '2027-01-01'],
    ['15:30 UTC is 00:30 WIT', '2026-12-31T15:30:00Z', 540, '2027-01-01'],
    ['15:30 UTC is still 22:30 WIB', '2026-12-31T15:30:00Z', 420, '2026-12-31'],
    ['a leap day', '2028-02-28T20:00:00Z', 420, '2028-02-29'],
    ['before the epoch', '1969-12-31T16:00:00Z', 420, '1969-12-31'],
  ])('%s', (_name, instant, offset, expected) => {
    expect(localDateAt(Date.parse(instant), offset)).toBe(expected);
  });
});

describe('ordering', () => {
  it.each<[string, string, string, number]>([
    ['an earlier day', '2026-01-31', '2026-02-01', -1],
    ['the same day', '2026-02-01', '2026-02-01', 0],
    ['a later year', '2027-01-01', '2026-12-31', 1],
  ])('%s', (_name, a, b, expected) => {
    expect(compareLocalDates(a, b)).toBe(expected);
    expect(isAfter(a, b)).toBe(expected > 0);
  });
});
