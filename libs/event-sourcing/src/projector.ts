import type { Pool, PoolClient } from 'pg';
import { inCheckpointTransaction, isAfter, resetCheckpoint } from './checkpoint-store';
import { type EventStore } from './event-store';
import { checkpointOf, IdleProbe, ReadAhead } from './log-readers';
import { START, type StoredEvent } from './types';

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

/** One projection fed on its own: a ProjectionGroup of one, plus catching up and rebuilding it alone. */
export class Projector<E extends { $case: string; value: unknown }> {
  private readonly group: ProjectionGroup<E>;

  constructor(
    private readonly pool: Pool,
    store: EventStore<E>,
    readonly projection: Projection<E>,
    batchSize = 1000,
  ) {
    this.group = new ProjectionGroup(pool, store, [projection], batchSize);
  }

  get name(): string {
    return `projection:${this.projection.name}`;
  }

  /** Applies the next batch; true when there may be more. */
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

  /** Empties the projection's tables and moves its checkpoint back to the start of the log. */
  async reset(): Promise<void> {
    await this.group.forgetWhereItWas();
    await inCheckpointTransaction(this.pool, [this.name], async (tx) => {
      for (const table of this.projection.tables) await tx.query(`TRUNCATE ${table}`);
      await resetCheckpoint(tx, this.name);
      return { result: undefined };
    });
    this.projection.committed?.();
  }
}

/**
 * The projections of one service fed from one read of the log, in one transaction per batch. Run
 * one Projector per projection and every wake-up costs each of them a transaction (most projections
 * ignore most events, yet their checkpoints must move on); the group pays for one. Each projection
 * keeps its own checkpoint, so one of them can still be rebuilt alone with its Projector: the group
 * then reads from the earliest checkpoint and gives each projection only the events after its own.
 */
export class ProjectionGroup<E extends { $case: string; value: unknown }> {
  private readonly readAhead: ReadAhead<E>;
  private readonly probe: IdleProbe<E>;
  private readonly names: string[];

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<E>,
    private readonly projections: readonly Projection<E>[],
    private readonly batchSize = 1000,
  ) {
    this.readAhead = new ReadAhead(store);
    this.probe = new IdleProbe(store);
    this.names = projections.map((projection) => `projection:${projection.name}`);
  }

  get name(): string {
    return `projections:${this.projections.map((projection) => projection.name).join(',')}`;
  }

  /** Drops what the group read ahead or probed, for a checkpoint about to be moved back (a rebuild). */
  async forgetWhereItWas(): Promise<void> {
    await this.readAhead.take();
    this.probe.forget();
  }

  /** Applies the next batch to every projection that has not seen it; true when there may be more. */
  async processBatch(): Promise<boolean> {
    const ahead = await this.readAhead.take();
    const probed = ahead ? undefined : await this.probe.peek(this.batchSize);
    if (probed?.events.length === 0) return false;
    try {
      const { read, reached, applied } = await inCheckpointTransaction(this.pool, this.names, async (tx, locked) => {
        const own = this.names.map((name) => locked.get(name) ?? START);
        const from = own.reduce((earliest, checkpoint) => (isAfter(earliest, checkpoint) ? checkpoint : earliest));
        const events = ReadAhead.usable(ahead, from, this.batchSize) ?? IdleProbe.usable(probed, from) ?? (await this.store.readAll(from, this.batchSize, tx));
        if (events.length === 0) return { result: { read: 0, reached: from, applied: [] } };
        if (events.length === this.batchSize) this.readAhead.start(checkpointOf(events[events.length - 1]), this.batchSize);
        const last = checkpointOf(events[events.length - 1]);
        const applied: number[] = [];
        for (const [index, projection] of this.projections.entries()) {
          const unseen = events.filter((event) => isAfter(checkpointOf(event), own[index]));
          if (unseen.length === 0) continue;
          await projection.apply(unseen, tx);
          applied.push(index);
        }
        return { result: { read: events.length, reached: last, applied }, save: { names: applied.map((index) => this.names[index]), checkpoint: last } };
      });
      this.probe.committed(reached);
      for (const index of applied) this.projections[index].committed?.();
      return read === this.batchSize;
    } catch (error) {
      this.probe.forget();
      throw error;
    }
  }
}
