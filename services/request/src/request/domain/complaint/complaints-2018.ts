import {
  addCalendarDays,
  addWorkingDays,
  compareDates,
  deadlinePassed,
  dependsOnProvisionalData,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar/working-days';

/**
 * Complaint deadlines as data (domain.md section 5), versioned: a corrected value ships as a new version,
 * and a complaint records the `id@version` it was received under.
 */

export type DayUnit = 'working' | 'calendar';
export type ComplaintCategoryKey = 'information-request' | 'grievance' | 'dispute-without-field-check' | 'dispute-with-field-check';

export interface DeadlineRule {
  days: number;
  unit: DayUnit;
  provisional: boolean;
  source: string;
}

export interface ComplaintRuleset {
  id: string;
  version: number;
  /** First status (verification / tunda / bukan wewenang / arsip), counted from receipt. */
  status: DeadlineRule;
  /** Resolution by category, counted from receipt, from verification of a postponed complaint, or from a reopening. */
  resolution: Record<ComplaintCategoryKey, DeadlineRule>;
}

const LAPOR_2018 = 'SP4N-LAPOR! service levels, KemenPANRB 2018 (ramadhan.republika.co.id/berita/pab1q5349); domain.md 5 [C] for the number of days';
const UNIT_NOTE =
  'the national text does not say working or calendar days; working days follow the LAPOR! FAQ (verification in 3 hari kerja) ' +
  'and local SP practice (sippn.menpan.go.id 8304801); PermenPANRB 62/2018 table unconfirmed (domain.md 8.6)';

export const complaints2018: ComplaintRuleset = {
  id: 'complaints-2018',
  version: 1,
  status: {
    days: 3,
    unit: 'working',
    provisional: false,
    source: `${LAPOR_2018}; 3 hari kerja: blog.lapor.go.id FAQ 338`,
  },
  resolution: {
    'information-request': { days: 5, unit: 'working', provisional: true, source: `${LAPOR_2018}; ${UNIT_NOTE}` },
    grievance: { days: 5, unit: 'working', provisional: true, source: `${LAPOR_2018}; ${UNIT_NOTE}` },
    'dispute-without-field-check': { days: 14, unit: 'working', provisional: true, source: `${LAPOR_2018}; ${UNIT_NOTE}` },
    'dispute-with-field-check': {
      days: 60,
      unit: 'working',
      provisional: true,
      source: `${LAPOR_2018}; Perpres 76/2013 (resolve within 60 days of a complete file); ${UNIT_NOTE}`,
    },
  },
};

export function rulesetRef(ruleset: ComplaintRuleset): string {
  return `${ruleset.id}@${ruleset.version}`;
}

export function rulesetIsProvisional(ruleset: ComplaintRuleset): boolean {
  return ruleset.status.provisional || Object.values(ruleset.resolution).some((rule) => rule.provisional);
}

/** The last day allowed; the start day never counts (calendar/working-days.ts). */
export function deadlineFrom(rule: DeadlineRule, calendar: WorkingCalendar, start: IsoDate): IsoDate {
  return rule.unit === 'working' ? addWorkingDays(calendar, start, rule.days) : addCalendarDays(start, rule.days);
}

/** A calendar-day deadline never depends on the working-day calendar; a working-day one may rest on estimates. */
export function deadlineIsProvisional(rule: DeadlineRule, calendar: WorkingCalendar, start: IsoDate, due: IsoDate): boolean {
  return rule.unit === 'working' && dependsOnProvisionalData(calendar, start, due);
}

/** Working-day deadlines pass when a working day after them begins; calendar-day ones the next day. */
export function isOverdue(rule: DeadlineRule, calendar: WorkingCalendar, due: IsoDate, today: IsoDate): boolean {
  return rule.unit === 'working' ? deadlinePassed(calendar, due, today) : compareDates(today, due) > 0;
}
