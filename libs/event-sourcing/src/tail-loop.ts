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
  /** The channel whose notifications wake the loop: events_appended unless the work waits for something else. */
  channel?: string;
}

/** A lost LISTEN connection is opened again after this, doubling on each failure up to LISTEN_RETRY_MAX_MS. */
const LISTEN_RETRY_FIRST_MS = 100;
const LISTEN_RETRY_MAX_MS = 30_000;

/**
 * Runs `work` whenever events are appended (LISTEN events_appended, or the channel of the options) and
 * on a slow poll as a fallback.
 * Never runs `work` twice at once; notifications that arrive while it runs coalesce into one more run.
 * `work` returns true while it has more to do, so a backlog drains without waiting for a wake-up.
 * When the server ends the LISTEN connection (a restart, a failover), it is replaced, with backoff, and
 * the loop runs once the new one listens, for what was appended while nobody listened.
 */
export class TailLoop {
  private listener?: PoolClient;
  private timer?: NodeJS.Timeout;
  private relistenTimer?: NodeJS.Timeout;
  private relistening?: Promise<void>;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly work: () => Promise<boolean>,
    private readonly options: TailLoopOptions,
  ) {}

  private get channel(): string {
    return this.options.channel ?? 'events_appended';
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  /** Takes a client from the pool for LISTEN; a connection lost once it listens is replaced (see relisten). */
  private async listen(): Promise<void> {
    const listener = await this.pool.connect();
    let listening = false;
    const lost = (error: Error) => {
      if (this.listener !== listener) return; // 'error' and 'end' both report one loss
      this.listener = undefined;
      listener.release(error); // a released client with an error is destroyed, never pooled again
      if (!listening || this.stopped) return;
      this.options.onError(error);
      this.relisten(0);
    };
    this.listener = listener;
    listener.on('notification', () => this.wake());
    listener.on('error', lost);
    listener.on('end', () => lost(new Error('the LISTEN connection ended')));
    try {
      await listener.query(`LISTEN ${this.channel}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
    listening = true;
  }

  private relisten(failures: number): void {
    const delay = Math.min(LISTEN_RETRY_MAX_MS, LISTEN_RETRY_FIRST_MS * 2 ** failures);
    this.relistenTimer = setTimeout(() => {
      this.relistenTimer = undefined;
      this.relistening = this.listen().then(
        () => {
          this.relistening = undefined;
          void this.wake();
        },
        (error: unknown) => {
          this.relistening = undefined;
          this.options.onError(error);
          if (!this.stopped) this.relisten(failures + 1);
        },
      );
    }, delay);
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
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    await this.relistening;
    await this.running;
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
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
