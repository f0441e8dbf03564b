// DIAGNOSTIC ONLY, not shipped code. EventStore.readAll's `ORDER BY transaction_id, global_position`
// binds to the select list's `global_position::text` / `transaction_id::text` output columns (an
// output-column name wins over an input column in ORDER BY), so batches come back in string order
// ('1','10','100','1000','1001',…) while the checkpoint compares numbers: every batch after the
// first steps over events. This store is the same code with the ORDER BY qualified by the table
// name (the proposed one-line fix in libs/event-sourcing/src/event-store.ts), so the benches can
// also report what the fixed library does. The shipped EventStore is always measured as well.
import type { EventCodec } from '@lib/contracts';
import { type Checkpoint, EventStore, type StoredEvent } from '@lib/event-sourcing';
import type { Pool, PoolClient } from 'pg';

const FIXED_READ_ALL_SQL = `
  SELECT global_position::text, transaction_id::text, stream_id, stream_version, event_id, event_type, payload, metadata, recorded_at
  FROM events
  WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY events.transaction_id, events.global_position
  LIMIT $3`;

type Queryable = Pick<Pool | PoolClient, 'query'>;
type RowMapper<E> = { toStoredEvent(row: unknown): StoredEvent<E> };

export class FixedOrderEventStore<E extends { $case: string; value: unknown }> extends EventStore<E> {
  constructor(
    private readonly db: Pool,
    codec: EventCodec<E>,
  ) {
    super(db, codec);
  }

  override async readAll(checkpoint: Checkpoint, limit: number, db: Queryable = this.db): Promise<StoredEvent<E>[]> {
    const result = await db.query({ name: 'bench-fixed-read-all', text: FIXED_READ_ALL_SQL, values: [checkpoint.transactionId, checkpoint.globalPosition, limit] });
    const mapper = this as unknown as RowMapper<E>; // the row mapping is EventStore's own (private) one
    return result.rows.map((row) => mapper.toStoredEvent(row));
  }
}
