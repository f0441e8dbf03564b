import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PersonalDataKeys } from '@lib/event-sourcing';
import { Clock, LOGGER } from '@lib/platform';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { SurveyConfig } from '../../config';

export const SKM_RETENTION_SWEEP_INTERVAL_MS = 60 * 60_000;
const BATCH = 1000;
const DAY_MS = 86_400_000;

/**
 * Ends the retention of SKM responses' suggestions and profiles (UU PDP 27/2022): erases the keys of
 * every response of a survey closed more than SKM_TEXT_RETENTION_DAYS ago. The survey events stay as
 * they are; the erased rows of personal_data_keys (with erased_at) are the record of it.
 */
@Injectable()
export class SkmTextRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly personalData: PersonalDataKeys,
    private readonly clock: Clock,
    private readonly config: SurveyConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'SKM text retention sweep failed'))
        .finally(() => (this.running = undefined));
    }, SKM_RETENTION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; answers how many responses' keys it erased. */
  async sweepOnce(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.SKM_TEXT_RETENTION_DAYS * DAY_MS).toISOString();
    const { rows } = await this.pool.query<{ subject_id: string; survey_id: string }>(
      `SELECT k.subject_id, s.survey_id FROM skm_surveys_v1 s JOIN personal_data_keys k ON k.scope_id = s.survey_id AND k.erased_at IS NULL
       WHERE s.closed_at < $1 LIMIT $2`,
      [cutoff, BATCH],
    );
    let erased = 0;
    for (const row of rows) if (await this.personalData.erase(row.subject_id)) erased++;
    if (erased > 0) {
      this.logger.info(
        { erased, surveys: [...new Set(rows.map((row) => row.survey_id))], retentionDays: this.config.SKM_TEXT_RETENTION_DAYS },
        'SKM texts erased',
      );
    }
    return erased;
  }
}
