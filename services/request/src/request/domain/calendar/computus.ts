import { DomainError } from '../error-codes';
import { addCalendarDays, type IsoDate } from './working-days';

/**
 * Easter Sunday of a Gregorian year by the anonymous Gregorian computus (Meeus/Jones/Butcher, in
 * J. Meeus, Astronomical Algorithms, ch. 8). It is the ecclesiastical rule the churches follow, not an
 * astronomical observation, so the date is exact for every year of the Gregorian calendar.
 */
export function gregorianEaster(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new DomainError('CALENDAR.INVALID_YEAR', `the Gregorian computus needs a year from 1583 to 9999, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Indonesian national holidays that follow Easter: Wafat (Good Friday), Paskah and Kenaikan (Ascension). */
export function easterHolidays(year: number): { goodFriday: IsoDate; easter: IsoDate; ascension: IsoDate } {
  const easter = gregorianEaster(year);
  return { goodFriday: addCalendarDays(easter, -2), easter, ascension: addCalendarDays(easter, 39) };
}
