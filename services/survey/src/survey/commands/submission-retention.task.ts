import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock, LOGGER } from '@lib/platform';
import type { Logger } from 'pino';
import { SurveyConfig } from '../../config';
import { Submissions } from './submissions';

export const SUBMISSION_PURGE_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Purges submission fingerprints older than SURVEY_SUBMISSION_RETENTION_DAYS, at boot and hourly: they
 * serve the burst review of a collection or survey, not a permanent record (UU PDP).
 */
@Injectable()
export class SubmissionRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly submissions: Submissions,
    private readonly clock: Clock,
    private readonly config: SurveyConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = (): void => {
      if (this.running) return; // the previous sweep is still going
      this.running = this.purgeOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'submission purge failed'))
        .finally(() => (this.running = undefined));
    };
    sweep();
    this.timer = setInterval(sweep, SUBMISSION_PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; returns how many submissions were purged. */
  async purgeOnce(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.SURVEY_SUBMISSION_RETENTION_DAYS * DAY_MS);
    const purged = await this.submissions.purgeBefore(cutoff);
    if (purged > 0) this.logger.info({ purged }, 'submissions past their retention purged');
    return purged;
  }
}
