/**
 * Local dates: "YYYY-MM-DD" in a tenant's time zone (cycle windows, survey periods, due dates), checked
 * and counted as calendar arithmetic, without the clock. Indonesia's zones have fixed offsets (no
 * daylight saving), so an instant's local date needs only the tenant's offset.
 */
export type LocalDate = string;

/** The only offsets Indonesia uses, in minutes east of UTC: WIB, WITA, WIT. */
export const INDONESIAN_UTC_OFFSETS = [420, 480, 540] as const;
export type IndonesianUtcOffset = (typeof INDONESIAN_UTC_OFFSETS)[number];
export const WIB_OFFSET_MINUTES: IndonesianUtcOffset = 420;

/** The form of a local date; whether the day exists is isLocalDate's question. */
export const LOCAL_DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a local date; undefined when the text is not "YYYY-MM-DD" or names no such day. */
export function epochDay(value: string): number | undefined {
  const match = LOCAL_DATE_FORMAT.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && epochDay(value) !== undefined;
}

/** The local date `day` days after 1970-01-01. */
export function localDateOfEpochDay(day: number): LocalDate {
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/** The year of the day `day` days after 1970-01-01. */
export const yearOfEpochDay = (day: number): number => civilFromDays(day).year;

/** The local date of an instant (milliseconds since the epoch) at a fixed offset from UTC, in minutes. */
export function localDateAt(epochMs: number, utcOffsetMinutes: number): LocalDate {
  return localDateOfEpochDay(Math.floor((epochMs + utcOffsetMinutes * 60_000) / MS_PER_DAY));
}

/** Valid local dates compare as strings. */
export const compareLocalDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when local date `a` is after `b`. */
export const isAfter = (a: LocalDate, b: LocalDate): boolean => a > b;

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
