import { DomainError } from '@lib/event-sourcing/domain';
import { nationalCalendar2025, nationalCalendar2026, nationalHolidays2025, nationalHolidays2026 } from './calendar-id-2025-2026';
import { emptyCalendarStream, tenantWorkingCalendar } from './tenant-calendar';
import {
  addCalendarDays,
  addWorkingDays,
  dayNumber,
  deadlinePassed,
  elapsedWorkingTime,
  holidaysOn,
  isWorkingDay,
  isoWeekday,
  localDate,
  workingDaysBetween,
} from './working-days';

// 2025–2026 only, so the refusals of an uncovered year have a year to refuse.
const years = [nationalCalendar2025, nationalCalendar2026];
const national = tenantWorkingCalendar('kota-x', years, emptyCalendarStream());
const banjarmasin = tenantWorkingCalendar('banjarmasin', years, {
  ...emptyCalendarStream(),
  settings: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false },
  localHolidays: [{ date: '2025-09-24', name: 'Hari Jadi Kota Banjarmasin', source: '' }],
});
const worksThroughCutiBersama = tenantWorkingCalendar('rsud', years, {
  ...emptyCalendarStream(),
  settings: { utcOffsetMinutes: 420, cutiBersamaIsWorkingDay: true },
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('national calendar data', () => {
  it.each([
    ['2025 has 17 national holidays', nationalHolidays2025, 'national-holiday', 17],
    ['2025 has 10 + 1 (18 August) cuti bersama', nationalHolidays2025, 'cuti-bersama', 11],
    ['2026 has 17 national holidays', nationalHolidays2026, 'national-holiday', 17],
    ['2026 has 8 cuti bersama', nationalHolidays2026, 'cuti-bersama', 8],
  ])('%s', (_name, holidays, kind, count) => {
    expect(holidays.filter((holiday) => holiday.kind === kind)).toHaveLength(count);
  });

  it('every entry is a valid date in its year and every provisional entry names a source', () => {
    for (const holiday of [...nationalHolidays2025, ...nationalHolidays2026]) {
      expect(() => dayNumber(holiday.date)).not.toThrow();
      expect(holiday.source).toBeTruthy();
    }
    expect(nationalHolidays2026.filter((h) => h.provisional).map((h) => h.date)).toContain('2026-03-21');
  });

  it('has no duplicate dates within a kind', () => {
    const keys = national.holidays.map((h) => `${h.kind}:${h.date}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['an ordinary Friday', national, '2025-07-04', true],
    ['a Saturday', national, '2025-07-05', false],
    ['a Sunday', national, '2025-07-06', false],
    ['New Year 2025', national, '2025-01-01', false],
    ['Idul Fitri 2025 (national holiday on a Monday)', national, '2025-03-31', false],
    ['cuti bersama Idul Fitri 2025', national, '2025-04-07', false],
    ['18 August 2025 (cuti bersama added by the amending SKB)', national, '2025-08-18', false],
    ['cuti bersama when the tenant works through it', worksThroughCutiBersama, '2025-04-07', true],
    ['a national holiday even when the tenant works through cuti bersama', worksThroughCutiBersama, '2025-03-31', false],
    ['a local holiday of the tenant', banjarmasin, '2025-09-24', false],
    ['the same day elsewhere', national, '2025-09-24', true],
    ['cuti bersama Natal 2026', national, '2026-12-24', false],
  ])('%s', (_name, calendar, date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it('explains a non-working day', () => {
    expect(holidaysOn(national, '2025-04-01').map((h) => h.name)).toEqual(['Idul Fitri 1446 H']);
  });
});

describe('addWorkingDays (the start day never counts)', () => {
  it.each([
    ['0 days is the start day itself', '2025-07-04', 0, '2025-07-04'],
    ['1 day from a Friday skips the weekend', '2025-07-04', 1, '2025-07-07'],
    ['1 day from a Saturday is the Monday', '2025-07-05', 1, '2025-07-07'],
    ['5 days inside one week', '2025-07-07', 5, '2025-07-14'],
    ['Nyepi + Idul Fitri + cuti bersama 2025 block', '2025-03-27', 1, '2025-04-08'],
    ['Waisak + cuti bersama 2025', '2025-05-09', 1, '2025-05-14'],
    ['year end 2025 → 2026 across Natal, cuti bersama and New Year', '2025-12-24', 5, '2026-01-05'],
    ['Nyepi + Idul Fitri 2026 block', '2026-03-17', 1, '2026-03-25'],
    ['a 14-working-day service over Idul Fitri and Good Friday 2026', '2026-03-16', 14, '2026-04-13'],
  ])('%s', (_name, start, n, expected) => {
    expect(addWorkingDays(national, start, n)).toBe(expected);
  });

  it.each([
    ['a tenant working through cuti bersama', worksThroughCutiBersama, '2026-03-17', 1, '2026-03-18'],
    ['a tenant with a local holiday', banjarmasin, '2025-09-23', 1, '2025-09-25'],
  ])('follows %s', (_name, calendar, start, n, expected) => {
    expect(addWorkingDays(calendar, start, n)).toBe(expected);
  });

  it.each([
    ['a start in an uncovered year', () => addWorkingDays(national, '2024-12-30', 1), 'CALENDAR.YEAR_NOT_COVERED'],
    ['walking past the last covered year', () => addWorkingDays(national, '2026-12-23', 5), 'CALENDAR.YEAR_NOT_COVERED'],
    ['a negative count', () => addWorkingDays(national, '2025-07-04', -1), 'CALENDAR.INVALID_DAY_COUNT'],
    ['a fractional count', () => addWorkingDays(national, '2025-07-04', 1.5), 'CALENDAR.INVALID_DAY_COUNT'],
    ['a date that does not exist', () => addWorkingDays(national, '2025-02-29', 1), 'CALENDAR.INVALID_DATE'],
    ['a month 13', () => addWorkingDays(national, '2025-13-01', 1), 'CALENDAR.INVALID_DATE'],
    ['a non-ISO date', () => addWorkingDays(national, '04/07/2025', 1), 'CALENDAR.INVALID_DATE'],
  ])('refuses %s', (_name, run, code) => {
    expect(codeOf(run)).toBe(code);
  });
});

describe('workingDaysBetween (from < d <= to)', () => {
  it.each([
    ['same day is 0', '2025-07-04', '2025-07-04', 0],
    ['Friday to Monday is 1', '2025-07-04', '2025-07-07', 1],
    ['Friday to Sunday is 0', '2025-07-04', '2025-07-06', 0],
    ['over the Idul Fitri 2025 block', '2025-03-27', '2025-04-08', 1],
    ['year end 2025 → 2026', '2025-12-24', '2026-01-05', 5],
    ['reversed order is negative', '2026-01-05', '2025-12-24', -5],
  ])('%s', (_name, from, to, expected) => {
    expect(workingDaysBetween(national, from, to)).toBe(expected);
  });

  it.each(['2025-07-04', '2025-03-27', '2025-12-24', '2026-03-16'])('inverts addWorkingDays from %s', (start) => {
    for (const n of [0, 1, 3, 10, 20]) expect(workingDaysBetween(national, start, addWorkingDays(national, start, n))).toBe(n);
  });

  it('refuses a range reaching into 2027', () => {
    expect(codeOf(() => workingDaysBetween(national, '2026-12-30', '2027-01-04'))).toBe('CALENDAR.YEAR_NOT_COVERED');
  });
});

describe('deadlinePassed (a working day after the due date has begun)', () => {
  it.each([
    ['on the due date', '2025-07-04', '2025-07-04', false],
    ['the Saturday after a Friday due date', '2025-07-04', '2025-07-05', false],
    ['the Monday after a Friday due date', '2025-07-04', '2025-07-07', true],
    ['during the Idul Fitri 2025 block', '2025-03-27', '2025-04-07', false],
    ['the first working day after it', '2025-03-27', '2025-04-08', true],
    ['before the due date', '2025-07-07', '2025-07-04', false],
  ])('%s', (_name, due, today, expected) => {
    expect(deadlinePassed(national, due, today)).toBe(expected);
  });
});

describe('elapsedWorkingTime (24 h of each working day, in working days)', () => {
  it.each([
    ['08:00–14:00 WIB on a Friday', '2025-07-04T01:00:00Z', '2025-07-04T07:00:00Z', 0.25],
    ['Friday 08:00 to Monday 08:00 WIB: the weekend is free', '2025-07-04T01:00:00Z', '2025-07-07T01:00:00Z', 1],
    ['Thursday 08:00 WIB before Idul Fitri to the Tuesday it ends', '2025-03-27T01:00:00Z', '2025-04-08T01:00:00Z', 1],
    ['an instant with its own offset', '2025-07-04T08:00:00+07:00', '2025-07-04T20:00:00+07:00', 0.5],
    ['a whole weekend only', '2025-07-05T00:00:00+07:00', '2025-07-07T00:00:00+07:00', 0],
    ['year end 2025 → 2026', '2025-12-24T00:00:00+07:00', '2026-01-05T00:00:00+07:00', 5],
  ])('%s', (_name, from, to, expected) => {
    expect(elapsedWorkingTime(national, from, to)).toBeCloseTo(expected, 9);
  });

  it('uses the tenant offset to find local days', () => {
    // Friday 23:00 UTC is already Saturday in WITA, so nothing of it is working time there.
    expect(elapsedWorkingTime(banjarmasin, '2025-07-04T16:30:00Z', '2025-07-04T23:00:00Z')).toBeCloseTo(0, 9);
    expect(elapsedWorkingTime(national, '2025-07-04T16:30:00Z', '2025-07-04T17:00:00Z')).toBeCloseTo(0.5 / 24, 9);
  });

  it.each([
    ['reversed instants', () => elapsedWorkingTime(national, '2025-07-07T00:00:00Z', '2025-07-04T00:00:00Z'), 'CALENDAR.INSTANTS_REVERSED'],
    ['an instant without offset', () => elapsedWorkingTime(national, '2025-07-04T00:00:00', '2025-07-07T00:00:00Z'), 'CALENDAR.INVALID_INSTANT'],
    ['an instant in 2027', () => elapsedWorkingTime(national, '2026-12-31T00:00:00Z', '2027-01-04T00:00:00Z'), 'CALENDAR.YEAR_NOT_COVERED'],
  ])('refuses %s', (_name, run, code) => {
    expect(codeOf(run)).toBe(code);
  });
});

describe('date helpers', () => {
  it.each([
    ['late UTC evening is the next day in WIB', national, '2025-07-04T18:00:00Z', '2025-07-05'],
    ['early UTC is the same day in WIB', national, '2025-07-04T00:00:00Z', '2025-07-04'],
    ['WITA crosses midnight an hour earlier', banjarmasin, '2025-07-04T16:00:00Z', '2025-07-05'],
    ['a fractional-second instant', national, '2025-12-31T16:59:59.999Z', '2025-12-31'],
    ['UTC 17:00 on New Year eve is 2026 in WIB', national, '2025-12-31T17:00:00Z', '2026-01-01'],
  ])('localDate: %s', (_name, calendar, instant, expected) => {
    expect(localDate(calendar, instant)).toBe(expected);
  });

  it.each([
    ['over a month end', '2025-01-30', 3, '2025-02-02'],
    ['over a leap day', '2024-02-28', 1, '2024-02-29'],
    ['over a year end', '2025-12-31', 1, '2026-01-01'],
    ['backwards', '2026-01-01', -1, '2025-12-31'],
  ])('addCalendarDays %s', (_name, date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('knows the weekday of the epoch and of a known date', () => {
    expect(isoWeekday(dayNumber('1970-01-01'))).toBe(4);
    expect(isoWeekday(dayNumber('2026-01-01'))).toBe(4);
    expect(isoWeekday(dayNumber('2025-08-17'))).toBe(7);
  });
});
