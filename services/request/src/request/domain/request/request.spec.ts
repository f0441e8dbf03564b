import { givenWhen, type DeciderOutcome } from '@lib/event-sourcing/domain';
import { emptyCalendarStream, shippedNationalCalendars, tenantWorkingCalendar } from '../calendar/tenant-calendar';
import type { StandardInForce } from '../standard/service-standard';
import { requestDecider as decider, type RequestCommand, type RequestStreamEvent } from './request';

const KK = 'Fotokopi KK';
const RT = 'Surat pengantar RT/RW';
const standard: StandardInForce = { serviceId: 'svc-ktp', revision: 2, completionWorkingDays: 5, requirements: [KK, RT] };
const id = 'req-1';
const calendar = tenantWorkingCalendar('kota-x', shippedNationalCalendars, emptyCalendarStream());
const CALENDAR_ID = 'id-national@2025-1,2026-1,2027-provisional-1+tenant-kota-x@0';

// Monday 7 July 2025, 09:00 WIB; 5 working days → due Monday 14 July.
const MON_0707 = '2025-07-07T02:00:00Z';
const TUE_0708 = '2025-07-08T02:00:00Z';
const THU_0710 = '2025-07-10T02:00:00Z';

const submit = (overrides: Partial<Extract<RequestCommand, { type: 'SubmitRequest' }>> = {}): RequestCommand => ({
  type: 'SubmitRequest',
  requestId: id,
  serviceId: 'svc-ktp',
  unitId: 'disdukcapil',
  trackingCode: 'KTP-2025-000123',
  standard,
  suppliedRequirements: [KK, RT],
  calendar,
  now: MON_0707,
  ...overrides,
});
const returnIt = (missingRequirements: string[] = [RT], now = TUE_0708): RequestCommand => ({
  type: 'ReturnRequest',
  requestId: id,
  missingRequirements,
  note: 'Bawa surat pengantar',
  now,
});
const resubmit = (suppliedRequirements: string[] = [RT], now = THU_0710): RequestCommand => ({
  type: 'ResubmitRequest',
  requestId: id,
  suppliedRequirements,
  calendar,
  now,
});
const start = (now = TUE_0708): RequestCommand => ({ type: 'StartProcessing', requestId: id, now });
const complete = (now: string): RequestCommand => ({ type: 'CompleteRequest', requestId: id, calendar, now });
const reject = (reason = 'Data kependudukan tidak sesuai', now = TUE_0708): RequestCommand => ({ type: 'RejectRequest', requestId: id, reason, now });
const flag = (now: string): RequestCommand => ({ type: 'FlagSlaBreach', requestId: id, calendar, now });

const submitted = (
  supplied: Record<string, boolean> = { [KK]: true, [RT]: true },
  overrides: Partial<Extract<RequestStreamEvent, { $case: 'requestSubmitted' }>['value']> = {},
): RequestStreamEvent => ({
  $case: 'requestSubmitted',
  value: {
    requestId: id,
    serviceId: 'svc-ktp',
    unitId: 'disdukcapil',
    trackingCode: 'KTP-2025-000123',
    standardRevision: 2,
    completionWorkingDays: 5,
    dueDate: '2025-07-14',
    submittedAt: MON_0707,
    requirements: [
      { requirement: KK, supplied: supplied[KK] },
      { requirement: RT, supplied: supplied[RT] },
    ],
    calendarId: CALENDAR_ID,
    dueDateProvisional: false,
    ...overrides,
  },
});
const incomplete = submitted({ [KK]: true, [RT]: false });
const returned: RequestStreamEvent = {
  $case: 'requestReturned',
  value: { requestId: id, missingRequirements: [RT], note: 'Bawa surat pengantar', returnedAt: TUE_0708 },
};
const resubmitted: RequestStreamEvent = {
  $case: 'requestResubmitted',
  value: {
    requestId: id,
    resubmittedAt: THU_0710,
    dueDate: '2025-07-16',
    suppliedRequirements: [RT],
    pausedWorkingDays: 2,
    calendarId: CALENDAR_ID,
    dueDateProvisional: false,
  },
};
const started = (at = TUE_0708): RequestStreamEvent => ({ $case: 'requestProcessingStarted', value: { requestId: id, startedAt: at } });
const completed: RequestStreamEvent = {
  $case: 'requestCompleted',
  value: {
    requestId: id,
    completedAt: '2025-07-11T02:00:00Z',
    elapsedWorkingDays: 4,
    metStandard: true,
    trackingCode: 'KTP-2025-000123',
    serviceId: 'svc-ktp',
    completedOn: '2025-07-11',
    calendarId: calendar.id,
  },
};
const rejected: RequestStreamEvent = { $case: 'requestRejected', value: { requestId: id, reason: 'Data kependudukan tidak sesuai', rejectedAt: TUE_0708 } };
const breached: RequestStreamEvent = { $case: 'requestSlaBreached', value: { requestId: id, dueDate: '2025-07-14', detectedAt: '2025-07-15T02:00:00Z' } };

type Case = [string, RequestStreamEvent[], RequestCommand, DeciderOutcome<RequestStreamEvent>];

describe('request decider: transitions', () => {
  it.each<Case>([
    ['submits with a full checklist and a due date 5 working days on', [], submit(), { events: [submitted()] }],
    ['submits with a requirement missing, recorded on the checklist', [], submit({ suppliedRequirements: [KK] }), { events: [incomplete] }],
    [
      'counts from the tenant’s local date (00:30 WIB Monday, still Sunday in UTC)',
      [],
      submit({ now: '2025-07-06T17:30:00Z' }),
      { events: [submitted(undefined, { submittedAt: '2025-07-06T17:30:00Z', dueDate: '2025-07-14' })] },
    ],
    [
      'carries a due date across year end 2025 → 2026',
      [],
      submit({ now: '2025-12-22T02:00:00Z' }),
      { events: [submitted(undefined, { submittedAt: '2025-12-22T02:00:00Z', dueDate: '2025-12-31' })] },
    ],
    [
      'flags a due date that reaches into the provisional 2027 calendar',
      [],
      submit({ now: '2026-12-21T02:00:00Z', standard: { ...standard, completionWorkingDays: 7 } }),
      { events: [submitted(undefined, { submittedAt: '2026-12-21T02:00:00Z', completionWorkingDays: 7, dueDate: '2027-01-04', dueDateProvisional: true })] },
    ],
    ['returns a submitted request for missing requirements', [incomplete], returnIt(), { events: [returned] }],
    [
      'returns a request found incomplete during processing',
      [submitted(), started()],
      returnIt([RT], '2025-07-08T03:00:00Z'),
      {
        events: [{ ...returned, value: { ...returned.value, returnedAt: '2025-07-08T03:00:00Z' } } as RequestStreamEvent],
      },
    ],
    ['resubmits and moves the due date by the paused working days', [incomplete, returned], resubmit(), { events: [resubmitted] }],
    ['starts processing a complete request', [submitted()], start(), { events: [started()] }],
    ['starts processing after resubmission', [incomplete, returned, resubmitted], start(THU_0710), { events: [started(THU_0710)] }],
    ['treats a repeated start as a no-op', [submitted(), started()], start(), { events: [] }],
    [
      'completes within the standard (5 of 5 working days)',
      [submitted(), started()],
      complete('2025-07-14T08:00:00Z'),
      {
        events: [
          {
            ...completed,
            value: { ...completed.value, completedAt: '2025-07-14T08:00:00Z', completedOn: '2025-07-14', elapsedWorkingDays: 5, metStandard: true },
          } as RequestStreamEvent,
        ],
      },
    ],
    [
      'completes late (6 of 5 working days)',
      [submitted(), started()],
      complete('2025-07-15T02:00:00Z'),
      {
        events: [
          {
            ...completed,
            value: { ...completed.value, completedAt: '2025-07-15T02:00:00Z', completedOn: '2025-07-15', elapsedWorkingDays: 6, metStandard: false },
          } as RequestStreamEvent,
        ],
      },
    ],
    [
      'does not count paused days against the unit',
      [incomplete, returned, resubmitted, started(THU_0710)],
      complete('2025-07-16T08:00:00Z'),
      {
        events: [
          {
            ...completed,
            value: { ...completed.value, completedAt: '2025-07-16T08:00:00Z', completedOn: '2025-07-16', elapsedWorkingDays: 5, metStandard: true },
          } as RequestStreamEvent,
        ],
      },
    ],
    [
      'dates a completion after local midnight on the next local day (01:30 WIB)',
      [submitted(), started()],
      complete('2025-07-14T18:30:00Z'),
      {
        events: [
          {
            ...completed,
            value: { ...completed.value, completedAt: '2025-07-14T18:30:00Z', completedOn: '2025-07-15', elapsedWorkingDays: 6, metStandard: false },
          } as RequestStreamEvent,
        ],
      },
    ],
    ['rejects an open request with a reason', [submitted()], reject(), { events: [rejected] }],
    [
      'rejects a request the citizen never brought back',
      [incomplete, returned],
      reject('Tidak dilengkapi', THU_0710),
      {
        events: [{ $case: 'requestRejected', value: { requestId: id, reason: 'Tidak dilengkapi', rejectedAt: THU_0710 } }],
      },
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(decider, given, when)).toEqual(expected);
  });

  it('moves a year-end deadline by the pause across Natal, cuti bersama and New Year', () => {
    const yearEnd = submitted({ [KK]: true, [RT]: false }, { submittedAt: '2025-12-22T02:00:00Z', dueDate: '2025-12-31' });
    const back: RequestStreamEvent = {
      $case: 'requestReturned',
      value: { requestId: id, missingRequirements: [RT], note: '', returnedAt: '2025-12-23T02:00:00Z' },
    };
    expect(givenWhen(decider, [yearEnd, back], resubmit([RT], '2026-01-02T02:00:00Z'))).toMatchObject({
      events: [{ $case: 'requestResubmitted', value: { pausedWorkingDays: 5, dueDate: '2026-01-08' } }],
    });
  });

  describe('on the way into the provisional 2027 calendar', () => {
    const december = (dueDate: string, dueDateProvisional: boolean) =>
      submitted({ [KK]: true, [RT]: false }, { submittedAt: '2026-12-21T02:00:00Z', dueDate, dueDateProvisional });
    const back: RequestStreamEvent = {
      $case: 'requestReturned',
      value: { requestId: id, missingRequirements: [RT], note: '', returnedAt: '2026-12-22T02:00:00Z' },
    };

    it('flags a due date the pause pushes into 2027', () => {
      expect(givenWhen(decider, [december('2026-12-30', false), back], resubmit([RT], '2026-12-28T02:00:00Z'))).toEqual({
        events: [
          {
            $case: 'requestResubmitted',
            value: {
              requestId: id,
              resubmittedAt: '2026-12-28T02:00:00Z',
              dueDate: '2027-01-04',
              suppliedRequirements: [RT],
              pausedWorkingDays: 2,
              calendarId: CALENDAR_ID,
              dueDateProvisional: true,
            },
          },
        ],
      });
    });

    it('keeps a provisional due date provisional when nothing moves it', () => {
      expect(givenWhen(decider, [december('2027-01-04', true), back], resubmit([RT], '2026-12-22T07:00:00Z'))).toMatchObject({
        events: [{ value: { pausedWorkingDays: 0, dueDate: '2027-01-04', dueDateProvisional: true } }],
      });
    });

    it('keeps the submission’s calendar id for a resubmission recorded before resubmissions named one', () => {
      const legacy: RequestStreamEvent = { ...resubmitted, value: { ...resubmitted.value, calendarId: '', dueDateProvisional: false } } as RequestStreamEvent;
      const state = [incomplete, returned, legacy].reduce(decider.evolve, decider.initialState());
      expect(state).toMatchObject({ dueDate: '2025-07-16', calendarId: CALENDAR_ID, dueDateProvisional: false });
    });
  });

  it('keeps the pause at 0 when returned and resubmitted the same day', () => {
    expect(givenWhen(decider, [incomplete, returned], resubmit([RT], '2025-07-08T07:00:00Z'))).toMatchObject({
      events: [{ value: { pausedWorkingDays: 0, dueDate: '2025-07-14' } }],
    });
  });
});

describe('request decider: refusals', () => {
  it.each<[string, RequestStreamEvent[], RequestCommand, string]>([
    ['submitting twice', [submitted()], submit(), 'REQUEST.ALREADY_SUBMITTED'],
    ['submitting without a tracking code', [], submit({ trackingCode: ' ' }), 'REQUEST.TRACKING_CODE_REQUIRED'],
    ['submitting against another service’s standard', [], submit({ standard: { ...standard, serviceId: 'svc-kk' } }), 'REQUEST.STANDARD_MISMATCH'],
    ['supplying a requirement the standard does not list', [], submit({ suppliedRequirements: [KK, RT, 'Akta lahir'] }), 'REQUEST.UNKNOWN_REQUIREMENT'],
    ['a due date beyond the calendar’s years', [], submit({ now: '2027-12-28T02:00:00Z' }), 'CALENDAR.YEAR_NOT_COVERED'],
    ['a submission time that is not an instant', [], submit({ now: '2025-07-07' }), 'CALENDAR.INVALID_INSTANT'],
    ['any command before submission', [], start(), 'REQUEST.NOT_SUBMITTED'],
    ['a command dated before the last event', [submitted()], start('2025-07-06T02:00:00Z'), 'REQUEST.TIME_BEFORE_LAST_EVENT'],
    ['returning twice', [incomplete, returned], returnIt(), 'REQUEST.ALREADY_RETURNED'],
    ['returning without naming what is missing', [incomplete], returnIt([]), 'REQUEST.NOTHING_MISSING'],
    ['returning for a requirement not on the standard', [incomplete], returnIt(['Akta lahir']), 'REQUEST.UNKNOWN_REQUIREMENT'],
    ['returning a completed request', [submitted(), started(), completed], returnIt([RT], '2025-07-14T02:00:00Z'), 'REQUEST.ALREADY_COMPLETED'],
    ['returning a rejected request', [submitted(), rejected], returnIt(), 'REQUEST.ALREADY_REJECTED'],
    ['resubmitting a request that was not returned', [submitted()], resubmit(), 'REQUEST.NOT_RETURNED'],
    ['resubmitting without the missing requirements', [incomplete, returned], resubmit([KK]), 'REQUEST.MISSING_REQUIREMENTS'],
    ['resubmitting a rejected request', [incomplete, returned, rejected], resubmit(), 'REQUEST.ALREADY_REJECTED'],
    ['starting an incomplete request instead of returning it', [incomplete], start(), 'REQUEST.MISSING_REQUIREMENTS'],
    ['starting a returned request', [incomplete, returned], start(), 'REQUEST.AWAITING_REQUIREMENTS'],
    ['starting a completed request', [submitted(), started(), completed], start('2025-07-14T02:00:00Z'), 'REQUEST.ALREADY_COMPLETED'],
    ['starting a rejected request', [submitted(), rejected], start(), 'REQUEST.ALREADY_REJECTED'],
    ['completing a request not in process', [submitted()], complete(TUE_0708), 'REQUEST.NOT_IN_PROCESS'],
    ['completing a returned request', [incomplete, returned], complete(THU_0710), 'REQUEST.NOT_IN_PROCESS'],
    ['completing twice', [submitted(), started(), completed], complete('2025-07-14T02:00:00Z'), 'REQUEST.ALREADY_COMPLETED'],
    ['completing a rejected request', [submitted(), rejected], complete(THU_0710), 'REQUEST.ALREADY_REJECTED'],
    ['rejecting without a reason', [submitted()], reject(' '), 'REQUEST.REASON_REQUIRED'],
    ['rejecting a completed request', [submitted(), started(), completed], reject('x', '2025-07-14T02:00:00Z'), 'REQUEST.ALREADY_COMPLETED'],
    ['rejecting twice', [submitted(), rejected], reject(), 'REQUEST.ALREADY_REJECTED'],
    ['flagging a breach on a request that does not exist', [], flag('2025-07-20T02:00:00Z'), 'REQUEST.NOT_SUBMITTED'],
  ])('refuses %s', (_name, given, when, code) => {
    expect(givenWhen(decider, given, when)).toEqual({ error: { code } });
  });
});

describe('request decider: SLA breach', () => {
  const breach = (detectedAt: string, dueDate = '2025-07-14'): RequestStreamEvent => ({
    $case: 'requestSlaBreached',
    value: { requestId: id, dueDate, detectedAt },
  });

  it.each<Case>([
    ['nothing on the due date itself (23:00 WIB)', [submitted()], flag('2025-07-14T16:00:00Z'), { events: [] }],
    [
      'breached once the next working day begins in WIB (00:30 WIB Tuesday)',
      [submitted()],
      flag('2025-07-14T17:30:00Z'),
      { events: [breach('2025-07-14T17:30:00Z')] },
    ],
    ['breached while in process', [submitted(), started()], flag('2025-07-15T02:00:00Z'), { events: [breach('2025-07-15T02:00:00Z')] }],
    ['only once per request', [submitted(), breached], flag('2025-07-16T02:00:00Z'), { events: [] }],
    ['still only once after a return and resubmission', [submitted(), breached, returned, resubmitted], flag('2025-07-30T02:00:00Z'), { events: [] }],
    ['not while returned (the clock is paused)', [incomplete, returned], flag('2025-07-20T02:00:00Z'), { events: [] }],
    ['against the moved deadline after resubmission: not yet', [incomplete, returned, resubmitted], flag('2025-07-16T10:00:00Z'), { events: [] }],
    [
      'against the moved deadline after resubmission: passed',
      [incomplete, returned, resubmitted],
      flag('2025-07-17T02:00:00Z'),
      { events: [breach('2025-07-17T02:00:00Z', '2025-07-16')] },
    ],
    ['not for a completed request', [submitted(), started(), completed], flag('2025-07-20T02:00:00Z'), { events: [] }],
    ['not for a rejected request', [submitted(), rejected], flag('2025-07-20T02:00:00Z'), { events: [] }],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(decider, given, when)).toEqual(expected);
  });
});
