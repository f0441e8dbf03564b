import { Injectable } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import type { Projection, StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';

/**
 * One row per request: status, due date, pause and SLA outcome, for the public status page, the
 * per-unit figures and the SLA breach scanner. The period is the month of submission (UTC+7 would
 * move a few requests at month ends; the figures follow the submission instant's calendar month in UTC).
 */
@Injectable()
export class RequestsProjection implements Projection<RequestEvent> {
  readonly name = 'requests_v1';
  readonly tables = ['requests_v1'];

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      const at = envelope.occurredAt;
      switch (event.$case) {
        case 'requestSubmitted': {
          const v = event.value;
          await tx.query(
            `INSERT INTO requests_v1 (request_id, tenant_id, unit_id, service_id, tracking_code, status, period, submitted_at, due_date, calendar_id, due_date_provisional, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $11) ON CONFLICT (request_id) DO NOTHING`,
            [v.requestId, envelope.tenantId, v.unitId, v.serviceId, v.trackingCode, v.submittedAt.slice(0, 7), v.submittedAt, v.dueDate, v.calendarId, v.dueDateProvisional, at],
          );
          break;
        }
        case 'requestReturned':
          await update(tx, event.value.requestId, `status = 'returned', paused = true`, [], at);
          break;
        case 'requestResubmitted':
          // Resubmissions recorded before they named a calendar keep the submission's.
          await update(
            tx,
            event.value.requestId,
            `status = 'submitted', paused = false, due_date = $3, due_date_provisional = $4, calendar_id = coalesce(nullif($5, ''), calendar_id)`,
            [event.value.dueDate, event.value.dueDateProvisional, event.value.calendarId],
            at,
          );
          break;
        case 'requestProcessingStarted':
          await update(tx, event.value.requestId, `status = 'in-process'`, [], at);
          break;
        case 'requestCompleted':
          await update(
            tx,
            event.value.requestId,
            `status = 'completed', met_standard = $3, elapsed_working_days = $4, closed_at = $5`,
            [event.value.metStandard, event.value.elapsedWorkingDays, event.value.completedAt],
            at,
          );
          break;
        case 'requestRejected':
          await update(tx, event.value.requestId, `status = 'rejected', closed_at = $3`, [event.value.rejectedAt], at);
          break;
        case 'requestSlaBreached':
          await update(tx, event.value.requestId, `sla_breached = true`, [], at);
          break;
        default:
          break; // standards, complaints and calendars have their own projections
      }
    }
  }
}

function update(tx: PoolClient, requestId: string, set: string, values: unknown[], at: string) {
  return tx.query(`UPDATE requests_v1 SET ${set}, updated_at = $2 WHERE request_id = $1`, [requestId, at, ...values]);
}
