import type { RequestEvent, requestPb } from '@lib/contracts';
import { assertNever, type Decider, type EventsOf } from '@lib/event-sourcing/domain';
import { DomainError } from '../error-codes';
import { instantMs, localDate, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import {
  deadlineFrom,
  deadlineIsProvisional,
  isOverdue,
  rulesetIsProvisional,
  rulesetRef,
  type ComplaintCategoryKey,
  type ComplaintRuleset,
  type DeadlineRule,
} from './complaints-2018';

/**
 * A complaint (pengaduan), stream `complaint-<complaintId>`, following the LAPOR! V3 flow:
 *
 * received → verified | postponed (tunda) | not our authority | archived
 * postponed → verified | not our authority | archived
 * verified → assigned (disposisi; re-assignable) → responded (tindak lanjut, repeatable) → resolved
 * resolved → reopened by the reporter → assigned again, with a new resolution deadline
 *
 * Privacy: the reporter's identity never enters an event. Commands carry an opaque `reporterRef`
 * (a key into the identity store, which can be erased); references that look like an e-mail address,
 * a phone number or a 16-digit NIK are refused.
 *
 * Deadlines (see complaints-2018.ts): the first status is due `status.days` after receipt and is met by
 * any verification outcome. The resolution deadline runs from receipt; it does not run while the
 * complaint is postponed and is recomputed from the day a postponed complaint is verified (Perpres
 * 76/2013 counts from a complete file), and again from a reopening. `FlagComplaintDeadlineBreach`
 * emits ComplaintDeadlineBreached once per deadline (kind + due date): a reopened complaint's new
 * resolution deadline can be breached once more. Not-yet-due or already-flagged is a no-op.
 * Every computed deadline is recorded with its calendar id and whether it rests on provisional
 * calendar data; a later calendar version never rewrites it.
 */

export type ComplaintChannelKey = 'in-person' | 'web' | 'lapor';
export type VerificationOutcomeKey = 'verified' | 'postponed' | 'not-our-authority' | 'archived';
export type ComplaintStatus = 'received' | 'postponed' | 'verified' | 'assigned' | 'responded' | 'resolved' | 'not-our-authority' | 'archived';

const CHANNELS: Record<ComplaintChannelKey, string> = {
  'in-person': 'COMPLAINT_CHANNEL_IN_PERSON',
  web: 'COMPLAINT_CHANNEL_WEB',
  lapor: 'COMPLAINT_CHANNEL_LAPOR',
};
const CATEGORIES: Record<ComplaintCategoryKey, string> = {
  'information-request': 'COMPLAINT_CATEGORY_INFORMATION_REQUEST',
  grievance: 'COMPLAINT_CATEGORY_GRIEVANCE',
  'dispute-without-field-check': 'COMPLAINT_CATEGORY_DISPUTE_WITHOUT_FIELD_CHECK',
  'dispute-with-field-check': 'COMPLAINT_CATEGORY_DISPUTE_WITH_FIELD_CHECK',
};
const OUTCOMES: Record<VerificationOutcomeKey, string> = {
  verified: 'VERIFICATION_OUTCOME_VERIFIED',
  postponed: 'VERIFICATION_OUTCOME_POSTPONED',
  'not-our-authority': 'VERIFICATION_OUTCOME_NOT_OUR_AUTHORITY',
  archived: 'VERIFICATION_OUTCOME_ARCHIVED',
};
const STATUS_KIND = 'COMPLAINT_DEADLINE_KIND_STATUS' as requestPb.ComplaintDeadlineKind;
const RESOLUTION_KIND = 'COMPLAINT_DEADLINE_KIND_RESOLUTION' as requestPb.ComplaintDeadlineKind;

const channelOf = (key: ComplaintChannelKey) => CHANNELS[key] as requestPb.ComplaintChannel;
const categoryOf = (key: ComplaintCategoryKey) => CATEGORIES[key] as requestPb.ComplaintCategory;
const outcomeOf = (key: VerificationOutcomeKey) => OUTCOMES[key] as requestPb.VerificationOutcome;
const keyOf = <K extends string>(table: Record<K, string>, value: string): K => {
  const key = (Object.keys(table) as K[]).find((k) => table[k] === value);
  if (key === undefined) throw new DomainError('COMPLAINT.UNKNOWN_ENUM', `unknown value ${value}`);
  return key;
};

export type Complaint =
  | { status: 'none' }
  | {
      status: ComplaintStatus;
      complaintId: string;
      unitId: string;
      channel: ComplaintChannelKey;
      category: ComplaintCategoryKey;
      reporterRef: string;
      ruleset: string;
      statusDueDate: IsoDate;
      resolutionDueDate: IsoDate;
      /** Whether the open deadlines rest on provisional calendar data. */
      deadlinesProvisional: boolean;
      /** `kind@dueDate` of every deadline already flagged. */
      breached: string[];
      /** Its personal data was erased: no new personal text is taken for it. */
      personalDataErased: boolean;
      lastAt: string;
    };

type Open = Exclude<Complaint, { status: 'none' }>;

export type ComplaintCommand =
  | {
      type: 'ReceiveComplaint';
      complaintId: string;
      unitId: string;
      channel: ComplaintChannelKey;
      category: ComplaintCategoryKey;
      /** SP4N-LAPOR! reference; required exactly when the channel is LAPOR!. */
      laporReference?: string;
      subject: string;
      /** With the reporter's personal data removed by the caller. */
      description: string;
      /** Opaque key into the identity store. */
      reporterRef: string;
      ruleset: ComplaintRuleset;
      calendar: WorkingCalendar;
      now: string;
    }
  | {
      type: 'VerifyComplaint';
      complaintId: string;
      outcome: VerificationOutcomeKey;
      note: string;
      ruleset: ComplaintRuleset;
      calendar: WorkingCalendar;
      now: string;
    }
  | { type: 'AssignComplaint'; complaintId: string; unitId: string; now: string }
  | { type: 'RespondToComplaint'; complaintId: string; response: string; now: string }
  | { type: 'ResolveComplaint'; complaintId: string; ruleset: ComplaintRuleset; calendar: WorkingCalendar; now: string }
  | {
      type: 'ReopenComplaint';
      complaintId: string;
      reporterRef: string;
      reason: string;
      ruleset: ComplaintRuleset;
      calendar: WorkingCalendar;
      now: string;
    }
  | { type: 'FlagComplaintDeadlineBreach'; complaintId: string; ruleset: ComplaintRuleset; calendar: WorkingCalendar; now: string }
  | { type: 'EraseComplaintPersonalData'; complaintId: string; reason: string; cause: ErasureCauseKey; now: string }
  | { type: 'ReadReporterContact'; complaintId: string; now: string };

export type ErasureCauseKey = 'request' | 'retention';
const CAUSES: Record<ErasureCauseKey, string> = { request: 'ERASURE_CAUSE_REQUEST', retention: 'ERASURE_CAUSE_RETENTION' };

/** Statuses after which nothing happens to a complaint unless its reporter reopens a resolved one. */
export const CLOSED_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['resolved', 'not-our-authority', 'archived'];

const IDENTITY_PATTERNS: readonly RegExp[] = [
  /@/, // e-mail address
  /^\+?[\d\s-]{9,}$/, // phone number
  /(^|\D)\d{16}(\D|$)/, // NIK
];

export const COMPLAINT_EVENT_TYPES = [
  'complaintReceived',
  'complaintVerified',
  'complaintAssigned',
  'complaintResponded',
  'complaintResolved',
  'complaintReopened',
  'complaintDeadlineBreached',
  'personalDataErased',
  'complaintReporterContactRead',
] as const;
export type ComplaintEvent = EventsOf<RequestEvent, typeof COMPLAINT_EVENT_TYPES>;

function decide(command: ComplaintCommand, state: Complaint): ComplaintEvent[] {
  if (command.type === 'ReceiveComplaint') return receive(command, state);
  if (state.status === 'none') throw new DomainError('COMPLAINT.NOT_RECEIVED', `complaint ${command.complaintId} was never received`);
  if (instantMs(command.now) < instantMs(state.lastAt)) {
    throw new DomainError('COMPLAINT.TIME_BEFORE_LAST_EVENT', `${command.now} is before the complaint's last event at ${state.lastAt}`);
  }
  if ('ruleset' in command && rulesetRef(command.ruleset) !== state.ruleset) {
    throw new DomainError('COMPLAINT.RULESET_MISMATCH', `received under ${state.ruleset}, not ${rulesetRef(command.ruleset)}`);
  }
  switch (command.type) {
    case 'VerifyComplaint': {
      refuseWhenClosed(state);
      if (state.status === 'postponed' && command.outcome === 'postponed') {
        throw new DomainError('COMPLAINT.ALREADY_POSTPONED', `${state.complaintId} is already postponed`);
      }
      if (state.status !== 'received' && state.status !== 'postponed') {
        throw new DomainError('COMPLAINT.ALREADY_VERIFIED', `${state.complaintId} is ${state.status}`);
      }
      if (command.outcome !== 'verified' && command.note.trim() === '') {
        throw new DomainError('COMPLAINT.NOTE_REQUIRED', `a "${command.outcome}" outcome must tell the reporter why`);
      }
      const closes = command.outcome === 'not-our-authority' || command.outcome === 'archived';
      const recomputed = command.outcome === 'verified' && state.status === 'postponed' ? newResolutionDeadline(command, state) : undefined;
      return [
        {
          $case: 'complaintVerified',
          value: {
            complaintId: state.complaintId,
            outcome: outcomeOf(command.outcome),
            note: command.note.trim(),
            verifiedAt: command.now,
            resolutionDueDate: closes ? '' : (recomputed?.resolutionDueDate ?? state.resolutionDueDate),
            calendarId: recomputed?.calendarId ?? '',
            resolutionDueDateProvisional: recomputed?.resolutionDueDateProvisional ?? false,
          },
        },
      ];
    }
    case 'AssignComplaint': {
      refuseWhenClosed(state);
      if (state.status === 'received' || state.status === 'postponed') {
        throw new DomainError('COMPLAINT.NOT_VERIFIED', `${state.complaintId} must be verified before it is assigned`);
      }
      if (command.unitId.trim() === '') throw new DomainError('COMPLAINT.UNIT_REQUIRED', 'assign to a unit');
      if (state.status !== 'verified' && state.unitId === command.unitId) return []; // already there
      return [{ $case: 'complaintAssigned', value: { complaintId: state.complaintId, unitId: command.unitId, assignedAt: command.now } }];
    }
    case 'RespondToComplaint': {
      refuseWhenClosed(state);
      if (state.status !== 'assigned' && state.status !== 'responded') {
        throw new DomainError('COMPLAINT.NOT_ASSIGNED', `${state.complaintId} is not assigned to a unit`);
      }
      if (command.response.trim() === '') throw new DomainError('COMPLAINT.RESPONSE_REQUIRED', 'a response needs text');
      return [{ $case: 'complaintResponded', value: { complaintId: state.complaintId, response: command.response.trim(), respondedAt: command.now } }];
    }
    case 'ResolveComplaint': {
      refuseWhenClosed(state);
      if (state.status !== 'responded') throw new DomainError('COMPLAINT.NOT_RESPONDED', `${state.complaintId} has no response yet`);
      const today = localDate(command.calendar, command.now);
      return [
        {
          $case: 'complaintResolved',
          value: {
            complaintId: state.complaintId,
            resolvedAt: command.now,
            withinDeadline: !isOverdue(resolutionRule(command.ruleset, state), command.calendar, state.resolutionDueDate, today),
            viaLapor: state.channel === 'lapor',
          },
        },
      ];
    }
    case 'ReopenComplaint': {
      if (state.status !== 'resolved') throw new DomainError('COMPLAINT.NOT_RESOLVED', `${state.complaintId} is ${state.status}`);
      if (command.reporterRef !== state.reporterRef) throw new DomainError('COMPLAINT.NOT_REPORTER', 'only the reporter can reopen a complaint');
      if (command.reason.trim() === '') throw new DomainError('COMPLAINT.REASON_REQUIRED', 'a reopening needs a reason');
      return [
        {
          $case: 'complaintReopened',
          value: {
            complaintId: state.complaintId,
            reason: command.reason.trim(),
            reopenedAt: command.now,
            ...newResolutionDeadline(command, state),
          },
        },
      ];
    }
    case 'FlagComplaintDeadlineBreach': {
      const today = localDate(command.calendar, command.now);
      const events: ComplaintEvent[] = [];
      const breach = (kind: requestPb.ComplaintDeadlineKind, rule: DeadlineRule, dueDate: IsoDate) => {
        if (state.breached.includes(`${kind}@${dueDate}`) || !isOverdue(rule, command.calendar, dueDate, today)) return;
        events.push({ $case: 'complaintDeadlineBreached', value: { complaintId: state.complaintId, kind, dueDate, detectedAt: command.now } });
      };
      if (state.status === 'received') breach(STATUS_KIND, command.ruleset.status, state.statusDueDate);
      if (['received', 'verified', 'assigned', 'responded'].includes(state.status)) {
        breach(RESOLUTION_KIND, resolutionRule(command.ruleset, state), state.resolutionDueDate);
      }
      return events;
    }
    case 'EraseComplaintPersonalData': {
      if (state.personalDataErased) return []; // erased before: the history already says so
      if (command.reason.trim() === '') throw new DomainError('COMPLAINT.ERASURE_REASON_REQUIRED', 'an erasure needs its reason');
      return [
        {
          $case: 'personalDataErased',
          value: {
            subjectKind: 'complaint',
            subjectId: state.complaintId,
            reason: command.reason.trim(),
            cause: CAUSES[command.cause] as requestPb.ErasureCause,
            erasedAt: command.now,
          },
        },
      ];
    }
    case 'ReadReporterContact':
      if (state.personalDataErased) throw new DomainError('COMPLAINT.PERSONAL_DATA_ERASED', `${state.complaintId}'s personal data was erased`);
      if (CLOSED_COMPLAINT_STATUSES.includes(state.status)) {
        throw new DomainError('COMPLAINT.CONTACT_CLOSED', `${state.complaintId} is ${state.status}: its reporter is no longer contacted`);
      }
      return [{ $case: 'complaintReporterContactRead', value: { complaintId: state.complaintId, readAt: command.now } }];
    default:
      return assertNever(command);
  }
}

function receive(command: Extract<ComplaintCommand, { type: 'ReceiveComplaint' }>, state: Complaint): ComplaintEvent[] {
  if (state.status !== 'none') throw new DomainError('COMPLAINT.ALREADY_RECEIVED', `complaint ${command.complaintId} exists`);
  const reporterRef = command.reporterRef.trim();
  if (reporterRef === '') throw new DomainError('COMPLAINT.REPORTER_REF_REQUIRED', 'a complaint needs an opaque reporter reference');
  if (IDENTITY_PATTERNS.some((pattern) => pattern.test(reporterRef))) {
    throw new DomainError('COMPLAINT.REPORTER_REF_NOT_OPAQUE', 'the reporter reference looks like personal data; pass the identity-store key');
  }
  const laporReference = command.laporReference?.trim() ?? '';
  if (command.channel === 'lapor' && laporReference === '') {
    throw new DomainError('COMPLAINT.LAPOR_REFERENCE_REQUIRED', 'a SP4N-LAPOR! complaint carries its reference number');
  }
  if (command.channel !== 'lapor' && laporReference !== '') {
    throw new DomainError('COMPLAINT.LAPOR_REFERENCE_UNEXPECTED', `a ${command.channel} complaint has no SP4N-LAPOR! reference`);
  }
  if (command.subject.trim() === '') throw new DomainError('COMPLAINT.SUBJECT_REQUIRED', 'a complaint needs a subject');
  if (command.unitId.trim() === '') throw new DomainError('COMPLAINT.UNIT_REQUIRED', 'a complaint is about a unit');
  const { ruleset, calendar } = command;
  const received = localDate(calendar, command.now);
  const statusDueDate = deadlineFrom(ruleset.status, calendar, received);
  const resolution = ruleset.resolution[command.category];
  const resolutionDueDate = deadlineFrom(resolution, calendar, received);
  return [
    {
      $case: 'complaintReceived',
      value: {
        complaintId: command.complaintId,
        unitId: command.unitId,
        channel: channelOf(command.channel),
        category: categoryOf(command.category),
        laporReference,
        subject: command.subject.trim(),
        description: command.description.trim(),
        receivedAt: command.now,
        statusDueDate,
        resolutionDueDate,
        ruleset: rulesetRef(ruleset),
        provisional: rulesetIsProvisional(ruleset),
        reporterRef,
        calendarId: calendar.id,
        deadlinesProvisional:
          deadlineIsProvisional(ruleset.status, calendar, received, statusDueDate) || deadlineIsProvisional(resolution, calendar, received, resolutionDueDate),
      },
    },
  ];
}

/** A resolution deadline counted afresh from today (a postponed complaint verified, or a reopening). */
function newResolutionDeadline(command: { ruleset: ComplaintRuleset; calendar: WorkingCalendar; now: string }, state: Open) {
  const rule = resolutionRule(command.ruleset, state);
  const today = localDate(command.calendar, command.now);
  const resolutionDueDate = deadlineFrom(rule, command.calendar, today);
  return {
    resolutionDueDate,
    calendarId: command.calendar.id,
    resolutionDueDateProvisional: deadlineIsProvisional(rule, command.calendar, today, resolutionDueDate),
  };
}

function evolve(state: Complaint, event: ComplaintEvent): Complaint {
  switch (event.$case) {
    case 'complaintReceived': {
      const v = event.value;
      return {
        status: 'received',
        complaintId: v.complaintId,
        unitId: v.unitId,
        channel: keyOf(CHANNELS, v.channel),
        category: keyOf(CATEGORIES, v.category),
        reporterRef: v.reporterRef,
        ruleset: v.ruleset,
        statusDueDate: v.statusDueDate,
        resolutionDueDate: v.resolutionDueDate,
        deadlinesProvisional: v.deadlinesProvisional,
        breached: [],
        personalDataErased: false,
        lastAt: v.receivedAt,
      };
    }
    case 'complaintVerified': {
      const status: ComplaintStatus = keyOf(OUTCOMES, event.value.outcome);
      const recomputed = event.value.calendarId !== '';
      return open(state, (s) => ({
        ...s,
        status,
        resolutionDueDate: event.value.resolutionDueDate,
        deadlinesProvisional: recomputed ? event.value.resolutionDueDateProvisional : s.deadlinesProvisional,
        lastAt: event.value.verifiedAt,
      }));
    }
    case 'complaintAssigned':
      return open(state, (s) => ({ ...s, status: 'assigned', unitId: event.value.unitId, lastAt: event.value.assignedAt }));
    case 'complaintResponded':
      return open(state, (s) => ({ ...s, status: 'responded', lastAt: event.value.respondedAt }));
    case 'complaintResolved':
      return open(state, (s) => ({ ...s, status: 'resolved', lastAt: event.value.resolvedAt }));
    case 'complaintReopened':
      return open(state, (s) => ({
        ...s,
        status: 'assigned',
        resolutionDueDate: event.value.resolutionDueDate,
        deadlinesProvisional: event.value.resolutionDueDateProvisional,
        lastAt: event.value.reopenedAt,
      }));
    case 'complaintDeadlineBreached':
      return open(state, (s) => ({ ...s, breached: [...s.breached, `${event.value.kind}@${event.value.dueDate}`] }));
    case 'personalDataErased':
      return open(state, (s) => ({ ...s, personalDataErased: true }));
    case 'complaintReporterContactRead':
      return state;
    default:
      return assertNever(event);
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, Complaint> = {
  eventTypes: COMPLAINT_EVENT_TYPES,
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function open(state: Complaint, change: (s: Open) => Complaint): Complaint {
  return state.status === 'none' ? state : change(state);
}

function resolutionRule(ruleset: ComplaintRuleset, state: Open): DeadlineRule {
  return ruleset.resolution[state.category];
}

function refuseWhenClosed(state: Open): void {
  if (state.status === 'resolved') throw new DomainError('COMPLAINT.ALREADY_RESOLVED', `${state.complaintId} is resolved; the reporter may reopen it`);
  if (state.status === 'not-our-authority' || state.status === 'archived') {
    throw new DomainError('COMPLAINT.CLOSED', `${state.complaintId} was closed as ${state.status}`);
  }
}
