// Cycle windows and deadlines are local dates (YYYY-MM-DD in the tenant's time zone); the handler's
// clock supplies `today` in the same zone, so comparing the strings compares the days.

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return !(month === 2 && day === 29 && !leap);
}

/** True when local date `a` is after `b`. */
export const isAfter = (a: string, b: string): boolean => a > b;

/** Indonesia's time zones have fixed offsets (no daylight saving): WIB +7, WITA +8, WIT +9. */
export const WIB_OFFSET_MINUTES = 420;

/** The local date (YYYY-MM-DD) of an instant at a fixed offset from UTC, in minutes. */
export function localDateAt(instant: Date, utcOffsetMinutes: number): string {
  return new Date(instant.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
