import type { Pool, PoolClient } from 'pg';

export interface TailLoopOptions {
  /** Fallback poll interval: a lost notification (dropped connection) delays work by at most this. */
  pollIntervalMs: number;
  /**
   * How long a wake-up waits before the work runs, so the appends of a busy spell reach the work as
   * one batch instead of many small ones (each its own transaction): a delay for a throughput.
   */
  settleMs?: number;
  onError: (error: unknown) => void;
}

/**
 * Runs `work` whenever events are appended (LISTEN events_appended) and on a slow poll as a fallback.
 * Never runs `work` twice at once; notifications that arrive while it runs coalesce into one more run.
 * `work` returns true while it has more to do, so a backlog drains without waiting for a wake-up.
 */
export class TailLoop {
  private listener?: PoolClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly work: () => Promise<boolean>,
    private readonly options: TailLoopOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.listener = await this.pool.connect();
    this.listener.on('notification', () => this.wake());
    this.listener.on('error', (error) => this.options.onError(error));
    await this.listener.query('LISTEN events_appended');
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  /** Runs the work now (or right after the current run) and resolves when that run is done. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    const settle = this.options.settleMs ? new Promise((resolve) => setTimeout(resolve, this.options.settleMs)) : Promise.resolve();
    this.running = settle
      .then(() => this.drain())
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    if (this.listener) {
      await this.listener.query('UNLISTEN events_appended').catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
  }

  private async drain(): Promise<void> {
    do {
      this.rerun = false;
      try {
        while (!this.stopped && (await this.work()));
      } catch (error) {
        this.options.onError(error);
        return;
      }
    } while (this.rerun && !this.stopped);
  }
}
