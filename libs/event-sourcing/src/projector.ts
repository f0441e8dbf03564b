import type { Pool, PoolClient } from 'pg';
import { inTransaction, lockCheckpoint, resetCheckpoint, saveCheckpoint } from './checkpoint-store';
import { checkpointOf, type EventStore, ReadAhead } from './event-store';
import type { StoredEvent } from './types';

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
}

export class Projector<E extends { $case: string; value: unknown }> {
  private readonly readAhead: ReadAhead<E>;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<E>,
    private readonly projection: Projection<E>,
    private readonly batchSize = 1000,
  ) {
    this.readAhead = new ReadAhead(store);
  }

  get name(): string {
    return `projection:${this.projection.name}`;
  }

  /** Applies the next batch; true when there may be more. */
  async processBatch(): Promise<boolean> {
    const ahead = await this.readAhead.take();
    return inTransaction(this.pool, async (tx) => {
      const checkpoint = await lockCheckpoint(tx, this.name);
      const events = ReadAhead.usable(ahead, checkpoint, this.batchSize) ?? (await this.store.readAll(checkpoint, this.batchSize, tx));
      if (events.length === 0) return false;
      // A full batch is likely followed by another: read it while this one is applied.
      if (events.length === this.batchSize) this.readAhead.start(checkpointOf(events[events.length - 1]), this.batchSize);
      await this.projection.apply(events, tx);
      await saveCheckpoint(tx, this.name, checkpointOf(events[events.length - 1]));
      return events.length === this.batchSize;
    });
  }

  async catchUp(): Promise<void> {
    while (await this.processBatch());
  }

  /** Empties the projection's tables and replays the whole log into them. */
  async rebuild(): Promise<void> {
    await this.readAhead.take();
    await inTransaction(this.pool, async (tx) => {
      await lockCheckpoint(tx, this.name);
      for (const table of this.projection.tables) await tx.query(`TRUNCATE ${table}`);
      await resetCheckpoint(tx, this.name);
    });
    await this.catchUp();
  }
}
