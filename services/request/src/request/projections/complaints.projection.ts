import { Injectable } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import type { Projection, StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';

const STATUS_OF_OUTCOME: Record<string, string> = {
  VERIFICATION_OUTCOME_VERIFIED: 'verified',
  VERIFICATION_OUTCOME_POSTPONED: 'postponed',
  VERIFICATION_OUTCOME_NOT_OUR_AUTHORITY: 'not-our-authority',
  VERIFICATION_OUTCOME_ARCHIVED: 'archived',
};

/** One row per complaint: status, deadlines and resolution outcome; no reporter identity. */
@Injectable()
export class ComplaintsProjection implements Projection<RequestEvent> {
  readonly name = 'complaints_v1';
  readonly tables = ['complaints_v1'];

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      const at = envelope.occurredAt;
      switch (event.$case) {
        case 'complaintReceived': {
          const v = event.value;
          await tx.query(
            `INSERT INTO complaints_v1 (complaint_id, tenant_id, unit_id, channel, category, status, period, received_at,
               status_due_date, resolution_due_date, deadlines_provisional, via_lapor, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (complaint_id) DO NOTHING`,
            [
              v.complaintId,
              envelope.tenantId,
              v.unitId,
              v.channel,
              v.category,
              v.receivedAt.slice(0, 7),
              v.receivedAt,
              v.statusDueDate,
              v.resolutionDueDate || null,
              v.deadlinesProvisional,
              v.channel === 'COMPLAINT_CHANNEL_LAPOR',
              at,
            ],
          );
          break;
        }
        case 'complaintVerified':
          // A calendar id means the resolution deadline was counted afresh; otherwise its flag stands.
          await update(
            tx,
            event.value.complaintId,
            `status = $3, resolution_due_date = $4, deadlines_provisional = CASE WHEN $5::text = '' THEN deadlines_provisional ELSE $6::boolean END`,
            [
              STATUS_OF_OUTCOME[event.value.outcome] ?? 'received',
              event.value.resolutionDueDate || null,
              event.value.calendarId,
              event.value.resolutionDueDateProvisional,
            ],
            at,
          );
          break;
        case 'complaintAssigned':
          await update(tx, event.value.complaintId, `status = 'assigned', unit_id = $3`, [event.value.unitId], at);
          break;
        case 'complaintResponded':
          await update(tx, event.value.complaintId, `status = 'responded'`, [], at);
          break;
        case 'complaintResolved':
          await update(
            tx,
            event.value.complaintId,
            `status = 'resolved', resolved_within_deadline = $3, resolved_at = $4`,
            [event.value.withinDeadline, event.value.resolvedAt],
            at,
          );
          break;
        case 'complaintReopened':
          await update(
            tx,
            event.value.complaintId,
            `status = 'assigned', resolution_due_date = $3, deadlines_provisional = $4, resolved_within_deadline = NULL, resolved_at = NULL`,
            [event.value.resolutionDueDate, event.value.resolutionDueDateProvisional],
            at,
          );
          break;
        case 'complaintDeadlineBreached':
          // Remember which deadline was flagged, so the scanner stops asking about it.
          await update(
            tx,
            event.value.complaintId,
            event.value.kind === 'COMPLAINT_DEADLINE_KIND_STATUS'
              ? `deadline_breaches = deadline_breaches + 1, status_deadline_breached = true`
              : `deadline_breaches = deadline_breaches + 1, breached_resolution_due_date = $3`,
            event.value.kind === 'COMPLAINT_DEADLINE_KIND_STATUS' ? [] : [event.value.dueDate],
            at,
          );
          break;
        default:
          break; // standards, requests and calendars have their own projections
      }
    }
  }
}

function update(tx: PoolClient, complaintId: string, set: string, values: unknown[], at: string) {
  return tx.query(`UPDATE complaints_v1 SET ${set}, updated_at = $2 WHERE complaint_id = $1`, [complaintId, at, ...values]);
}
