import type { CommandReply } from '@lib/platform';
import type { CommandOutcome } from '../commands/outcome';
import type { RequestWithUnit } from '../commands/request-stream';
import { type CalendarStream, type Complaint, evaluateCompleteness, nationalVersionId, type ServiceStandard } from '../domain';
import type { CalendarResponse } from './calendar.response';
import type { ComplaintResponse } from './complaint.response';
import type { RequestResponse } from './request.response';
import type { StandardResponse } from './service-standard.response';

/** Every command's reply (see CommandReply), which each body below extends with the resource it acted on. */
const replyOf = ({ streamId, version, appended, duplicate }: CommandOutcome<unknown>): CommandReply => ({ streamId, version, appended, duplicate });

export function requestBody(outcome: CommandOutcome<RequestWithUnit>): RequestResponse {
  const request = outcome.state.request;
  if (request.status === 'none') return { ...replyOf(outcome), requestId: outcome.streamId.replace(/^request-/, '') };
  return {
    ...replyOf(outcome),
    requestId: request.requestId,
    trackingCode: request.trackingCode,
    unitId: outcome.state.unitId,
    status: request.status,
    dueDate: request.dueDate,
    // Said with every answer so an officer knows when a promised date rests on estimates.
    dueDateProvisional: request.dueDateProvisional,
    calendarId: request.calendarId,
    missingRequirements: request.missingRequirements,
    slaBreached: request.slaBreached,
  };
}

export function complaintBody(outcome: CommandOutcome<Complaint>): ComplaintResponse {
  const state = outcome.state;
  if (state.status === 'none') return { ...replyOf(outcome), complaintId: outcome.streamId.replace(/^complaint-/, '') };
  return {
    ...replyOf(outcome),
    complaintId: state.complaintId,
    unitId: state.unitId,
    status: state.status,
    statusDueDate: state.statusDueDate,
    resolutionDueDate: state.resolutionDueDate || null,
    deadlinesProvisional: state.deadlinesProvisional,
  };
}

export function standardBody(outcome: CommandOutcome<ServiceStandard>): StandardResponse {
  const state = outcome.state;
  if (state.status === 'none') return { ...replyOf(outcome), serviceId: outcome.streamId.replace(/^service-standard-[^/]*\//, '') };
  return {
    ...replyOf(outcome),
    serviceId: state.serviceId,
    unitId: state.unitId,
    revision: state.revision,
    effectiveAt: state.effectiveAt,
    completeness: evaluateCompleteness(state.content.components),
  };
}

/** A tenant's calendar stream after a command: what the admin changed, with the stream version. */
export function calendarBody(tenantId: string, outcome: CommandOutcome<CalendarStream>): CalendarResponse {
  const state = outcome.state;
  return {
    ...replyOf(outcome),
    tenantId,
    utcOffsetMinutes: state.settings.utcOffsetMinutes,
    cutiBersamaIsWorkingDay: state.settings.cutiBersamaIsWorkingDay,
    localHolidays: [...state.localHolidays].sort((a, b) => a.date.localeCompare(b.date)),
    nationalYears: state.nationalYears.map((calendar) => ({
      calendarVersionId: nationalVersionId(calendar),
      year: calendar.year,
      revision: calendar.revision,
      provisional: calendar.provisional,
    })),
  };
}
