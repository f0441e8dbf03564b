import type { RequestEvent, requestPb } from '@lib/contracts';
import { assertNever, type Decider, type EventsOf } from '@lib/event-sourcing/domain';
import { DomainError } from '../error-codes';
import {
  addWorkingDays,
  deadlinePassed,
  dependsOnProvisionalData,
  instantMs,
  localDate,
  workingDaysBetween,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar/working-days';
import type { StandardInForce } from '../standard/service-standard';

/**
 * A citizen's service request, stream `request-<requestId>`.
 *
 * submitted → (returned → resubmitted)* → in process → completed | rejected
 *
 * SLA rules (working days on the tenant's calendar, see calendar/working-days.ts):
 * - due date = submission date + the standard's completion time; the submission day does not count.
 *   It is recorded with the calendar id it was computed on and whether it rests on provisional calendar
 *   data (a year before its SKB, an estimated holiday); a later calendar version never rewrites it.
 * - Returning the request pauses the clock; on resubmission the due date moves by the working days
 *   after the return day up to and including the resubmission day.
 * - elapsed working days = working days after the submission day up to the completion day, minus the
 *   paused ones; the standard is met when elapsed <= completion time (the same rule as the due date).
 * - `FlagSlaBreach` emits RequestSlaBreached at most once per request, only while the request is
 *   open and not returned: while it waits for the citizen the deadline is not final (resubmission
 *   moves it), and a request already late when returned is flagged after it comes back.
 *   A scheduler sweeps open requests, so every "not now" is a no-op rather than an error.
 */

export type RequestStatus = 'submitted' | 'returned' | 'in-process' | 'completed' | 'rejected';

export type Request =
  | { status: 'none' }
  | {
      status: RequestStatus;
      requestId: string;
      serviceId: string;
      trackingCode: string;
      submittedAt: string;
      completionWorkingDays: number;
      dueDate: IsoDate;
      /** The calendar the current due date was computed on. */
      calendarId: string;
      dueDateProvisional: boolean;
      checklist: requestPb.RequirementCheck[];
      pausedWorkingDays: number;
      returnedAt?: string;
      missingRequirements: string[];
      slaBreached: boolean;
      /** Instant of the last event, so commands cannot travel back in time. */
      lastAt: string;
    };

type OpenRequest = Exclude<Request, { status: 'none' }>;

export type RequestCommand =
  | {
      type: 'SubmitRequest';
      requestId: string;
      serviceId: string;
      unitId: string;
      trackingCode: string;
      /** The standard in force at submission, looked up by the handler. */
      standard: StandardInForce;
      suppliedRequirements: readonly string[];
      calendar: WorkingCalendar;
      now: string;
    }
  | { type: 'ReturnRequest'; requestId: string; missingRequirements: readonly string[]; note: string; now: string }
  | { type: 'ResubmitRequest'; requestId: string; suppliedRequirements: readonly string[]; calendar: WorkingCalendar; now: string }
  | { type: 'StartProcessing'; requestId: string; now: string }
  | { type: 'CompleteRequest'; requestId: string; calendar: WorkingCalendar; now: string }
  | { type: 'RejectRequest'; requestId: string; reason: string; now: string }
  | { type: 'FlagSlaBreach'; requestId: string; calendar: WorkingCalendar; now: string };

export const REQUEST_EVENT_TYPES = [
  'requestSubmitted',
  'requestReturned',
  'requestResubmitted',
  'requestProcessingStarted',
  'requestCompleted',
  'requestRejected',
  'requestSlaBreached',
] as const;
/** The events of one request's stream; RequestEvent is the whole topic's union. */
export type RequestStreamEvent = EventsOf<RequestEvent, typeof REQUEST_EVENT_TYPES>;

function decide(command: RequestCommand, state: Request): RequestStreamEvent[] {
  if (command.type === 'SubmitRequest') return submit(command, state);
  if (state.status === 'none') throw new DomainError('REQUEST.NOT_SUBMITTED', `request ${command.requestId} was never submitted`);
  if (instantMs(command.now) < instantMs(state.lastAt)) {
    throw new DomainError('REQUEST.TIME_BEFORE_LAST_EVENT', `${command.now} is before the request's last event at ${state.lastAt}`);
  }
  switch (command.type) {
    case 'ReturnRequest': {
      refuseWhenClosed(state);
      if (state.status === 'returned') throw new DomainError('REQUEST.ALREADY_RETURNED', `${state.requestId} is waiting for the citizen`);
      const missing = distinct(command.missingRequirements);
      if (missing.length === 0) throw new DomainError('REQUEST.NOTHING_MISSING', 'a return must name the missing requirements');
      refuseUnknown(state, missing);
      return [
        {
          $case: 'requestReturned',
          value: { requestId: state.requestId, missingRequirements: missing, note: command.note.trim(), returnedAt: command.now },
        },
      ];
    }
    case 'ResubmitRequest': {
      refuseWhenClosed(state);
      if (state.status !== 'returned' || state.returnedAt === undefined) {
        throw new DomainError('REQUEST.NOT_RETURNED', `${state.requestId} is not waiting for the citizen`);
      }
      const supplied = distinct(command.suppliedRequirements);
      refuseUnknown(state, supplied);
      const stillMissing = state.missingRequirements.filter((r) => !supplied.includes(r));
      if (stillMissing.length > 0) {
        throw new DomainError('REQUEST.MISSING_REQUIREMENTS', `still missing: ${stillMissing.join(', ')}`, { missing: stillMissing });
      }
      const { calendar } = command;
      const [returnedOn, resubmittedOn] = [localDate(calendar, state.returnedAt), localDate(calendar, command.now)];
      const paused = workingDaysBetween(calendar, returnedOn, resubmittedOn);
      const dueDate = addWorkingDays(calendar, state.dueDate, paused);
      return [
        {
          $case: 'requestResubmitted',
          value: {
            requestId: state.requestId,
            resubmittedAt: command.now,
            dueDate,
            suppliedRequirements: supplied,
            pausedWorkingDays: paused,
            calendarId: calendar.id,
            // The moved date inherits the old one's uncertainty and adds that of the days counted now.
            dueDateProvisional:
              state.dueDateProvisional ||
              dependsOnProvisionalData(calendar, returnedOn, resubmittedOn) ||
              dependsOnProvisionalData(calendar, state.dueDate, dueDate),
          },
        },
      ];
    }
    case 'StartProcessing': {
      refuseWhenClosed(state);
      if (state.status === 'in-process') return []; // a repeat
      if (state.status === 'returned') throw new DomainError('REQUEST.AWAITING_REQUIREMENTS', `${state.requestId} waits for the citizen`);
      const missing = state.checklist.filter((c) => !c.supplied).map((c) => c.requirement);
      if (missing.length > 0) {
        throw new DomainError('REQUEST.MISSING_REQUIREMENTS', `return it first; missing: ${missing.join(', ')}`, { missing });
      }
      return [{ $case: 'requestProcessingStarted', value: { requestId: state.requestId, startedAt: command.now } }];
    }
    case 'CompleteRequest': {
      refuseWhenClosed(state);
      if (state.status !== 'in-process') throw new DomainError('REQUEST.NOT_IN_PROCESS', `${state.requestId} is ${state.status}`);
      const used = workingDaysBetween(command.calendar, localDate(command.calendar, state.submittedAt), localDate(command.calendar, command.now));
      const elapsed = Math.max(0, used - state.pausedWorkingDays);
      return [
        {
          $case: 'requestCompleted',
          value: {
            requestId: state.requestId,
            completedAt: command.now,
            elapsedWorkingDays: elapsed,
            metStandard: elapsed <= state.completionWorkingDays,
            trackingCode: state.trackingCode,
            serviceId: state.serviceId,
            completedOn: localDate(command.calendar, command.now),
            calendarId: command.calendar.id,
          },
        },
      ];
    }
    case 'RejectRequest': {
      refuseWhenClosed(state);
      if (command.reason.trim() === '') throw new DomainError('REQUEST.REASON_REQUIRED', 'a rejection needs a reason for the citizen');
      return [{ $case: 'requestRejected', value: { requestId: state.requestId, reason: command.reason.trim(), rejectedAt: command.now } }];
    }
    case 'FlagSlaBreach': {
      if (state.status === 'completed' || state.status === 'rejected' || state.status === 'returned' || state.slaBreached) return [];
      if (!deadlinePassed(command.calendar, state.dueDate, localDate(command.calendar, command.now))) return [];
      return [{ $case: 'requestSlaBreached', value: { requestId: state.requestId, dueDate: state.dueDate, detectedAt: command.now } }];
    }
    default:
      return assertNever(command);
  }
}

function submit(command: Extract<RequestCommand, { type: 'SubmitRequest' }>, state: Request): RequestStreamEvent[] {
  if (state.status !== 'none') throw new DomainError('REQUEST.ALREADY_SUBMITTED', `request ${command.requestId} exists`);
  if (command.trackingCode.trim() === '') throw new DomainError('REQUEST.TRACKING_CODE_REQUIRED', 'a request needs a tracking code');
  const { standard } = command;
  if (standard.serviceId !== command.serviceId) {
    throw new DomainError('REQUEST.STANDARD_MISMATCH', `standard of ${standard.serviceId} given for ${command.serviceId}`);
  }
  const supplied = distinct(command.suppliedRequirements);
  const unknown = supplied.filter((r) => !standard.requirements.includes(r));
  if (unknown.length > 0) {
    throw new DomainError('REQUEST.UNKNOWN_REQUIREMENT', `not on the standard: ${unknown.join(', ')}`, { unknown });
  }
  const calendar = command.calendar;
  const submittedOn = localDate(calendar, command.now);
  const dueDate = addWorkingDays(calendar, submittedOn, standard.completionWorkingDays);
  return [
    {
      $case: 'requestSubmitted',
      value: {
        requestId: command.requestId,
        serviceId: command.serviceId,
        unitId: command.unitId,
        trackingCode: command.trackingCode.trim(),
        standardRevision: standard.revision,
        completionWorkingDays: standard.completionWorkingDays,
        dueDate,
        submittedAt: command.now,
        requirements: standard.requirements.map((requirement) => ({ requirement, supplied: supplied.includes(requirement) })),
        calendarId: calendar.id,
        dueDateProvisional: dependsOnProvisionalData(calendar, submittedOn, dueDate),
      },
    },
  ];
}

function evolve(state: Request, event: RequestStreamEvent): Request {
  switch (event.$case) {
    case 'requestSubmitted': {
      const v = event.value;
      return {
        status: 'submitted',
        requestId: v.requestId,
        serviceId: v.serviceId,
        trackingCode: v.trackingCode,
        submittedAt: v.submittedAt,
        completionWorkingDays: v.completionWorkingDays,
        dueDate: v.dueDate,
        calendarId: v.calendarId,
        dueDateProvisional: v.dueDateProvisional,
        checklist: v.requirements.map((c) => ({ ...c })),
        pausedWorkingDays: 0,
        missingRequirements: [],
        slaBreached: false,
        lastAt: v.submittedAt,
      };
    }
    case 'requestReturned':
      return open(state, (s) => ({
        ...s,
        status: 'returned',
        returnedAt: event.value.returnedAt,
        missingRequirements: event.value.missingRequirements,
        checklist: s.checklist.map((c) => (event.value.missingRequirements.includes(c.requirement) ? { ...c, supplied: false } : c)),
        lastAt: event.value.returnedAt,
      }));
    case 'requestResubmitted':
      return open(state, (s) => ({
        ...s,
        status: 'submitted',
        returnedAt: undefined,
        missingRequirements: [],
        dueDate: event.value.dueDate,
        // Resubmissions recorded before they named their calendar keep the submission's.
        calendarId: event.value.calendarId || s.calendarId,
        dueDateProvisional: event.value.dueDateProvisional,
        pausedWorkingDays: s.pausedWorkingDays + event.value.pausedWorkingDays,
        checklist: s.checklist.map((c) => (event.value.suppliedRequirements.includes(c.requirement) ? { ...c, supplied: true } : c)),
        lastAt: event.value.resubmittedAt,
      }));
    case 'requestProcessingStarted':
      return open(state, (s) => ({ ...s, status: 'in-process', lastAt: event.value.startedAt }));
    case 'requestCompleted':
      return open(state, (s) => ({ ...s, status: 'completed', lastAt: event.value.completedAt }));
    case 'requestRejected':
      return open(state, (s) => ({ ...s, status: 'rejected', lastAt: event.value.rejectedAt }));
    case 'requestSlaBreached':
      return open(state, (s) => ({ ...s, slaBreached: true }));
    default:
      return assertNever(event);
  }
}

export const requestDecider: Decider<RequestCommand, RequestStreamEvent, Request> = {
  eventTypes: REQUEST_EVENT_TYPES,
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function open(state: Request, change: (s: OpenRequest) => Request): Request {
  return state.status === 'none' ? state : change(state);
}

function refuseWhenClosed(state: OpenRequest): void {
  if (state.status === 'completed') throw new DomainError('REQUEST.ALREADY_COMPLETED', `${state.requestId} is completed`);
  if (state.status === 'rejected') throw new DomainError('REQUEST.ALREADY_REJECTED', `${state.requestId} was rejected`);
}

function refuseUnknown(state: OpenRequest, requirements: readonly string[]): void {
  const unknown = requirements.filter((r) => !state.checklist.some((c) => c.requirement === r));
  if (unknown.length > 0) {
    throw new DomainError('REQUEST.UNKNOWN_REQUIREMENT', `not on the standard: ${unknown.join(', ')}`, { unknown });
  }
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}
