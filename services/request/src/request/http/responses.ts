import type { Response } from 'express';
import type { CommandOutcome } from '../commands/outcome';
import type { RequestWithUnit } from '../commands/request.commands';
import { type CalendarStream, type Complaint, evaluateCompleteness, nationalVersionId, type ServiceStandard } from '../domain';
import type { CalendarResponse } from './calendar.response';
import type { ComplaintResponse } from './complaint.response';
import type { RequestResponse } from './request.response';
import type { StandardResponse } from './service-standard.response';

/** A replayed Idempotency-Key gets the first answer; the header tells clients nothing new happened. */
export function markReplay(response: Response, outcome: CommandOutcome<unknown>): void {
  if (outcome.duplicate) response.setHeader('Idempotent-Replayed', 'true');
}

export function requestBody({ state, version, streamId }: CommandOutcome<RequestWithUnit>): RequestResponse {
  const request = state.request;
  if (request.status === 'none') return { requestId: streamId.replace(/^request-/, ''), version };
  return {
    requestId: request.requestId,
    trackingCode: request.trackingCode,
    unitId: state.unitId,
    status: request.status,
    dueDate: request.dueDate,
    // Said with every answer so an officer knows when a promised date rests on estimates.
    dueDateProvisional: request.dueDateProvisional,
    calendarId: request.calendarId,
    missingRequirements: request.missingRequirements,
    slaBreached: request.slaBreached,
    version,
  };
}

export function complaintBody({ state, version, streamId }: CommandOutcome<Complaint>): ComplaintResponse {
  if (state.status === 'none') return { complaintId: streamId.replace(/^complaint-/, ''), version };
  return {
    complaintId: state.complaintId,
    unitId: state.unitId,
    status: state.status,
    statusDueDate: state.statusDueDate,
    resolutionDueDate: state.resolutionDueDate || null,
    deadlinesProvisional: state.deadlinesProvisional,
    version,
  };
}

export function standardBody({ state, version, streamId }: CommandOutcome<ServiceStandard>): StandardResponse {
  if (state.status === 'none') return { serviceId: streamId.replace(/^service-standard-/, ''), version };
  return {
    serviceId: state.serviceId,
    unitId: state.unitId,
    revision: state.revision,
    effectiveAt: state.effectiveAt,
    completeness: evaluateCompleteness(state.content.components),
    version,
  };
}

/** A tenant's calendar stream after a command: what the admin changed, with the stream version. */
export function calendarBody(tenantId: string, { state, version }: CommandOutcome<CalendarStream>): CalendarResponse {
  return {
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
    version,
  };
}
