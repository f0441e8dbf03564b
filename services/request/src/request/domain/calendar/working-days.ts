import { epochDay, localDateAt, localDateOfEpochDay, yearOfEpochDay } from '@lib/kernel';
import { DomainError } from '../error-codes';

/**
 * Working-day arithmetic on a tenant's calendar, as pure calendar-date arithmetic (no Date, no clock).
 *
 * Conventions, used by every deadline in the request context:
 * - Dates are local ISO dates `YYYY-MM-DD` in the tenant's time zone. Instants are RFC 3339 strings and
 *   are turned into local dates with the tenant's fixed UTC offset (Indonesia has no daylight saving:
 *   WIB +07:00, WITA +08:00, WIT +09:00).
 * - Counting starts the day AFTER the start date: the submission day never counts, so something
 *   submitted on Monday with 1 working day is due on Tuesday. `workingDaysBetween(from, to)` counts
 *   working days d with from < d <= to, and `workingDaysBetween(s, addWorkingDays(s, n)) === n`.
 * - A deadline has passed once a working day after the due date has begun (`deadlinePassed`), so
 *   "late" means "needed more working days than promised"; a Saturday after a Friday due date is not late.
 * - Elapsed time between two instants (`elapsedWorkingTime`) counts the full 24 hours of each working
 *   day and nothing of other days, in working days with a fractional part. Office hours differ per
 *   unit and are not modelled.
 * - A date in a year the calendar does not cover is refused (`CALENDAR.YEAR_NOT_COVERED`) rather than
 *   guessed: holidays are decreed yearly by SKB, so an uncovered year has unknown working days.
 * - A year can be covered provisionally (estimated dates before its SKB is signed, see
 *   tenant-calendar.ts); `dependsOnProvisionalData` tells whether a deadline rests on such data.
 */

export type IsoDate = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type HolidayKind = 'national-holiday' | 'cuti-bersama' | 'local-holiday';

export interface Holiday {
  date: IsoDate;
  kind: HolidayKind;
  name: string;
  /** True when the date is not certain (e.g. an Islamic holiday before the sidang isbat). */
  provisional?: boolean;
  /** Where the date comes from, required when provisional. */
  source?: string;
}

export interface WorkingCalendar {
  /** e.g. `id-national@2026-1,2027-provisional-1+tenant-banjarmasin@3` (see tenant-calendar.ts). */
  id: string;
  /** Days that are never working days. */
  weekendDays: readonly IsoWeekday[];
  /** Years whose holidays are known; any other year is refused. */
  coveredYears: readonly number[];
  /** Covered years whose holidays are estimates pending the SKB (cuti bersama unknown). */
  provisionalYears: readonly number[];
  holidays: readonly Holiday[];
  /** The tenant's offset from UTC in minutes (WIB = 420). */
  utcOffsetMinutes: number;
  /**
   * Cuti bersama closes government offices by default (SKB 3 Menteri), but direct-service units may be
   * assigned to work through it; such a tenant sets this to true.
   */
  cutiBersamaIsWorkingDay?: boolean;
}

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  return isWorkingDayNumber(calendar, dayNumber(date));
}

/** The n-th working day after `start` (the start day itself never counts); n = 0 returns `start`. */
export function addWorkingDays(calendar: WorkingCalendar, start: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new DomainError('CALENDAR.INVALID_DAY_COUNT', `working days must be a whole number >= 0, got ${n}`);
  }
  let day = dayNumber(start);
  coveredYearOf(calendar, day);
  for (let left = n; left > 0;) {
    day += 1;
    if (isWorkingDayNumber(calendar, day)) left -= 1;
  }
  return localDateOfEpochDay(day);
}

/** Working days d with from < d <= to; negative when `to` is before `from`. */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(calendar, to, from);
  coveredYearOf(calendar, a);
  let count = 0;
  for (let day = a + 1; day <= b; day += 1) if (isWorkingDayNumber(calendar, day)) count += 1;
  return count;
}

/** True once a working day after `due` has begun on `today` (see the module conventions). */
export function deadlinePassed(calendar: WorkingCalendar, due: IsoDate, today: IsoDate): boolean {
  return workingDaysBetween(calendar, due, today) > 0;
}

/** Working days (fractional) between two instants: 24 h of each working day, nothing of other days. */
export function elapsedWorkingTime(calendar: WorkingCalendar, fromInstant: string, toInstant: string): number {
  const offsetMs = calendar.utcOffsetMinutes * 60_000;
  const from = instantMs(fromInstant) + offsetMs;
  const to = instantMs(toInstant) + offsetMs;
  if (to < from) {
    throw new DomainError('CALENDAR.INSTANTS_REVERSED', `${toInstant} is before ${fromInstant}`);
  }
  const firstDay = Math.floor(from / MS_PER_DAY);
  const lastDay = Math.floor(to / MS_PER_DAY);
  coveredYearOf(calendar, firstDay);
  let ms = 0;
  for (let day = firstDay; day <= lastDay; day += 1) {
    if (!isWorkingDayNumber(calendar, day)) continue;
    const start = Math.max(from, day * MS_PER_DAY);
    const end = Math.min(to, (day + 1) * MS_PER_DAY);
    ms += Math.max(0, end - start);
  }
  return ms / MS_PER_DAY;
}

/** The tenant-local date of an RFC 3339 instant. */
export function localDate(calendar: WorkingCalendar, instant: string): IsoDate {
  return localDateAtOffset(calendar.utcOffsetMinutes, instant);
}

/** The date of an RFC 3339 instant at a fixed offset from UTC. */
export function localDateAtOffset(utcOffsetMinutes: number, instant: string): IsoDate {
  return localDateAt(instantMs(instant), utcOffsetMinutes);
}

/** Plain calendar-day addition (for rules counted in calendar days). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new DomainError('CALENDAR.INVALID_DAY_COUNT', `days must be whole, got ${n}`);
  return localDateOfEpochDay(dayNumber(date) + n);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return dayNumber(a) - dayNumber(b);
}

/**
 * Whether counting the working days d with from < d <= to rests on provisional data: a day in a
 * provisional year (its cuti bersama are unknown, so any day may turn out to be off) or an estimated
 * holiday in the range. A deadline computed over such a range may move when the calendar is replaced.
 */
export function dependsOnProvisionalData(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): boolean {
  const [a, b] = [dayNumber(from), dayNumber(to)].sort((x, y) => x - y);
  if (b === a) return false;
  const firstYear = yearOfEpochDay(a + 1);
  const lastYear = yearOfEpochDay(b);
  if (calendar.provisionalYears.some((year) => year >= firstYear && year <= lastYear)) return true;
  return calendar.holidays.some((holiday) => holiday.provisional === true && dayNumber(holiday.date) > a && dayNumber(holiday.date) <= b);
}

/** The holiday entries on a date, for explaining why a day is not a working day. */
export function holidaysOn(calendar: WorkingCalendar, date: IsoDate): Holiday[] {
  dayNumber(date);
  return calendar.holidays.filter((holiday) => holiday.date === date);
}

function isWorkingDayNumber(calendar: WorkingCalendar, day: number): boolean {
  coveredYearOf(calendar, day);
  if (calendar.weekendDays.includes(isoWeekday(day))) return false;
  const date = localDateOfEpochDay(day);
  return !calendar.holidays.some((holiday) => holiday.date === date && !(holiday.kind === 'cuti-bersama' && calendar.cutiBersamaIsWorkingDay));
}

function coveredYearOf(calendar: WorkingCalendar, day: number): void {
  const year = yearOfEpochDay(day);
  if (!calendar.coveredYears.includes(year)) {
    throw new DomainError('CALENDAR.YEAR_NOT_COVERED', `calendar ${calendar.id} has no holidays for ${year} (covers ${calendar.coveredYears.join(', ')})`, {
      calendarId: calendar.id,
      year,
    });
  }
}

/** Days since 1970-01-01 of a valid ISO date; anything else is a DomainError. */
export function dayNumber(date: IsoDate): number {
  const day = epochDay(date);
  if (day === undefined) throw new DomainError('CALENDAR.INVALID_DATE', `not an ISO date (YYYY-MM-DD) or no such day: "${date}"`);
  return day;
}

export function isoWeekday(day: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** Milliseconds since the Unix epoch of an RFC 3339 instant, to order instants with different offsets. */
export function instantMs(instant: string): number {
  const match = INSTANT_PATTERN.exec(instant);
  if (!match) throw new DomainError('CALENDAR.INVALID_INSTANT', `not an RFC 3339 instant: "${instant}"`);
  const day = dayNumber(`${match[1]}-${match[2]}-${match[3]}`);
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (hours > 23 || minutes > 59 || seconds > 60) {
    throw new DomainError('CALENDAR.INVALID_INSTANT', `no such time: "${instant}"`);
  }
  const fraction = match[7] ? Math.round(Number(match[7]) * 1000) : 0;
  const zone = match[8];
  const offsetMinutes = zone === 'Z' || zone === 'z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return day * MS_PER_DAY + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + fraction;
}
