import type { RequestEvent, requestPb } from '@lib/contracts';
import { assertNever, type Decider, type EventsOf } from '@lib/event-sourcing/domain';
import { INDONESIAN_UTC_OFFSETS, type IndonesianUtcOffset, localDateOfEpochDay } from '@lib/kernel';
import { DomainError } from '../error-codes';
import { nationalCalendar2025, nationalCalendar2026 } from './calendar-id-2025-2026';
import { nationalCalendar2027 } from './calendar-id-2027';
import { type NationalCalendarYear, nationalVersionId, nationalVersionLabel, sameNationalContent, validateNationalCalendarYear } from './national-calendar';
import { dayNumber, type Holiday, type HolidayKind, type IsoDate, isoWeekday, isWorkingDay, type WorkingCalendar } from './working-days';

/**
 * Working-day calendars as event-sourced data. Two kinds of stream hold them:
 * - `national-calendar`: the national years shipped with the code (every tenant sees them);
 * - `calendar-<tenantId>`: one tenant's settings (UTC offset, cuti bersama), its local holidays, and the
 *   national years its admin published (e.g. the SKB, before a release ships it), for that tenant only.
 * For each year a tenant uses the highest revision it sees; on a tie its own publication, which it chose.
 * A deadline records the calendar id it was computed on; a later version never rewrites it.
 */

export const NATIONAL_CALENDAR_STREAM = 'national-calendar';
export const tenantCalendarStream = (tenantId: string) => `calendar-${tenantId}`;

export interface TenantCalendarSettings {
  utcOffsetMinutes: IndonesianUtcOffset;
  /** Cuti bersama closes offices by default; direct-service units may be assigned to work through it. */
  cutiBersamaIsWorkingDay: boolean;
}

/** Until a tenant says otherwise: WIB, offices closed on cuti bersama (what every tenant had before). */
export const defaultTenantCalendarSettings: TenantCalendarSettings = { utcOffsetMinutes: 420, cutiBersamaIsWorkingDay: false };

export interface LocalHoliday {
  date: IsoDate;
  name: string;
  /** The regional decree or other basis; may be empty. */
  source: string;
}

/** The state of one calendar stream. */
export interface CalendarStream {
  /** Events in the stream: part of the calendar id, so a deadline names the exact tenant data it used. */
  version: number;
  nationalYears: NationalCalendarYear[];
  settings: TenantCalendarSettings;
  localHolidays: LocalHoliday[];
}

export type CalendarCommand =
  /** A national year shipped with the code, to the national stream; the same version twice is a no-op. */
  | { type: 'ShipNationalCalendarYear'; calendar: NationalCalendarYear; now: string }
  /**
   * A tenant's admin publishes a national year for its tenant, e.g. from the signed SKB. The revision
   * goes above what the tenant uses now (`inUse`, looked up by the handler); the same content is a no-op.
   */
  | { type: 'PublishNationalCalendarYear'; tenantId: string; calendar: Omit<NationalCalendarYear, 'revision'>; inUse?: NationalCalendarYear; now: string }
  | { type: 'ChangeTenantCalendarSettings'; tenantId: string; settings: TenantCalendarSettings; reason: string; now: string }
  | { type: 'AddLocalHoliday'; tenantId: string; holiday: LocalHoliday; now: string }
  | { type: 'RemoveLocalHoliday'; tenantId: string; date: IsoDate; reason: string; now: string };

/** Every national year shipped with this code; the boot seed appends the ones the store lacks. */
export const shippedNationalCalendars: readonly NationalCalendarYear[] = [nationalCalendar2025, nationalCalendar2026, nationalCalendar2027];

const KIND_OF: Record<Exclude<HolidayKind, 'local-holiday'>, string> = {
  'national-holiday': 'CALENDAR_HOLIDAY_KIND_NATIONAL_HOLIDAY',
  'cuti-bersama': 'CALENDAR_HOLIDAY_KIND_CUTI_BERSAMA',
};

export const CALENDAR_EVENT_TYPES = ['nationalCalendarYearPublished', 'tenantCalendarSettingsChanged', 'localHolidayAdded', 'localHolidayRemoved'] as const;
export type CalendarEvent = EventsOf<RequestEvent, typeof CALENDAR_EVENT_TYPES>;

function decide(command: CalendarCommand, state: CalendarStream): CalendarEvent[] {
  switch (command.type) {
    case 'ShipNationalCalendarYear': {
      const { calendar } = command;
      refuseInvalid(calendar);
      const same = state.nationalYears.find((v) => v.year === calendar.year && v.revision === calendar.revision);
      if (same) {
        if (sameNationalContent(same, calendar)) return [];
        throw new DomainError('CALENDAR.REVISION_TAKEN', `${nationalVersionId(calendar)} was shipped with other content; ship the change as a new revision`);
      }
      return [published(calendar, '', command.now)];
    }
    case 'PublishNationalCalendarYear': {
      refuseNoTenant(command.tenantId);
      refuseInvalid(command.calendar);
      if (command.inUse && sameNationalContent(command.inUse, command.calendar)) return [];
      const revision =
        Math.max(command.inUse?.revision ?? 0, ...state.nationalYears.filter((v) => v.year === command.calendar.year).map((v) => v.revision)) + 1;
      return [published({ ...command.calendar, revision }, command.tenantId, command.now)];
    }
    case 'ChangeTenantCalendarSettings': {
      refuseNoTenant(command.tenantId);
      const { utcOffsetMinutes, cutiBersamaIsWorkingDay } = command.settings;
      if (!INDONESIAN_UTC_OFFSETS.includes(utcOffsetMinutes)) {
        throw new DomainError(
          'CALENDAR.INVALID_UTC_OFFSET',
          `Indonesia uses UTC offsets of ${INDONESIAN_UTC_OFFSETS.join(', ')} minutes, not ${utcOffsetMinutes}`,
        );
      }
      if (utcOffsetMinutes === state.settings.utcOffsetMinutes && cutiBersamaIsWorkingDay === state.settings.cutiBersamaIsWorkingDay) return [];
      return [
        {
          $case: 'tenantCalendarSettingsChanged',
          value: { tenantId: command.tenantId, utcOffsetMinutes, cutiBersamaIsWorkingDay, reason: command.reason.trim(), changedAt: command.now },
        },
      ];
    }
    case 'AddLocalHoliday': {
      refuseNoTenant(command.tenantId);
      const { date, name, source } = command.holiday;
      dayNumber(date);
      if (name.trim() === '') throw new DomainError('CALENDAR.NAME_REQUIRED', 'a local holiday needs its name');
      const existing = state.localHolidays.find((holiday) => holiday.date === date);
      if (existing?.name === name.trim()) return []; // already there
      if (existing) throw new DomainError('CALENDAR.LOCAL_HOLIDAY_EXISTS', `${date} is already "${existing.name}"; remove it first`);
      return [{ $case: 'localHolidayAdded', value: { tenantId: command.tenantId, date, name: name.trim(), source: source.trim(), addedAt: command.now } }];
    }
    case 'RemoveLocalHoliday': {
      refuseNoTenant(command.tenantId);
      if (!state.localHolidays.some((holiday) => holiday.date === command.date)) {
        throw new DomainError('LOCAL_HOLIDAY.NOT_FOUND', `no local holiday on ${command.date}`);
      }
      return [
        { $case: 'localHolidayRemoved', value: { tenantId: command.tenantId, date: command.date, reason: command.reason.trim(), removedAt: command.now } },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: CalendarStream, event: CalendarEvent): CalendarStream {
  switch (event.$case) {
    case 'nationalCalendarYearPublished':
      return { ...state, version: state.version + 1, nationalYears: [...state.nationalYears, nationalCalendarFromEvent(event.value)] };
    case 'tenantCalendarSettingsChanged':
      return {
        ...state,
        version: state.version + 1,
        settings: { utcOffsetMinutes: event.value.utcOffsetMinutes as IndonesianUtcOffset, cutiBersamaIsWorkingDay: event.value.cutiBersamaIsWorkingDay },
      };
    case 'localHolidayAdded': {
      const { date, name, source } = event.value;
      return { ...state, version: state.version + 1, localHolidays: [...state.localHolidays, { date, name, source }] };
    }
    case 'localHolidayRemoved':
      return { ...state, version: state.version + 1, localHolidays: state.localHolidays.filter((holiday) => holiday.date !== event.value.date) };
    default:
      return assertNever(event);
  }
}

export const emptyCalendarStream = (): CalendarStream => ({ version: 0, nationalYears: [], settings: defaultTenantCalendarSettings, localHolidays: [] });

export const calendarDecider: Decider<CalendarCommand, CalendarEvent, CalendarStream> = {
  eventTypes: CALENDAR_EVENT_TYPES,
  initialState: emptyCalendarStream,
  decide,
  evolve,
};

/** The national year a NationalCalendarYearPublished event carries. */
export function nationalCalendarFromEvent(value: requestPb.NationalCalendarYearPublished): NationalCalendarYear {
  return {
    year: value.year,
    revision: value.revision,
    provisional: value.provisional,
    provisionalReason: value.provisionalReason,
    source: value.source,
    holidays: value.holidays.map((holiday): Holiday => {
      const kind = (Object.keys(KIND_OF) as (keyof typeof KIND_OF)[]).find((key) => KIND_OF[key] === holiday.kind);
      if (kind === undefined) throw new DomainError('CALENDAR.UNKNOWN_HOLIDAY_KIND', `unknown holiday kind ${holiday.kind}`);
      return holiday.provisional
        ? { date: holiday.date, kind, name: holiday.name, source: holiday.source, provisional: true }
        : { date: holiday.date, kind, name: holiday.name, source: holiday.source };
    }),
  };
}

export interface EffectiveNationalYear {
  calendar: NationalCalendarYear;
  /** Who published the version the tenant uses: shipped with the code, or the tenant's admin. */
  publishedBy: 'national' | 'tenant';
}

/** Per year, the highest revision the tenant sees; on a tie the tenant's own. Sorted by year. */
export function effectiveNationalYears(national: readonly NationalCalendarYear[], own: readonly NationalCalendarYear[]): EffectiveNationalYear[] {
  const byYear = new Map<number, EffectiveNationalYear>();
  const candidates: EffectiveNationalYear[] = [
    ...national.map((calendar) => ({ calendar, publishedBy: 'national' as const })),
    ...own.map((calendar) => ({ calendar, publishedBy: 'tenant' as const })),
  ];
  for (const candidate of candidates) {
    const current = byYear.get(candidate.calendar.year);
    if (
      !current ||
      candidate.calendar.revision > current.calendar.revision ||
      (candidate.calendar.revision === current.calendar.revision && candidate.publishedBy === 'tenant')
    ) {
      byYear.set(candidate.calendar.year, candidate);
    }
  }
  return [...byYear.values()].sort((a, b) => a.calendar.year - b.calendar.year);
}

/**
 * The working calendar a tenant's deadlines use: the effective national years, its settings and its
 * local holidays. The id names every national version and the tenant stream version, e.g.
 * `id-national@2026-1,2027-provisional-1+tenant-banjarmasin@3`, so a recorded deadline can be recomputed.
 */
export function tenantWorkingCalendar(tenantId: string, national: readonly NationalCalendarYear[], tenant: CalendarStream): WorkingCalendar {
  const years = effectiveNationalYears(national, tenant.nationalYears).map((effective) => effective.calendar);
  const local = tenant.localHolidays.map((holiday): Holiday => ({ date: holiday.date, kind: 'local-holiday', name: holiday.name, source: holiday.source }));
  return {
    id: `id-national@${years.map(nationalVersionLabel).join(',') || 'none'}+tenant-${tenantId}@${tenant.version}`,
    weekendDays: [6, 7],
    coveredYears: years.map((calendar) => calendar.year),
    provisionalYears: years.filter((calendar) => calendar.provisional).map((calendar) => calendar.year),
    holidays: [...years.flatMap((calendar) => calendar.holidays), ...local],
    utcOffsetMinutes: tenant.settings.utcOffsetMinutes,
    cutiBersamaIsWorkingDay: tenant.settings.cutiBersamaIsWorkingDay,
  };
}

const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] as const;
export type IndonesianWeekday = (typeof WEEKDAYS)[number];

/** The Indonesian name of a date's weekday, as calendars print it. */
export function weekdayOf(date: IsoDate): IndonesianWeekday {
  return WEEKDAYS[isoWeekday(dayNumber(date)) - 1];
}

export interface CalendarYearView {
  year: number;
  calendarId: string;
  nationalVersionId: string;
  publishedBy: EffectiveNationalYear['publishedBy'];
  provisional: boolean;
  provisionalReason: string;
  source: string;
  utcOffsetMinutes: number;
  cutiBersamaIsWorkingDay: boolean;
  workingDays: number;
  holidays: (Holiday & { weekday: IndonesianWeekday; provisional: boolean; dayOff: boolean })[];
}

/** A tenant's effective calendar for one year, as its staff read it. */
export function calendarYearView(tenantId: string, national: readonly NationalCalendarYear[], tenant: CalendarStream, year: number): CalendarYearView {
  const effective = effectiveNationalYears(national, tenant.nationalYears).find((candidate) => candidate.calendar.year === year);
  if (!effective) throw new DomainError('CALENDAR_YEAR.NOT_FOUND', `the calendar of tenant ${tenantId} does not cover ${year}`);
  const calendar = tenantWorkingCalendar(tenantId, national, tenant);
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  let workingDays = 0;
  for (let day = first; day <= last; day += 1) if (isWorkingDay(calendar, localDateOfEpochDay(day))) workingDays += 1;
  const order: Record<HolidayKind, number> = { 'national-holiday': 0, 'cuti-bersama': 1, 'local-holiday': 2 };
  const holidays = calendar.holidays
    .filter((holiday) => holiday.date.startsWith(`${year}-`))
    .sort((a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind])
    .map((holiday) => ({
      ...holiday,
      weekday: weekdayOf(holiday.date),
      provisional: holiday.provisional === true,
      dayOff: !(holiday.kind === 'cuti-bersama' && calendar.cutiBersamaIsWorkingDay),
    }));
  return {
    year,
    calendarId: calendar.id,
    nationalVersionId: nationalVersionId(effective.calendar),
    publishedBy: effective.publishedBy,
    provisional: effective.calendar.provisional,
    provisionalReason: effective.calendar.provisionalReason,
    source: effective.calendar.source,
    utcOffsetMinutes: calendar.utcOffsetMinutes,
    cutiBersamaIsWorkingDay: calendar.cutiBersamaIsWorkingDay === true,
    workingDays,
    holidays,
  };
}

function published(calendar: NationalCalendarYear, tenantId: string, now: string): CalendarEvent {
  return {
    $case: 'nationalCalendarYearPublished',
    value: {
      calendarVersionId: nationalVersionId(calendar),
      year: calendar.year,
      revision: calendar.revision,
      provisional: calendar.provisional,
      provisionalReason: calendar.provisional ? calendar.provisionalReason.trim() : '',
      source: calendar.source.trim(),
      holidays: calendar.holidays.map((holiday) => ({
        date: holiday.date,
        kind: KIND_OF[holiday.kind as keyof typeof KIND_OF] as requestPb.CalendarHolidayKind,
        name: holiday.name.trim(),
        provisional: holiday.provisional === true,
        source: holiday.source?.trim() ?? '',
      })),
      tenantId,
      publishedAt: now,
    },
  };
}

function refuseInvalid(calendar: Omit<NationalCalendarYear, 'revision'> & { revision?: number }): void {
  const violations = validateNationalCalendarYear(calendar);
  if (violations.length > 0) {
    throw new DomainError('CALENDAR.INVALID', `the ${calendar.year} calendar breaks ${violations.length} rule(s)`, { violations });
  }
}

function refuseNoTenant(tenantId: string): void {
  if (tenantId.trim() === '') throw new DomainError('CALENDAR.TENANT_REQUIRED', 'a tenant calendar command names its tenant');
}
