import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '@lib/event-sourcing';
import { INDONESIAN_UTC_OFFSETS } from '@lib/kernel';
import { Clock, LOGGER } from '@lib/platform';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { ChangeComplaintCommand } from './change-complaint.command';
import { ChangeRequestCommand } from './change-request.command';
import { localDateAtOffset } from '../domain';

export const SLA_SCAN_INTERVAL_MS = 60_000;
const BATCH = 500;

/**
 * Finds open requests and complaints past a due date in the read tables and sends the flag commands.
 * The deciders emit each breach at most once and answer "not yet due" with nothing, so a stale read
 * table, two replicas scanning at once or a restart mid-scan cost only no-op commands.
 */
@Injectable()
export class SlaBreachScanner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return; // the previous scan is still going
      this.running = this.scanOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'SLA breach scan failed'))
        .finally(() => (this.running = undefined));
    }, SLA_SCAN_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; returns how many commands appended a breach. */
  async scanOnce(): Promise<{ requests: number; complaints: number }> {
    // Tenants keep different local dates near midnight, so candidates are picked with the latest one
    // (WIT); each command then judges its request on its own tenant's calendar and is a no-op if not due.
    const today = localDateAtOffset(Math.max(...INDONESIAN_UTC_OFFSETS), this.clock.now().toISOString());
    const correlationId = randomUUID();
    const meta = (tenantId: string, unitId: string): CommandMeta => ({ correlationId, tenantId, unitId, actor: { id: 'sla-breach-scanner', role: 'system' } });
    const flagged = { requests: 0, complaints: 0 };

    const requests = await this.pool.query<{ request_id: string; tenant_id: string; unit_id: string }>(
      `SELECT request_id, tenant_id, unit_id FROM requests_v1
       WHERE status IN ('submitted', 'in-process') AND NOT sla_breached AND due_date < $1::date ORDER BY due_date LIMIT $2`,
      [today, BATCH],
    );
    for (const row of requests.rows) {
      flagged.requests += await this.send(
        new ChangeRequestCommand(row.request_id, { type: 'FlagSlaBreach' }, meta(row.tenant_id, row.unit_id)),
        `request ${row.request_id}`,
      );
    }

    const complaints = await this.pool.query<{ complaint_id: string; tenant_id: string; unit_id: string }>(
      `SELECT complaint_id, tenant_id, unit_id FROM complaints_v1
       WHERE (status = 'received' AND status_due_date < $1::date AND NOT status_deadline_breached)
          OR (status IN ('received', 'verified', 'assigned', 'responded') AND resolution_due_date < $1::date
              AND breached_resolution_due_date IS DISTINCT FROM resolution_due_date)
       ORDER BY received_at LIMIT $2`,
      [today, BATCH],
    );
    for (const row of complaints.rows) {
      flagged.complaints += await this.send(
        new ChangeComplaintCommand(row.complaint_id, { type: 'FlagComplaintDeadlineBreach' }, meta(row.tenant_id, row.unit_id)),
        `complaint ${row.complaint_id}`,
      );
    }
    if (flagged.requests + flagged.complaints > 0) this.logger.info({ ...flagged, correlationId }, 'SLA breaches flagged');
    return flagged;
  }

  private async send(command: ChangeRequestCommand | ChangeComplaintCommand, what: string): Promise<number> {
    try {
      const outcome = await this.commands.execute(command);
      return outcome.appended > 0 ? 1 : 0;
    } catch (error) {
      // One broken stream must not stop the sweep; the next sweep tries it again.
      this.logger.warn({ err: error, what }, 'SLA breach flag failed');
      return 0;
    }
  }
}
