import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '@lib/event-sourcing';
import { Clock, LOGGER } from '@lib/platform';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { RequestConfig } from '../../config';
import { CLOSED_COMPLAINT_STATUSES } from '../domain';
import { EraseComplaintPersonalDataCommand } from './erase-complaint-personal-data.command';

export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60_000;
const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * Ends the retention of complaints' personal data (UU PDP 27/2022): deletes the reporter rows of
 * complaints closed more than COMPLAINT_REPORTER_RETENTION_DAYS ago, and erases the texts of those
 * closed more than COMPLAINT_TEXT_RETENTION_DAYS ago through the audited erasure command (an event per
 * complaint, actor `personal-data-retention`). "Closed" is read from complaints_v1; a reopened complaint
 * is open again and its clock starts over when it closes.
 */
@Injectable()
export class PersonalDataRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
    private readonly config: RequestConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'personal-data retention sweep failed'))
        .finally(() => (this.running = undefined));
    }, RETENTION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweepOnce(): Promise<{ reportersPurged: number; complaintsErased: number }> {
    const now = this.clock.now().getTime();
    const reporterCutoff = new Date(now - this.config.COMPLAINT_REPORTER_RETENTION_DAYS * DAY_MS).toISOString();
    const textCutoff = new Date(now - this.config.COMPLAINT_TEXT_RETENTION_DAYS * DAY_MS).toISOString();
    const closed = [...CLOSED_COMPLAINT_STATUSES];

    // A row no complaint names is left from a command that failed before its event: kept no longer than the others.
    const purged = await this.pool.query(
      `DELETE FROM complaint_reporters r WHERE
         (r.complaint_id IS NULL AND r.created_at < $1)
         OR EXISTS (SELECT 1 FROM complaints_v1 c WHERE c.complaint_id = r.complaint_id AND c.status = ANY($2::text[]) AND c.updated_at < $1)`,
      [reporterCutoff, closed],
    );

    const due = await this.pool.query<{ complaint_id: string; tenant_id: string; unit_id: string }>(
      `SELECT c.complaint_id, c.tenant_id, c.unit_id FROM complaints_v1 c
       LEFT JOIN personal_data_keys k ON k.subject_id = c.complaint_id::text
       WHERE c.status = ANY($2::text[]) AND c.updated_at < $1 AND k.erased_at IS NULL
       ORDER BY c.updated_at LIMIT $3`,
      [textCutoff, closed, BATCH],
    );
    const correlationId = randomUUID();
    const reason = `retensi: teks pengaduan disimpan ${this.config.COMPLAINT_TEXT_RETENTION_DAYS} hari setelah pengaduan ditutup`;
    let complaintsErased = 0;
    for (const row of due.rows) {
      const meta: CommandMeta = { correlationId, tenantId: row.tenant_id, unitId: row.unit_id, actor: { id: 'personal-data-retention', role: 'system' } };
      try {
        await this.commands.execute(new EraseComplaintPersonalDataCommand(row.complaint_id, reason, 'retention', meta));
        complaintsErased++;
      } catch (error) {
        // One broken stream must not stop the sweep; the next sweep tries it again.
        this.logger.warn({ err: error, complaintId: row.complaint_id }, 'personal-data erasure failed');
      }
    }
    const result = { reportersPurged: purged.rowCount ?? 0, complaintsErased };
    if (result.reportersPurged + complaintsErased > 0) this.logger.info({ ...result, correlationId }, 'personal-data retention applied');
    return result;
  }
}
