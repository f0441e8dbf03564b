import type { requestPb } from '@lib/contracts';
import { givenWhen, type DeciderOutcome } from '@lib/event-sourcing/domain';
import { nationalCalendar2025, nationalCalendar2026 } from './calendar-id-2025-2026';
import { nationalCalendar2027 } from './calendar-id-2027';
import type { NationalCalendarYear } from './national-calendar';
import {
  calendarDecider as decider,
  type CalendarCommand,
  type CalendarStream,
  calendarYearView,
  effectiveNationalYears,
  emptyCalendarStream,
  nationalCalendarFromEvent,
  shippedNationalCalendars,
  tenantWorkingCalendar,
  type CalendarEvent,
} from './tenant-calendar';
import { addWorkingDays, dependsOnProvisionalData, isWorkingDay, localDate, workingDaysBetween } from './working-days';

const NOW = '2026-11-23T02:00:00Z';
const TENANT = 'kota-banjarmasin';
const stream = (overrides: Partial<CalendarStream> = {}): CalendarStream => ({ ...emptyCalendarStream(), ...overrides });
const national = tenantWorkingCalendar(TENANT, shippedNationalCalendars, stream());
const wita = tenantWorkingCalendar(
  TENANT,
  shippedNationalCalendars,
  stream({ version: 1, settings: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false } }),
);
const hariJadi = tenantWorkingCalendar(
  TENANT,
  shippedNationalCalendars,
  stream({ version: 1, localHolidays: [{ date: '2026-09-24', name: 'Hari Jadi Kota Banjarmasin', source: '' }] }),
);
const worksThroughCutiBersama = tenantWorkingCalendar(
  TENANT,
  shippedNationalCalendars,
  stream({ version: 1, settings: { utcOffsetMinutes: 420, cutiBersamaIsWorkingDay: true } }),
);

/** A signed 2027 SKB as a test fixture: not the real one, which is not published yet. */
const skb2027Fixture: Omit<NationalCalendarYear, 'revision'> = {
  ...nationalCalendar2027,
  provisional: false,
  provisionalReason: '',
  source: 'test fixture standing in for the SKB 2027',
  holidays: [
    ...nationalCalendar2027.holidays.map(({ date, kind, name }) => ({ date, kind, name, source: 'test fixture' })),
    { date: '2027-01-04', kind: 'cuti-bersama', name: 'Cuti bersama (fixture)', source: 'test fixture' },
  ],
};

const published = (calendar: NationalCalendarYear, tenantId = ''): CalendarEvent => ({
  $case: 'nationalCalendarYearPublished',
  value: {
    calendarVersionId: `id-national@${calendar.year}${calendar.provisional ? '-provisional' : ''}-${calendar.revision}`,
    year: calendar.year,
    revision: calendar.revision,
    provisional: calendar.provisional,
    provisionalReason: calendar.provisionalReason,
    source: calendar.source,
    holidays: calendar.holidays.map((holiday) => ({
      date: holiday.date,
      kind: (holiday.kind === 'cuti-bersama'
        ? 'CALENDAR_HOLIDAY_KIND_CUTI_BERSAMA'
        : 'CALENDAR_HOLIDAY_KIND_NATIONAL_HOLIDAY') as requestPb.CalendarHolidayKind,
      name: holiday.name,
      provisional: holiday.provisional === true,
      source: holiday.source ?? '',
    })),
    tenantId,
    publishedAt: NOW,
  },
});
const settingsChanged = (utcOffsetMinutes: number, cutiBersamaIsWorkingDay = false): CalendarEvent => ({
  $case: 'tenantCalendarSettingsChanged',
  value: { tenantId: TENANT, utcOffsetMinutes, cutiBersamaIsWorkingDay, reason: 'WITA', changedAt: NOW },
});
const holidayAdded: CalendarEvent = {
  $case: 'localHolidayAdded',
  value: { tenantId: TENANT, date: '2026-09-24', name: 'Hari Jadi Kota Banjarmasin', source: 'Perda', addedAt: NOW },
};

describe('working days across 2026 → 2027 on the shipped national calendar', () => {
  // Monday 21 December 2026: 24 Dec is cuti bersama, 25 Dec Natal, 1 Jan 2027 New Year, 5 Jan Isra Mikraj (estimated).
  it.each([
    ['1 day', 1, '2026-12-22', false],
    ['3 days skip cuti bersama, Natal and the weekend', 3, '2026-12-28', false],
    ['5 days stay in 2026', 5, '2026-12-30', false],
    ['6 days end on New Year’s Eve', 6, '2026-12-31', false],
    ['7 days skip New Year and the weekend into provisional 2027', 7, '2027-01-04', true],
    ['8 days skip the estimated Isra Mikraj', 8, '2027-01-06', true],
  ])('%s', (_name, days, due, provisional) => {
    expect(addWorkingDays(national, '2026-12-21', days)).toBe(due);
    expect(dependsOnProvisionalData(national, '2026-12-21', due)).toBe(provisional);
    expect(workingDaysBetween(national, '2026-12-21', due)).toBe(days);
  });

  it('counts cuti bersama Natal for a tenant that works through it', () => {
    expect(addWorkingDays(worksThroughCutiBersama, '2026-12-21', 3)).toBe('2026-12-24');
  });

  it('still refuses a deadline past the last shipped year', () => {
    expect(() => addWorkingDays(national, '2027-12-28', 5)).toThrow(/has no holidays for 2028/);
  });
});

describe('dependsOnProvisionalData', () => {
  it.each([
    ['an empty range', '2027-02-01', '2027-02-01', false],
    ['a range inside a confirmed year without estimates', '2026-10-01', '2026-10-30', false],
    ['a range over an estimated 2026 Islamic holiday', '2026-03-16', '2026-03-30', true],
    ['a range ending on the last day of a confirmed year', '2026-12-21', '2026-12-31', false],
    ['a range reaching one day into a provisional year', '2026-12-21', '2027-01-01', true],
    ['a range inside a provisional year', '2027-07-01', '2027-07-09', true],
    ['a reversed range', '2027-01-04', '2026-12-21', true],
  ])('%s', (_name, from, to, expected) => {
    expect(dependsOnProvisionalData(national, from, to)).toBe(expected);
  });
});

describe('tenant settings in the arithmetic', () => {
  it.each([
    ['23:30 WIB on Thursday is still Thursday in WIB', national, '2026-07-02T16:30:00Z', '2026-07-02', '2026-07-03'],
    ['the same instant is 00:30 Friday in WITA, so one day runs to Monday', wita, '2026-07-02T16:30:00Z', '2026-07-03', '2026-07-06'],
    ['an hour earlier it is Thursday in WITA too', wita, '2026-07-02T15:30:00Z', '2026-07-02', '2026-07-03'],
  ])('%s', (_name, calendar, instant, today, dueInOneDay) => {
    expect(localDate(calendar, instant)).toBe(today);
    expect(addWorkingDays(calendar, localDate(calendar, instant), 1)).toBe(dueInOneDay);
  });

  it.each([
    ['the national calendar', national, '2026-09-24'],
    ['a tenant whose anniversary is that Thursday', hariJadi, '2026-09-25'],
  ])('moves a 2-day deadline from Tuesday 22 September 2026 on %s', (_name, calendar, due) => {
    expect(addWorkingDays(calendar, '2026-09-22', 2)).toBe(due);
  });

  it('names the national versions and the tenant version in the calendar id', () => {
    expect(national.id).toBe('id-national@2025-1,2026-1,2027-provisional-1+tenant-kota-banjarmasin@0');
    expect(hariJadi.id).toBe('id-national@2025-1,2026-1,2027-provisional-1+tenant-kota-banjarmasin@1');
    expect(national).toMatchObject({ coveredYears: [2025, 2026, 2027], provisionalYears: [2027], utcOffsetMinutes: 420 });
    expect(tenantWorkingCalendar(TENANT, [], stream()).id).toBe('id-national@none+tenant-kota-banjarmasin@0');
  });
});

describe('effectiveNationalYears', () => {
  const revision2 = { ...nationalCalendar2027, ...skb2027Fixture, revision: 2 };
  it.each<[string, NationalCalendarYear[], NationalCalendarYear[], [number, string, string][]]>([
    [
      'the shipped years when the tenant published none',
      shippedNationalCalendars.slice(),
      [],
      [
        [2025, 'national', '2025-1'],
        [2026, 'national', '2026-1'],
        [2027, 'national', '2027-provisional-1'],
      ],
    ],
    ['the tenant’s higher revision', [nationalCalendar2027], [revision2], [[2027, 'tenant', '2027-2']]],
    [
      'a higher shipped revision over the tenant’s lower one',
      [nationalCalendar2027, revision2],
      [{ ...nationalCalendar2027, revision: 1 }],
      [[2027, 'national', '2027-2']],
    ],
    ['the tenant’s own on a tie', [revision2], [revision2], [[2027, 'tenant', '2027-2']]],
  ])('picks %s', (_name, shipped, own, expected) => {
    const picked = effectiveNationalYears(shipped, own).map(({ calendar, publishedBy }) => [
      calendar.year,
      publishedBy,
      `${calendar.year}${calendar.provisional ? '-provisional' : ''}-${calendar.revision}`,
    ]);
    expect(picked).toEqual(expected);
  });
});

describe('calendar decider', () => {
  type Case = [string, CalendarEvent[], CalendarCommand, DeciderOutcome<CalendarEvent>];
  const publish = (
    calendar = skb2027Fixture,
    inUse: NationalCalendarYear | undefined = nationalCalendar2027,
  ): Extract<CalendarCommand, { type: 'PublishNationalCalendarYear' }> => ({
    type: 'PublishNationalCalendarYear',
    tenantId: TENANT,
    calendar,
    inUse,
    now: NOW,
  });

  it.each<Case>([
    [
      'ships a national year to the national stream',
      [],
      { type: 'ShipNationalCalendarYear', calendar: nationalCalendar2026, now: NOW },
      { events: [published(nationalCalendar2026)] },
    ],
    [
      'treats shipping the same version again as a no-op',
      [published(nationalCalendar2026)],
      { type: 'ShipNationalCalendarYear', calendar: nationalCalendar2026, now: NOW },
      { events: [] },
    ],
    [
      'refuses a shipped version whose content changed without a new revision',
      [published(nationalCalendar2026)],
      { type: 'ShipNationalCalendarYear', calendar: { ...nationalCalendar2026, source: 'edited' }, now: NOW },
      { error: { code: 'CALENDAR.REVISION_TAKEN' } },
    ],
    ['publishes a tenant’s 2027 above the revision it uses', [], publish(), { events: [published({ ...skb2027Fixture, revision: 2 }, TENANT)] }],
    ['treats publishing what the tenant already uses as a no-op', [], publish(nationalCalendar2027), { events: [] }],
    [
      'goes above the tenant’s own earlier publication',
      [published({ ...skb2027Fixture, revision: 2 }, TENANT)],
      publish({ ...skb2027Fixture, source: 'amended after the sidang isbat' }, nationalCalendar2027),
      { events: [published({ ...skb2027Fixture, source: 'amended after the sidang isbat', revision: 3 }, TENANT)] },
    ],
    [
      'refuses a year with a holiday of another year',
      [],
      publish({ ...skb2027Fixture, holidays: [{ date: '2026-12-25', kind: 'national-holiday', name: 'Natal', source: 'x' }] }),
      { error: { code: 'CALENDAR.INVALID' } },
    ],
    ['refuses a national year without a tenant', [], { ...publish(), tenantId: ' ' }, { error: { code: 'CALENDAR.TENANT_REQUIRED' } }],
    [
      'changes the settings',
      [],
      {
        type: 'ChangeTenantCalendarSettings',
        tenantId: TENANT,
        settings: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false },
        reason: ' WITA ',
        now: NOW,
      },
      { events: [settingsChanged(480)] },
    ],
    [
      'treats unchanged settings as a no-op',
      [settingsChanged(480)],
      { type: 'ChangeTenantCalendarSettings', tenantId: TENANT, settings: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false }, reason: '', now: NOW },
      { events: [] },
    ],
    [
      'refuses an offset Indonesia does not use',
      [],
      {
        type: 'ChangeTenantCalendarSettings',
        tenantId: TENANT,
        settings: { utcOffsetMinutes: 450 as 480, cutiBersamaIsWorkingDay: false },
        reason: '',
        now: NOW,
      },
      { error: { code: 'CALENDAR.INVALID_UTC_OFFSET' } },
    ],
    [
      'adds a local holiday',
      [],
      { type: 'AddLocalHoliday', tenantId: TENANT, holiday: { date: '2026-09-24', name: ' Hari Jadi Kota Banjarmasin ', source: 'Perda' }, now: NOW },
      { events: [holidayAdded] },
    ],
    [
      'treats adding the same local holiday again as a no-op',
      [holidayAdded],
      { type: 'AddLocalHoliday', tenantId: TENANT, holiday: { date: '2026-09-24', name: 'Hari Jadi Kota Banjarmasin', source: '' }, now: NOW },
      { events: [] },
    ],
    [
      'refuses a second local holiday on a date that has one',
      [holidayAdded],
      { type: 'AddLocalHoliday', tenantId: TENANT, holiday: { date: '2026-09-24', name: 'Another', source: '' }, now: NOW },
      { error: { code: 'CALENDAR.LOCAL_HOLIDAY_EXISTS' } },
    ],
    [
      'refuses a local holiday on a date that does not exist',
      [],
      { type: 'AddLocalHoliday', tenantId: TENANT, holiday: { date: '2026-02-30', name: 'x', source: '' }, now: NOW },
      { error: { code: 'CALENDAR.INVALID_DATE' } },
    ],
    [
      'refuses a local holiday without a name',
      [],
      { type: 'AddLocalHoliday', tenantId: TENANT, holiday: { date: '2026-09-24', name: ' ', source: '' }, now: NOW },
      { error: { code: 'CALENDAR.NAME_REQUIRED' } },
    ],
    [
      'removes a local holiday',
      [holidayAdded],
      { type: 'RemoveLocalHoliday', tenantId: TENANT, date: '2026-09-24', reason: 'dipindah', now: NOW },
      { events: [{ $case: 'localHolidayRemoved', value: { tenantId: TENANT, date: '2026-09-24', reason: 'dipindah', removedAt: NOW } }] },
    ],
    [
      'refuses to remove a local holiday that is not there',
      [],
      { type: 'RemoveLocalHoliday', tenantId: TENANT, date: '2026-09-24', reason: '', now: NOW },
      { error: { code: 'LOCAL_HOLIDAY.NOT_FOUND' } },
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(decider, given, when)).toEqual(expected);
  });

  it('folds a stream into the state the working calendar is built from', () => {
    const events = [published({ ...skb2027Fixture, revision: 2 }, TENANT), settingsChanged(480, true), holidayAdded];
    const state = events.reduce(decider.evolve, decider.initialState());
    expect(state).toMatchObject({ version: 3, settings: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: true }, localHolidays: [{ date: '2026-09-24' }] });
    const calendar = tenantWorkingCalendar(TENANT, shippedNationalCalendars, state);
    expect(calendar.id).toBe('id-national@2025-1,2026-1,2027-2+tenant-kota-banjarmasin@3');
    expect(calendar.provisionalYears).toEqual([]);
    // The fixture's cuti bersama on 4 January is worked by this tenant.
    expect(isWorkingDay(calendar, '2027-01-04')).toBe(true);
  });

  it('reads back the national year an event carries', () => {
    const event = published(nationalCalendar2027);
    expect(event.$case === 'nationalCalendarYearPublished' && nationalCalendarFromEvent(event.value)).toEqual(nationalCalendar2027);
  });
});

describe('calendarYearView', () => {
  it.each([
    ['2026 on the SKB: 365 − 104 weekend days − 13 weekday holidays − 8 cuti bersama', stream(), 2026, 240, false],
    ['2026 for a tenant working through cuti bersama', stream({ settings: { utcOffsetMinutes: 420, cutiBersamaIsWorkingDay: true } }), 2026, 248, false],
    ['2027 provisional: 365 − 104 − 10 weekday holidays, no cuti bersama known', stream(), 2027, 251, true],
  ])('counts %s', (_name, tenant, year, workingDays, provisional) => {
    expect(calendarYearView(TENANT, shippedNationalCalendars, tenant, year)).toMatchObject({ year, workingDays, provisional });
  });

  it('lists holidays in date order with weekday, kind, source and whether the office closes', () => {
    const view = calendarYearView(
      TENANT,
      [nationalCalendar2025, nationalCalendar2026],
      stream({
        settings: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: true },
        localHolidays: [{ date: '2026-09-24', name: 'Hari Jadi', source: 'Perda' }],
      }),
      2026,
    );
    expect(view).toMatchObject({ nationalVersionId: 'id-national@2026-1', publishedBy: 'national', utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: true });
    expect(view.holidays.map((h) => h.date)).toEqual([...view.holidays.map((h) => h.date)].sort());
    expect(view.holidays.find((h) => h.date === '2026-12-24')).toMatchObject({ kind: 'cuti-bersama', weekday: 'Kamis', dayOff: false });
    expect(view.holidays.find((h) => h.date === '2026-03-21')).toMatchObject({ kind: 'national-holiday', weekday: 'Sabtu', provisional: true, dayOff: true });
    expect(view.holidays.find((h) => h.date === '2026-09-24')).toMatchObject({
      kind: 'local-holiday',
      name: 'Hari Jadi',
      source: 'Perda',
      provisional: false,
      dayOff: true,
    });
  });

  it('refuses a year the tenant’s calendar does not cover', () => {
    expect(() => calendarYearView(TENANT, shippedNationalCalendars, stream(), 2028)).toThrow(expect.objectContaining({ code: 'CALENDAR_YEAR.NOT_FOUND' }));
  });
});
