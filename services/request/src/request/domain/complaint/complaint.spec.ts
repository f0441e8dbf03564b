import type { requestPb } from '@lib/contracts';
import { givenWhen, type DeciderOutcome } from '@lib/event-sourcing/domain';
import { emptyCalendarStream, shippedNationalCalendars, tenantWorkingCalendar } from '../calendar/tenant-calendar';
import { complaintDecider as decider, type ComplaintCommand, type ComplaintEvent } from './complaint';
import { complaints2018, deadlineFrom, isOverdue, rulesetIsProvisional, rulesetRef, type ComplaintCategoryKey, type ComplaintRuleset } from './complaints-2018';

const id = 'cmp-1';
const ruleset = complaints2018;
const calendar = tenantWorkingCalendar('kota-x', shippedNationalCalendars, emptyCalendarStream());
const CALENDAR_ID = 'id-national@2025-1,2026-1,2027-provisional-1+tenant-kota-x@0';
const MON_0707 = '2025-07-07T02:00:00Z'; // 09:00 WIB
const at = (date: string, time = '02:00:00') => `${date}T${time}Z`;

const receive = (overrides: Partial<Extract<ComplaintCommand, { type: 'ReceiveComplaint' }>> = {}): ComplaintCommand => ({
  type: 'ReceiveComplaint',
  complaintId: id,
  unitId: 'disdukcapil',
  channel: 'web',
  category: 'grievance',
  subject: 'Antrean KTP-el',
  description: 'Antrean lebih dari 4 jam',
  reporterRef: 'rep-7f3a9c',
  ruleset,
  calendar,
  now: MON_0707,
  ...overrides,
});
const verify = (outcome: Extract<ComplaintCommand, { type: 'VerifyComplaint' }>['outcome'], now = at('2025-07-08'), note = 'Catatan'): ComplaintCommand => ({
  type: 'VerifyComplaint',
  complaintId: id,
  outcome,
  note,
  ruleset,
  calendar,
  now,
});
const assign = (unitId = 'dinas-pu', now = at('2025-07-08', '03:00:00')): ComplaintCommand => ({ type: 'AssignComplaint', complaintId: id, unitId, now });
const respond = (response = 'Loket tambahan dibuka', now = at('2025-07-09')): ComplaintCommand => ({
  type: 'RespondToComplaint',
  complaintId: id,
  response,
  now,
});
const resolve = (now = at('2025-07-11')): ComplaintCommand => ({ type: 'ResolveComplaint', complaintId: id, ruleset, calendar, now });
const reopen = (reporterRef = 'rep-7f3a9c', now = at('2025-07-15'), reason = 'Antrean masih panjang'): ComplaintCommand => ({
  type: 'ReopenComplaint',
  complaintId: id,
  reporterRef,
  reason,
  ruleset,
  calendar,
  now,
});
const flag = (now: string, rules: ComplaintRuleset = ruleset): ComplaintCommand => ({
  type: 'FlagComplaintDeadlineBreach',
  complaintId: id,
  ruleset: rules,
  calendar,
  now,
});

const received = (overrides: Partial<Extract<ComplaintEvent, { $case: 'complaintReceived' }>['value']> = {}): ComplaintEvent => ({
  $case: 'complaintReceived',
  value: {
    complaintId: id,
    unitId: 'disdukcapil',
    channel: 'COMPLAINT_CHANNEL_WEB' as requestPb.ComplaintChannel,
    category: 'COMPLAINT_CATEGORY_GRIEVANCE' as requestPb.ComplaintCategory,
    laporReference: '',
    subject: 'Antrean KTP-el',
    description: 'Antrean lebih dari 4 jam',
    receivedAt: MON_0707,
    statusDueDate: '2025-07-10',
    resolutionDueDate: '2025-07-14',
    ruleset: 'complaints-2018@1',
    provisional: true,
    reporterRef: 'rep-7f3a9c',
    calendarId: CALENDAR_ID,
    deadlinesProvisional: false,
    ...overrides,
  },
});
const verifiedEvent = (outcome: string, verifiedAt: string, resolutionDueDate: string, recomputedOn = ''): ComplaintEvent => ({
  $case: 'complaintVerified',
  value: {
    complaintId: id,
    outcome: outcome as requestPb.VerificationOutcome,
    note: 'Catatan',
    verifiedAt,
    resolutionDueDate,
    calendarId: recomputedOn,
    resolutionDueDateProvisional: false,
  },
});
const verified = verifiedEvent('VERIFICATION_OUTCOME_VERIFIED', at('2025-07-08'), '2025-07-14');
const postponed = verifiedEvent('VERIFICATION_OUTCOME_POSTPONED', at('2025-07-08'), '2025-07-14');
const archived = verifiedEvent('VERIFICATION_OUTCOME_ARCHIVED', at('2025-07-08'), '');
const notOurs = verifiedEvent('VERIFICATION_OUTCOME_NOT_OUR_AUTHORITY', at('2025-07-08'), '');
const assigned: ComplaintEvent = { $case: 'complaintAssigned', value: { complaintId: id, unitId: 'dinas-pu', assignedAt: at('2025-07-08', '03:00:00') } };
const responded: ComplaintEvent = { $case: 'complaintResponded', value: { complaintId: id, response: 'Loket tambahan dibuka', respondedAt: at('2025-07-09') } };
const resolved: ComplaintEvent = {
  $case: 'complaintResolved',
  value: { complaintId: id, resolvedAt: at('2025-07-11'), withinDeadline: true, viaLapor: false },
};
const reopened: ComplaintEvent = {
  $case: 'complaintReopened',
  value: {
    complaintId: id,
    reason: 'Antrean masih panjang',
    reopenedAt: at('2025-07-15'),
    resolutionDueDate: '2025-07-22',
    calendarId: CALENDAR_ID,
    resolutionDueDateProvisional: false,
  },
};
const breached = (kind: 'STATUS' | 'RESOLUTION', dueDate: string, detectedAt: string): ComplaintEvent => ({
  $case: 'complaintDeadlineBreached',
  value: { complaintId: id, kind: `COMPLAINT_DEADLINE_KIND_${kind}` as requestPb.ComplaintDeadlineKind, dueDate, detectedAt },
});
const lifecycle = [received(), verified, assigned, responded];
const erase = (reason = 'Permintaan pelapor (UU PDP Pasal 8)', cause: 'request' | 'retention' = 'request', now = at('2025-07-12')): ComplaintCommand => ({
  type: 'EraseComplaintPersonalData',
  complaintId: id,
  reason,
  cause,
  now,
});
const erased = (reason = 'Permintaan pelapor (UU PDP Pasal 8)', cause = 'ERASURE_CAUSE_REQUEST', erasedAt = at('2025-07-12')): ComplaintEvent => ({
  $case: 'personalDataErased',
  value: { subjectKind: 'complaint', subjectId: id, reason, cause: cause as requestPb.ErasureCause, erasedAt },
});
const readContact = (now = at('2025-07-10')): ComplaintCommand => ({ type: 'ReadReporterContact', complaintId: id, now });

type Case = [string, ComplaintEvent[], ComplaintCommand, DeciderOutcome<ComplaintEvent>];

describe('complaints-2018 ruleset', () => {
  it.each<[string, ComplaintCategoryKey, string, string]>([
    ['information request: 5 working days over Natal and cuti bersama', 'information-request', '2025-12-19', '2025-12-30'],
    ['keluhan: 5 working days', 'grievance', '2025-07-07', '2025-07-14'],
    ['dispute without field check: 14 working days', 'dispute-without-field-check', '2025-07-07', '2025-07-25'],
    ['dispute with field check: 60 working days over 18 August and Maulid', 'dispute-with-field-check', '2025-07-07', '2025-10-01'],
  ])('%s', (_name, category, start, due) => {
    expect(deadlineFrom(ruleset.resolution[category], calendar, start)).toBe(due);
  });

  it('gives the first status 3 working days', () => {
    expect(deadlineFrom(ruleset.status, calendar, '2025-12-19')).toBe('2025-12-24');
  });

  it('flags its unconfirmed values as provisional with a source', () => {
    expect(ruleset.status.provisional).toBe(false);
    expect(Object.values(ruleset.resolution).every((rule) => rule.provisional && rule.source.length > 0)).toBe(true);
    expect(rulesetIsProvisional(ruleset)).toBe(true);
    expect(rulesetRef(ruleset)).toBe('complaints-2018@1');
  });

  it.each([
    ['calendar days count weekends', { days: 3, unit: 'calendar' as const }, '2025-07-04', '2025-07-07', '2025-07-07', false],
    ['calendar days pass the next day, even a Saturday', { days: 1, unit: 'calendar' as const }, '2025-07-03', '2025-07-04', '2025-07-05', true],
    ['working days do not pass on the weekend', { days: 1, unit: 'working' as const }, '2025-07-03', '2025-07-04', '2025-07-05', false],
  ])('%s', (_name, rule, start, due, today, overdue) => {
    const full = { ...rule, provisional: false, source: 'test' };
    expect(deadlineFrom(full, calendar, start)).toBe(due);
    expect(isOverdue(full, calendar, due, today)).toBe(overdue);
  });
});

describe('complaint decider: transitions', () => {
  it.each<Case>([
    ['receives a web complaint with both deadlines', [], receive(), { events: [received()] }],
    [
      'receives a SP4N-LAPOR! complaint with its reference',
      [],
      receive({ channel: 'lapor', laporReference: 'LAPOR-7721345' }),
      { events: [received({ channel: 'COMPLAINT_CHANNEL_LAPOR' as requestPb.ComplaintChannel, laporReference: 'LAPOR-7721345' })] },
    ],
    [
      'receives a dispute needing a field check with a 60-working-day deadline',
      [],
      receive({ category: 'dispute-with-field-check', channel: 'in-person' }),
      {
        events: [
          received({
            channel: 'COMPLAINT_CHANNEL_IN_PERSON' as requestPb.ComplaintChannel,
            category: 'COMPLAINT_CATEGORY_DISPUTE_WITH_FIELD_CHECK' as requestPb.ComplaintCategory,
            resolutionDueDate: '2025-10-01',
          }),
        ],
      },
    ],
    [
      'flags deadlines that reach into the provisional 2027 calendar',
      [],
      receive({ now: at('2026-12-28') }),
      { events: [received({ receivedAt: at('2026-12-28'), statusDueDate: '2026-12-31', resolutionDueDate: '2027-01-06', deadlinesProvisional: true })] },
    ],
    ['verifies a received complaint, keeping the resolution deadline', [received()], verify('verified'), { events: [verified] }],
    ['postpones a received complaint', [received()], verify('postponed'), { events: [postponed] }],
    [
      'verifies a postponed complaint and counts resolution from then',
      [received(), postponed],
      verify('verified', at('2025-07-10')),
      { events: [verifiedEvent('VERIFICATION_OUTCOME_VERIFIED', at('2025-07-10'), '2025-07-17', CALENDAR_ID)] },
    ],
    ['closes a complaint that is not the Pemda’s authority', [received()], verify('not-our-authority'), { events: [notOurs] }],
    ['archives a received complaint', [received()], verify('archived'), { events: [archived] }],
    ['archives a postponed complaint', [received(), postponed], verify('archived'), { events: [archived] }],
    ['assigns a verified complaint to a unit', [received(), verified], assign(), { events: [assigned] }],
    [
      're-assigns to another unit',
      [received(), verified, assigned],
      assign('dinkes', at('2025-07-09')),
      { events: [{ $case: 'complaintAssigned', value: { complaintId: id, unitId: 'dinkes', assignedAt: at('2025-07-09') } }] },
    ],
    ['treats assigning to the same unit again as a no-op', [received(), verified, assigned], assign(), { events: [] }],
    ['records the unit’s response', [received(), verified, assigned], respond(), { events: [responded] }],
    [
      'records a further response',
      lifecycle,
      respond('Petugas ditambah', at('2025-07-10')),
      { events: [{ $case: 'complaintResponded', value: { complaintId: id, response: 'Petugas ditambah', respondedAt: at('2025-07-10') } }] },
    ],
    ['resolves within the deadline', lifecycle, resolve(), { events: [resolved] }],
    [
      'resolves late after the deadline',
      lifecycle,
      resolve(at('2025-07-15')),
      { events: [{ $case: 'complaintResolved', value: { complaintId: id, resolvedAt: at('2025-07-15'), withinDeadline: false, viaLapor: false } }] },
    ],
    [
      'marks a SP4N-LAPOR! complaint as resolved via LAPOR!',
      [received({ channel: 'COMPLAINT_CHANNEL_LAPOR' as requestPb.ComplaintChannel, laporReference: 'LAPOR-1' }), verified, assigned, responded],
      resolve(),
      { events: [{ $case: 'complaintResolved', value: { complaintId: id, resolvedAt: at('2025-07-11'), withinDeadline: true, viaLapor: true } }] },
    ],
    ['reopens at the reporter’s request with a new resolution deadline', [...lifecycle, resolved], reopen(), { events: [reopened] }],
    [
      'lets the unit respond again after a reopening',
      [...lifecycle, resolved, reopened],
      respond('Jadwal antrean online', at('2025-07-16')),
      { events: [{ $case: 'complaintResponded', value: { complaintId: id, response: 'Jadwal antrean online', respondedAt: at('2025-07-16') } }] },
    ],
    ['erases the personal data of an open complaint at an administrator’s request', [received(), verified], erase(), { events: [erased()] }],
    [
      'erases the personal data of a resolved complaint when its retention ends',
      [...lifecycle, resolved],
      erase('retensi: 730 hari setelah ditutup', 'retention'),
      { events: [erased('retensi: 730 hari setelah ditutup', 'ERASURE_CAUSE_RETENTION')] },
    ],
    ['treats a second erasure as a no-op', [...lifecycle, erased()], erase(), { events: [] }],
    [
      'records that staff read the reporter’s contact',
      [received(), verified, assigned],
      readContact(),
      { events: [{ $case: 'complaintReporterContactRead', value: { complaintId: id, readAt: at('2025-07-10') } }] },
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(decider, given, when)).toEqual(expected);
  });

  it('carries the reporter only as the opaque reference', () => {
    const outcome = givenWhen(decider, [], receive({ reporterRef: ' rep-7f3a9c ' }));
    expect(outcome).toMatchObject({ events: [{ value: { reporterRef: 'rep-7f3a9c' } }] });
  });
});

describe('complaint decider: refusals', () => {
  const otherRuleset: ComplaintRuleset = { ...ruleset, version: 2 };
  it.each<[string, ComplaintEvent[], ComplaintCommand, string]>([
    ['receiving twice', [received()], receive(), 'COMPLAINT.ALREADY_RECEIVED'],
    ['a reporter e-mail address as reference', [], receive({ reporterRef: 'warga@example.com' }), 'COMPLAINT.REPORTER_REF_NOT_OPAQUE'],
    ['a reporter phone number as reference', [], receive({ reporterRef: '+62 812-3456-7890' }), 'COMPLAINT.REPORTER_REF_NOT_OPAQUE'],
    ['a NIK as reference', [], receive({ reporterRef: 'nik-6371010101010001' }), 'COMPLAINT.REPORTER_REF_NOT_OPAQUE'],
    ['no reporter reference', [], receive({ reporterRef: ' ' }), 'COMPLAINT.REPORTER_REF_REQUIRED'],
    ['a LAPOR! complaint without reference', [], receive({ channel: 'lapor' }), 'COMPLAINT.LAPOR_REFERENCE_REQUIRED'],
    ['a LAPOR! reference on a web complaint', [], receive({ laporReference: 'LAPOR-1' }), 'COMPLAINT.LAPOR_REFERENCE_UNEXPECTED'],
    ['no subject', [], receive({ subject: '' }), 'COMPLAINT.SUBJECT_REQUIRED'],
    ['no unit', [], receive({ unitId: '' }), 'COMPLAINT.UNIT_REQUIRED'],
    ['a deadline beyond the calendar’s years', [], receive({ category: 'dispute-with-field-check', now: at('2027-11-02') }), 'CALENDAR.YEAR_NOT_COVERED'],
    ['any command before receipt', [], verify('verified'), 'COMPLAINT.NOT_RECEIVED'],
    ['a command dated before the last event', [received()], verify('verified', at('2025-07-06')), 'COMPLAINT.TIME_BEFORE_LAST_EVENT'],
    ['a command under another ruleset version', [received()], flag(at('2025-07-20'), otherRuleset), 'COMPLAINT.RULESET_MISMATCH'],
    ['verifying twice', [received(), verified], verify('verified'), 'COMPLAINT.ALREADY_VERIFIED'],
    ['postponing twice', [received(), postponed], verify('postponed'), 'COMPLAINT.ALREADY_POSTPONED'],
    ['postponing without a note', [received()], verify('postponed', at('2025-07-08'), ' '), 'COMPLAINT.NOTE_REQUIRED'],
    ['archiving without a note', [received()], verify('archived', at('2025-07-08'), ''), 'COMPLAINT.NOTE_REQUIRED'],
    ['verifying an archived complaint', [received(), archived], verify('verified'), 'COMPLAINT.CLOSED'],
    ['assigning before verification', [received()], assign(), 'COMPLAINT.NOT_VERIFIED'],
    ['assigning a postponed complaint', [received(), postponed], assign(), 'COMPLAINT.NOT_VERIFIED'],
    ['assigning to no unit', [received(), verified], assign(''), 'COMPLAINT.UNIT_REQUIRED'],
    ['assigning a complaint that is not ours', [received(), notOurs], assign(), 'COMPLAINT.CLOSED'],
    ['assigning a resolved complaint', [...lifecycle, resolved], assign('dinkes', at('2025-07-12')), 'COMPLAINT.ALREADY_RESOLVED'],
    ['responding before assignment', [received(), verified], respond(), 'COMPLAINT.NOT_ASSIGNED'],
    ['responding with no text', [received(), verified, assigned], respond(' '), 'COMPLAINT.RESPONSE_REQUIRED'],
    ['responding to a resolved complaint', [...lifecycle, resolved], respond('x', at('2025-07-12')), 'COMPLAINT.ALREADY_RESOLVED'],
    ['resolving without a response', [received(), verified, assigned], resolve(), 'COMPLAINT.NOT_RESPONDED'],
    ['resolving twice', [...lifecycle, resolved], resolve(), 'COMPLAINT.ALREADY_RESOLVED'],
    ['resolving an archived complaint', [received(), archived], resolve(), 'COMPLAINT.CLOSED'],
    ['reopening an unresolved complaint', lifecycle, reopen(), 'COMPLAINT.NOT_RESOLVED'],
    ['reopening by someone else', [...lifecycle, resolved], reopen('rep-other'), 'COMPLAINT.NOT_REPORTER'],
    ['reopening without a reason', [...lifecycle, resolved], reopen('rep-7f3a9c', at('2025-07-15'), ''), 'COMPLAINT.REASON_REQUIRED'],
    ['flagging a complaint that does not exist', [], flag(at('2025-07-20')), 'COMPLAINT.NOT_RECEIVED'],
    ['an erasure without a reason', [received()], erase(' '), 'COMPLAINT.ERASURE_REASON_REQUIRED'],
    ['reading the contact of a resolved complaint', [...lifecycle, resolved], readContact(at('2025-07-12')), 'COMPLAINT.CONTACT_CLOSED'],
    ['reading the contact of an archived complaint', [received(), archived], readContact(), 'COMPLAINT.CONTACT_CLOSED'],
    [
      'reading the contact after erasure',
      [received(), verified, erased(undefined, undefined, at('2025-07-09'))],
      readContact(),
      'COMPLAINT.PERSONAL_DATA_ERASED',
    ],
  ])('refuses %s', (_name, given, when, code) => {
    expect(givenWhen(decider, given, when)).toEqual({ error: { code } });
  });
});

describe('complaint decider: deadline breaches', () => {
  it.each<Case>([
    ['nothing before the status deadline passes (23:00 WIB on the due day)', [received()], flag(at('2025-07-10', '16:00:00')), { events: [] }],
    [
      'the status deadline once no status was given in 3 working days',
      [received()],
      flag(at('2025-07-11')),
      { events: [breached('STATUS', '2025-07-10', at('2025-07-11'))] },
    ],
    [
      'both deadlines when nothing happened',
      [received()],
      flag(at('2025-07-15')),
      { events: [breached('STATUS', '2025-07-10', at('2025-07-15')), breached('RESOLUTION', '2025-07-14', at('2025-07-15'))] },
    ],
    ['each deadline only once', [received(), breached('STATUS', '2025-07-10', at('2025-07-11'))], flag(at('2025-07-11', '05:00:00')), { events: [] }],
    ['no status breach once verified', [received(), verified], flag(at('2025-07-11')), { events: [] }],
    [
      'the resolution deadline of an assigned complaint',
      [received(), verified, assigned],
      flag(at('2025-07-15')),
      { events: [breached('RESOLUTION', '2025-07-14', at('2025-07-15'))] },
    ],
    ['the resolution deadline after a response', lifecycle, flag(at('2025-07-15')), { events: [breached('RESOLUTION', '2025-07-14', at('2025-07-15'))] }],
    ['nothing while postponed (waiting for the reporter)', [received(), postponed], flag(at('2025-07-20')), { events: [] }],
    ['nothing once resolved', [...lifecycle, resolved], flag(at('2025-07-20')), { events: [] }],
    ['nothing once archived', [received(), archived], flag(at('2025-07-20')), { events: [] }],
    [
      'the new resolution deadline of a reopened complaint, once more',
      [...lifecycle, breached('RESOLUTION', '2025-07-14', at('2025-07-14', '18:00:00')), resolved, reopened].map((e) =>
        e.$case === 'complaintResolved'
          ? ({ ...e, value: { ...e.value, resolvedAt: at('2025-07-15', '01:00:00'), withinDeadline: false } } as ComplaintEvent)
          : e,
      ),
      flag(at('2025-07-23')),
      { events: [breached('RESOLUTION', '2025-07-22', at('2025-07-23'))] },
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(decider, given, when)).toEqual(expected);
  });
});
