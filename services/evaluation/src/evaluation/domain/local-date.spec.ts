import { isLocalDate, localDateAt } from './local-date';

describe('localDateAt', () => {
  it.each<[string, string, number, string]>([
    ['midday WIB', '2026-11-23T05:00:00Z', 420, '2026-11-23'],
    ['16:59 UTC is 23:59 WIB, the same day', '2026-12-31T16:59:00Z', 420, '2026-12-31'],
    ['17:00 UTC is midnight WIB, the next day', '2026-12-31T17:00:00Z', 420, '2027-01-01'],
    ['16:30 UTC is 00:30 WITA', '2026-12-31T16:30:00Z', 480, '2027-01-01'],
    ['15:30 UTC is 00:30 WIT', '2026-12-31T15:30:00Z', 540, '2027-01-01'],
    ['15:30 UTC is still 22:30 WIB', '2026-12-31T15:30:00Z', 420, '2026-12-31'],
    ['a leap day', '2028-02-28T20:00:00Z', 420, '2028-02-29'],
  ])('%s', (_, instant, offset, expected) => {
    expect(localDateAt(new Date(instant), offset)).toBe(expected);
  });
});

describe('isLocalDate', () => {
  it.each<[string, boolean]>([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2026-13-01', false],
    ['2026-4-01', false],
  ])('%s → %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});
