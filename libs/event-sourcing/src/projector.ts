import type { Pool, PoolClient } from 'pg';
import { inCheckpointTransaction, isAfter, resetCheckpoint } from './checkpoint-store';
import { isTransientDatabaseError } from './database-errors';
import { type EventStore } from './event-store';
import { checkpointOf, IdleProbe, ReadAhead } from './log-readers';
import { forgetQuarantined, type QuarantinedEvent, recordQuarantined } from './quarantine';
import { type Checkpoint, START, type StoredEvent, UndecodableEventError } from './types';

/**
 * A read model fed from the local event store. `apply` writes a whole batch with the transaction it is
 * given; the projector saves the checkpoint in the same transaction, so a crash never applies a batch
 * twice or skips one. To change a projection's shape, bump its table to `_v<n+1>` and rebuild.
 */
export interface Projection<E> {
  name: string;
  /** Tables the projection owns; rebuild empties them. */
  tables: string[];
  apply(events: StoredEvent<E>[], tx: PoolClient): Promise<void>;
  /** Called in this process once a batch (or a rebuild's emptying) has committed: caches of the tables drop what they hold. */
  committed?(): void;
}

/** The checkpoint name of a projection, beside the relay's (`relay:<topic>`) in the checkpoints table. */
const readerName = (projection: Projection<unknown>): string => `projection:${projection.name}`;

/** One projection fed on its own: a ProjectionGroup of one, plus catching up and rebuilding it alone. */
export class Projector<E extends { $case: string; value: unknown }> {
  private readonly group: ProjectionGroup<E>;

  constructor(
    private readonly pool: Pool,
    store: EventStore<E>,
    readonly projection: Projection<E>,
    batchSize = 1000,
    onQuarantine?: (event: QuarantinedEvent) => void,
  ) {
    this.group = new ProjectionGroup(pool, store, [projection], { batchSize, onQuarantine });
  }

  get name(): string {
    return readerName(this.projection);
  }

  /** Applies the next batch; true when there may be more. A projection that throws fails the call. */
  processBatch(): Promise<boolean> {
    return this.group.processBatch();
  }

  async catchUp(): Promise<void> {
    while (await this.processBatch());
  }

  /** Empties the projection's tables and replays the whole log into them. */
  async rebuild(): Promise<void> {
    await this.reset();
    await this.catchUp();
  }

  /** Empties the projection's tables, moves its checkpoint back to the start of the log and forgets what it quarantined. */
  async reset(): Promise<void> {
    await this.group.forgetWhereItWas();
    await inCheckpointTransaction(this.pool, [this.name], async (tx) => {
      for (const table of this.projection.tables) await tx.query(`TRUNCATE ${table}`);
      await resetCheckpoint(tx, this.name);
      await forgetQuarantined(tx, this.name);
      return { result: undefined };
    });
    this.projection.committed?.();
  }
}

/** A projection of an isolating group that failed, left out of the group's batches until `retryAt`. */
export interface ProjectionFailure {
  projection: string;
  error: unknown;
  /** Failures in a row, this one included. */
  failures: number;
  /** When the first failure of this run of failures happened. */
  since: Date;
  retryAt: Date;
}

export interface ProjectionGroupOptions {
  /** Events read per batch (default 1000). */
  batchSize?: number;
  /**
   * Keep the group going when one projection throws (a bug, a constraint its rows break): the failing
   * projection is left out of the group's batches and tried again alone after a backoff, doubling from
   * `retryAfterMs.first` up to `retryAfterMs.max`; once a batch of its own succeeds it catches up alone
   * and rejoins the group. Without it, a failure fails processBatch (a Projector's catch-up or rebuild).
   * A database that is unavailable (see isTransientDatabaseError) fails processBatch either way: it is
   * no projection's fault.
   */
  isolate?: { retryAfterMs?: { first: number; max: number }; onFailure?: (failure: ProjectionFailure) => void };
  /**
   * Called when a projection meets an event the codec cannot decode: the event is recorded in
   * `quarantined_events` for that projection and skipped by it, and the batch runs again without it.
   */
  onQuarantine?: (event: QuarantinedEvent) => void;
}

const DEFAULT_RETRY_AFTER_MS = { first: 1_000, max: 60_000 };

/** The apply of the projection at `index` threw `cause`; the batch's transaction is rolled back. */
class ApplyFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super('a projection failed to apply its batch');
  }
}

/**
 * The projections of one service fed from one read of the log, in one transaction per batch. Run
 * one Projector per projection and every wake-up costs each of them a transaction (most projections
 * ignore most events, yet their checkpoints must move on); the group pays for one. Each projection
 * keeps its own checkpoint, so one of them can still be rebuilt alone with its Projector: the group
 * then reads from the earliest checkpoint and gives each projection only the events after its own.
 * With `isolate`, a projection that throws is taken out of the group and retried alone (see
 * ProjectionGroupOptions); an event a projection cannot decode is quarantined for that projection.
 */
export class ProjectionGroup<E extends { $case: string; value: unknown }> {
  private readonly readAhead: ReadAhead<E>;
  private readonly probe: IdleProbe<E>;
  private readonly names: string[];
  private readonly batchSize: number;
  /** Projections out of the group's batches, by index: failing until their retry, or recovered and catching up alone. */
  private readonly outOfGroup = new Map<number, ProjectionFailure | 'catching-up'>();
  /** Events a projection quarantined and skips, by index, until its checkpoint is past them. */
  private readonly skipped = new Map<number, Checkpoint[]>();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<E>,
    private readonly projections: readonly Projection<E>[],
    private readonly options: ProjectionGroupOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.readAhead = new ReadAhead(store);
    this.probe = new IdleProbe(store);
    this.names = projections.map(readerName);
  }

  get name(): string {
    return `projections:${this.projections.map((projection) => projection.name).join(',')}`;
  }

  /** The projections failing now, left out of the group's batches until their retry. */
  failing(): ProjectionFailure[] {
    return [...this.outOfGroup.values()].filter((state): state is ProjectionFailure => state !== 'catching-up');
  }

  /** Drops what the group read ahead or probed, for a checkpoint about to be moved back (a rebuild). */
  async forgetWhereItWas(): Promise<void> {
    await this.readAhead.take();
    this.probe.forget();
  }

  /**
   * Applies the next batch to every projection of the group that has not seen it, then one batch to
   * each projection that failed and is due to be tried again; true when there may be more.
   */
  async processBatch(): Promise<boolean> {
    const grouped = this.projections.map((_, index) => index).filter((index) => !this.outOfGroup.has(index));
    let more = grouped.length > 0 && (await this.runBatch(grouped, true));
    const now = Date.now();
    for (const [index, state] of [...this.outOfGroup]) {
      if (state === 'catching-up' || state.retryAt.getTime() <= now) more = (await this.runBatch([index], false)) || more;
    }
    return more;
  }

  /**
   * One batch for `members` in one transaction. The group's own batches (`shared`) use the read ahead
   * and the idle probe; a projection running alone reads in its transaction.
   */
  private async runBatch(members: number[], shared: boolean): Promise<boolean> {
    const ahead = shared ? await this.readAhead.take() : undefined;
    const probed = shared && !ahead ? await this.probe.peek(this.batchSize) : undefined;
    if (probed?.events.length === 0) return false;
    try {
      const names = members.map((index) => this.names[index]);
      const { read, reached, applied } = await inCheckpointTransaction(this.pool, names, async (tx, locked) => {
        const own = names.map((name) => locked.get(name) ?? START);
        const from = own.reduce((earliest, checkpoint) => (isAfter(earliest, checkpoint) ? checkpoint : earliest));
        const events = ReadAhead.usable(ahead, from, this.batchSize) ?? IdleProbe.usable(probed, from) ?? (await this.store.readAll(from, this.batchSize, tx));
        if (events.length === 0) return { result: { read: 0, reached: from, applied: [] } };
        if (shared && events.length === this.batchSize) this.readAhead.start(checkpointOf(events[events.length - 1]), this.batchSize);
        const last = checkpointOf(events[events.length - 1]);
        const applied: number[] = [];
        for (const [member, index] of members.entries()) {
          const unseen = events.filter((event) => isAfter(checkpointOf(event), own[member]));
          if (unseen.length === 0) continue;
          const skipped = this.skipped.get(index);
          const kept = skipped ? unseen.filter((event) => !skipped.some((at) => at.globalPosition === event.globalPosition)) : unseen;
          try {
            if (kept.length > 0) await this.projections[index].apply(kept, tx);
          } catch (error) {
            throw new ApplyFailed(index, error);
          }
          applied.push(index);
        }
        return { result: { read: events.length, reached: last, applied }, save: { names: applied.map((index) => this.names[index]), checkpoint: last } };
      });
      if (shared) this.probe.committed(reached);
      for (const index of applied) {
        this.projections[index].committed?.();
        this.forgetSkippedBefore(index, reached);
      }
      const more = read === this.batchSize;
      if (!shared) this.recovering(members[0], more);
      return more;
    } catch (error) {
      if (shared) this.probe.forget();
      if (!(error instanceof ApplyFailed)) throw error;
      const { index, cause } = error;
      if (cause instanceof UndecodableEventError) {
        await this.quarantine(index, cause);
        return true;
      }
      if (!this.options.isolate || isTransientDatabaseError(cause)) throw cause;
      this.fail(index, cause);
      return true;
    }
  }

  private async quarantine(index: number, error: UndecodableEventError): Promise<void> {
    await recordQuarantined(this.pool, this.names[index], error);
    const { eventId, eventType, globalPosition, transactionId } = error.event;
    this.skipped.set(index, [...(this.skipped.get(index) ?? []), { transactionId, globalPosition }]);
    this.options.onQuarantine?.({ projection: this.projections[index].name, eventId, eventType, globalPosition, error: error.message });
  }

  private forgetSkippedBefore(index: number, checkpoint: Checkpoint): void {
    const skipped = this.skipped.get(index)?.filter((at) => isAfter(at, checkpoint));
    if (skipped && skipped.length > 0) this.skipped.set(index, skipped);
    else this.skipped.delete(index);
  }

  private fail(index: number, error: unknown): void {
    const { first, max } = this.options.isolate?.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    const previous = this.outOfGroup.get(index);
    const failures = typeof previous === 'object' ? previous.failures + 1 : 1;
    const failure: ProjectionFailure = {
      projection: this.projections[index].name,
      error,
      failures,
      since: typeof previous === 'object' ? previous.since : new Date(),
      retryAt: new Date(Date.now() + Math.min(max, first * 2 ** (failures - 1))),
    };
    this.outOfGroup.set(index, failure);
    this.options.isolate?.onFailure?.(failure);
  }

  /** A failed projection's own batch went through: it catches up alone, and rejoins the group once it has. */
  private recovering(index: number, more: boolean): void {
    if (more) this.outOfGroup.set(index, 'catching-up');
    else this.outOfGroup.delete(index);
  }
}
