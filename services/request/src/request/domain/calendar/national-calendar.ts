import { dayNumber, type Holiday } from './working-days';

/**
 * One version of one year of Indonesia's national working-day calendar: the libur nasional and cuti
 * bersama of the SKB 3 Menteri, or an estimate of them while the SKB is not signed. Replacing a year
 * (the signed SKB, an amendment, a sidang isbat that moves Idul Fitri) publishes a higher revision;
 * deadlines already computed keep the version they name.
 */
export interface NationalCalendarYear {
  year: number;
  /** From 1 within the year. */
  revision: number;
  /** True while the year's SKB is not signed: movable dates are estimates and cuti bersama unknown. */
  provisional: boolean;
  /** Why the year is provisional; empty when it is not. */
  provisionalReason: string;
  /** The decree, or the estimates, the version follows. */
  source: string;
  /** National holidays and cuti bersama only; local holidays belong to a tenant. */
  holidays: readonly Holiday[];
}

/** Years a calendar may cover; anything outside is a typo rather than a plan. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** e.g. `id-national@2027-provisional-1`: the year, whether it awaits its SKB, the revision. */
export function nationalVersionId(calendar: Pick<NationalCalendarYear, 'year' | 'revision' | 'provisional'>): string {
  return `id-national@${nationalVersionLabel(calendar)}`;
}

/** The part of the version id after `id-national@`, e.g. `2027-provisional-1`. */
export function nationalVersionLabel({ year, revision, provisional }: Pick<NationalCalendarYear, 'year' | 'revision' | 'provisional'>): string {
  return `${year}${provisional ? '-provisional' : ''}-${revision}`;
}

export interface CalendarViolation {
  /** Where, e.g. `holidays[3].date`. */
  path: string;
  rule: string;
  message: string;
}

/** Every rule a national year breaks; empty when it may be published. */
export function validateNationalCalendarYear(calendar: Omit<NationalCalendarYear, 'revision'> & { revision?: number }): CalendarViolation[] {
  const violations: CalendarViolation[] = [];
  const broke = (path: string, rule: string, message: string) => violations.push({ path, rule, message });
  if (!Number.isInteger(calendar.year) || calendar.year < MIN_CALENDAR_YEAR || calendar.year > MAX_CALENDAR_YEAR) {
    broke('year', 'range', `year must be a whole number from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`);
  }
  if (calendar.revision !== undefined && (!Number.isInteger(calendar.revision) || calendar.revision < 1)) {
    broke('revision', 'min', 'revision must be a whole number from 1');
  }
  if (calendar.provisional && calendar.provisionalReason.trim() === '') {
    broke('provisionalReason', 'required', 'a provisional year must say why (e.g. the SKB is not signed yet)');
  }
  if (calendar.source.trim() === '') broke('source', 'required', 'name the decree or the estimate the year follows');
  if (calendar.holidays.length === 0) broke('holidays', 'arrayMinSize', 'a year has at least its fixed national holidays');
  const seen = new Set<string>();
  calendar.holidays.forEach((holiday, index) => {
    const at = `holidays[${index}]`;
    if (!isDateIn(holiday.date, calendar.year)) broke(`${at}.date`, 'inYear', `${holiday.date} is not a date of ${calendar.year}`);
    if (holiday.kind !== 'national-holiday' && holiday.kind !== 'cuti-bersama') {
      broke(`${at}.kind`, 'isIn', 'a national calendar lists national holidays and cuti bersama only');
    }
    if (holiday.name.trim() === '') broke(`${at}.name`, 'required', 'a holiday needs its name');
    if (holiday.provisional && !holiday.source?.trim()) broke(`${at}.source`, 'required', 'an estimated date must name its source');
    const key = `${holiday.date}|${holiday.name.trim()}`;
    if (seen.has(key)) broke(at, 'unique', `${holiday.name} on ${holiday.date} is listed twice`);
    seen.add(key);
  });
  return violations;
}

/** Same content, revision aside: republishing it changes nothing. */
export function sameNationalContent(a: Omit<NationalCalendarYear, 'revision'>, b: Omit<NationalCalendarYear, 'revision'>): boolean {
  const content = (calendar: Omit<NationalCalendarYear, 'revision'>) =>
    JSON.stringify([
      calendar.year,
      calendar.provisional,
      calendar.provisional ? calendar.provisionalReason.trim() : '', // a confirmed year publishes no reason
      calendar.source.trim(),
      [...calendar.holidays]
        .map((h) => [h.date, h.kind, h.name.trim(), h.provisional === true, h.source?.trim() ?? ''])
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    ]);
  return content(a) === content(b);
}

function isDateIn(date: string, year: number): boolean {
  try {
    dayNumber(date);
  } catch {
    return false;
  }
  return date.startsWith(`${year}-`);
}
