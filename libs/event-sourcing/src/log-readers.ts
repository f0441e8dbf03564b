import { performance } from 'node:perf_hooks';
import type { EventStore } from './event-store';
import type { Checkpoint, StoredEvent } from './types';

export function checkpointOf(event: Pick<StoredEvent<unknown>, 'transactionId' | 'globalPosition'>): Checkpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}

const sameCheckpoint = (a: Checkpoint, b: Checkpoint): boolean => a.transactionId === b.transactionId && a.globalPosition === b.globalPosition;

/**
 * Reads the next batch of the log while its owner (Projector, OutboxRelay) is still applying or
 * publishing the current one, so this process and PostgreSQL work at the same time instead of taking
 * turns. The read runs on the store's pool, outside the owner's transaction; the owner uses it only if
 * it is a full batch that starts at the checkpoint the owner then locks. Such a batch is exactly what
 * readAll would return inside that transaction: every row of it belongs to a transaction older than
 * the read's snapshot xmin, and anything that became visible since sorts after all of those rows.
 * Anything else (a short batch, a checkpoint moved by another replica, a failed read) is dropped and
 * the owner reads as usual.
 */
export class ReadAhead<E extends { $case: string; value: unknown }> {
  private pending?: { from: Checkpoint; limit: number; events: Promise<StoredEvent<E>[] | undefined> };

  constructor(private readonly store: EventStore<E>) {}

  /** Starts reading `limit` events after `from`. */
  start(from: Checkpoint, limit: number): void {
    this.pending = { from, limit, events: this.store.readAll(from, limit).catch(() => undefined) };
  }

  /**
   * Waits for the read in flight, if any, and hands it over. Call it before taking a client for the
   * owner's transaction: the read may be waiting for a pooled client itself.
   */
  async take(): Promise<{ from: Checkpoint; limit: number; events: StoredEvent<E>[] } | undefined> {
    const pending = this.pending;
    this.pending = undefined;
    const events = await pending?.events;
    return pending && events ? { from: pending.from, limit: pending.limit, events } : undefined;
  }

  /** The batch after `checkpoint`, if the read ahead has it whole. */
  static usable<E>(
    ahead: { from: Checkpoint; limit: number; events: StoredEvent<E>[] } | undefined,
    checkpoint: Checkpoint,
    limit: number,
  ): StoredEvent<E>[] | undefined {
    return ahead && ahead.limit === limit && ahead.events.length === limit && sameCheckpoint(ahead.from, checkpoint) ? ahead.events : undefined;
  }
}

/** How long a checkpoint this process committed is trusted for a probe (see IdleProbe): a rebuild elsewhere may have moved it back. */
const PROBE_TRUST_MS = 1_000;

/**
 * Finds out, without a transaction, whether a checkpointed reader (Projector) has
 * anything to do. A busy service wakes every reader on each notification, and most wake-ups find
 * nothing new for most readers; a transaction that locks the checkpoint only to find that out costs
 * a commit each time. The probe reads after the checkpoint this process last committed, outside any
 * transaction. What it finds is a prefix of what the reader's transaction would read from the same
 * checkpoint (every row of it belongs to a transaction older than the probe's snapshot xmin, and
 * anything visible later sorts after those rows), so the reader may use it as its batch when the
 * checkpoint it then locks is the one probed from. Another replica moving the checkpoint on is found
 * when the lock is taken; the trust ends after PROBE_TRUST_MS, so a checkpoint moved back (a rebuild)
 * is found too.
 */
export class IdleProbe<E extends { $case: string; value: unknown }> {
  private committedAt?: { checkpoint: Checkpoint; at: number };

  constructor(private readonly store: EventStore<E>) {}

  /** The events after the last committed checkpoint, or undefined when the reader must look in its transaction. */
  async peek(limit: number): Promise<{ from: Checkpoint; events: StoredEvent<E>[] } | undefined> {
    const last = this.committedAt;
    if (!last || performance.now() - last.at > PROBE_TRUST_MS) return undefined;
    return { from: last.checkpoint, events: await this.store.readAll(last.checkpoint, limit) };
  }

  /** The probed events, if they are the batch after `checkpoint`. */
  static usable<E>(probed: { from: Checkpoint; events: StoredEvent<E>[] } | undefined, checkpoint: Checkpoint): StoredEvent<E>[] | undefined {
    return probed && probed.events.length > 0 && sameCheckpoint(probed.from, checkpoint) ? probed.events : undefined;
  }

  /** Records the checkpoint the reader's transaction committed (or found, with nothing to do). */
  committed(checkpoint: Checkpoint): void {
    this.committedAt = { checkpoint, at: performance.now() };
  }

  /** After a failed or rolled-back transaction: the next wake-up looks in a transaction. */
  forget(): void {
    this.committedAt = undefined;
  }
}
