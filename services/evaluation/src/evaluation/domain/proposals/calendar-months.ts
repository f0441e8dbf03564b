import { daysInMonth, epochDay, LOCAL_DATE_FORMAT, type LocalDate } from '@lib/kernel';
import { DomainError } from '../error-codes';

/** The same day `months` calendar months later, clamped to the month's last day (01-31 + 1 → 02-28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const match = LOCAL_DATE_FORMAT.exec(date);
  if (!match || epochDay(date) === undefined) throw new DomainError('PROPOSAL.INVALID_FIGURES', `not a local date: ${date}`, { value: date });
  const monthIndex = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when `later` is no more than `months` calendar months after `earlier`. */
export const withinMonths = (earlier: LocalDate, later: LocalDate, months: number): boolean => later <= addMonths(earlier, months);

/** Local dates compare as text; the latest of a non-empty list. */
export const latestDate = (dates: readonly LocalDate[]): LocalDate => dates.reduce((latest, date) => (date > latest ? date : latest));
