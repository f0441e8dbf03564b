import { Injectable } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import type { Projection, StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';

/** Columns an event after the submission changes; unset ones keep their value. */
interface RequestPatch {
  status?: string;
  paused?: boolean;
  due_date?: string;
  due_date_provisional?: boolean;
  calendar_id?: string;
  met_standard?: boolean;
  elapsed_working_days?: number;
  closed_at?: string;
  sla_breached?: boolean;
  updated_at: string;
}

const INSERT_SUBMITTED = `
  INSERT INTO requests_v1 (request_id, tenant_id, unit_id, service_id, tracking_code, status, period, submitted_at, due_date, calendar_id, due_date_provisional, updated_at)
  SELECT request_id, tenant_id, unit_id, service_id, tracking_code, 'submitted', period, submitted_at, due_date, calendar_id, due_date_provisional, updated_at
  FROM jsonb_to_recordset($1::jsonb) AS s(request_id uuid, tenant_id text, unit_id text, service_id text, tracking_code text, period text,
    submitted_at timestamptz, due_date date, calendar_id text, due_date_provisional boolean, updated_at timestamptz)
  ON CONFLICT (request_id) DO NOTHING`;

const APPLY_PATCHES = `
  UPDATE requests_v1 r SET
    status = coalesce(p.status, r.status),
    paused = coalesce(p.paused, r.paused),
    due_date = coalesce(p.due_date, r.due_date),
    due_date_provisional = coalesce(p.due_date_provisional, r.due_date_provisional),
    calendar_id = coalesce(p.calendar_id, r.calendar_id),
    met_standard = coalesce(p.met_standard, r.met_standard),
    elapsed_working_days = coalesce(p.elapsed_working_days, r.elapsed_working_days),
    closed_at = coalesce(p.closed_at, r.closed_at),
    sla_breached = coalesce(p.sla_breached, r.sla_breached),
    updated_at = p.updated_at
  FROM jsonb_to_recordset($1::jsonb) AS p(request_id uuid, status text, paused boolean, due_date date, due_date_provisional boolean, calendar_id text,
    met_standard boolean, elapsed_working_days int, closed_at timestamptz, sla_breached boolean, updated_at timestamptz)
  WHERE r.request_id = p.request_id`;

/**
 * One row per request: status, due date, pause and SLA outcome, for the public status page, the
 * per-unit figures and the SLA breach scanner. The period is the month of submission (UTC+7 would
 * move a few requests at month ends; the figures follow the submission instant's calendar month in UTC).
 * A batch is written with two statements whatever its size: the submissions, then per request the
 * changes of its later events merged in order (each statement is a round trip, and a busy service
 * projects thousands of events a second).
 */
@Injectable()
export class RequestsProjection implements Projection<RequestEvent> {
  readonly name = 'requests_v1';
  readonly tables = ['requests_v1'];

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    const submitted: Record<string, unknown>[] = [];
    const patches = new Map<string, RequestPatch>();
    const patch = (requestId: string, changes: Omit<RequestPatch, 'updated_at'>, at: string) =>
      patches.set(requestId, { ...patches.get(requestId), ...changes, updated_at: at });
    for (const { event, envelope } of events) {
      const at = envelope.occurredAt;
      switch (event.$case) {
        case 'requestSubmitted': {
          const v = event.value;
          submitted.push({
            request_id: v.requestId,
            tenant_id: envelope.tenantId,
            unit_id: v.unitId,
            service_id: v.serviceId,
            tracking_code: v.trackingCode,
            period: v.submittedAt.slice(0, 7),
            submitted_at: v.submittedAt,
            due_date: v.dueDate,
            calendar_id: v.calendarId,
            due_date_provisional: v.dueDateProvisional,
            updated_at: at,
          });
          break;
        }
        case 'requestReturned':
          patch(event.value.requestId, { status: 'returned', paused: true }, at);
          break;
        case 'requestResubmitted': {
          const v = event.value;
          // Resubmissions recorded before they named a calendar keep the submission's.
          const calendar = v.calendarId === '' ? {} : { calendar_id: v.calendarId };
          patch(v.requestId, { status: 'submitted', paused: false, due_date: v.dueDate, due_date_provisional: v.dueDateProvisional, ...calendar }, at);
          break;
        }
        case 'requestProcessingStarted':
          patch(event.value.requestId, { status: 'in-process' }, at);
          break;
        case 'requestCompleted': {
          const v = event.value;
          patch(v.requestId, { status: 'completed', met_standard: v.metStandard, elapsed_working_days: v.elapsedWorkingDays, closed_at: v.completedAt }, at);
          break;
        }
        case 'requestRejected':
          patch(event.value.requestId, { status: 'rejected', closed_at: event.value.rejectedAt }, at);
          break;
        case 'requestSlaBreached':
          patch(event.value.requestId, { sla_breached: true }, at);
          break;
        default:
          break; // standards, complaints and calendars have their own projections
      }
    }
    if (submitted.length > 0) await tx.query(INSERT_SUBMITTED, [JSON.stringify(submitted)]);
    if (patches.size > 0) await tx.query(APPLY_PATCHES, [JSON.stringify([...patches].map(([requestId, changes]) => ({ request_id: requestId, ...changes })))]);
  }
}
