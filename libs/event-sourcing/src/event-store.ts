import { randomUUID } from 'node:crypto';
import type { EventCodec, EventEnvelope } from '@lib/contracts';
import type { Pool, PoolClient } from 'pg';
import { foldEvents } from './domain';
import { type AppendResult, type Checkpoint, type CommandMeta, ConcurrencyError, type StoredEvent } from './types';

type Queryable = Pick<Pool | PoolClient, 'query'>;

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  payload: unknown;
  metadata: Omit<EventEnvelope, 'eventId' | 'eventType' | 'streamId' | 'streamVersion'>;
  recorded_at: Date;
}

const UNIQUE_VIOLATION = '23505';
const MAX_CONCURRENCY_RETRIES = 3;

// One statement, so one round trip and an implicit transaction: the version check, the events and
// the idempotency key commit together or not at all. A stale expected version inserts no row;
// a concurrent writer at the same version hits unique(stream_id, stream_version).
const APPEND_SQL = `
  WITH appended AS (
    INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
    SELECT $1, $2::int + e.ord::int, e.id, e.type, e.payload, e.metadata
    FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, payload, metadata, ord)
    WHERE (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1) = $2
    RETURNING stream_version
  ), remembered AS (
    INSERT INTO idempotency_keys (key, stream_id, result)
    SELECT $7, $1, jsonb_build_object('nextExpectedVersion', max(stream_version), 'appended', count(*))
    FROM appended WHERE $7::text IS NOT NULL HAVING count(*) > 0
  )
  SELECT count(*)::int AS appended FROM appended`;

const COLUMNS = `global_position::text, transaction_id::text, stream_id, stream_version, event_id, event_type, payload, metadata, recorded_at`;

const READ_STREAM_SQL = `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`;

// The select list casts both columns to text under their own names, and ORDER BY prefers output
// columns, so the order is qualified with the table: text order would step over positions.
// Only rows of transactions older than every transaction still running are visible here, so a
// transaction that commits late can never be stepped over: its rows appear before any row behind it.
const READ_ALL_SQL = `
  SELECT ${COLUMNS} FROM events
  WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY events.transaction_id, events.global_position
  LIMIT $3`;

// A NOTIFY inside the appending transaction takes PostgreSQL's notification-queue lock until the
// commit is flushed, which serialises every concurrent append (measured: pgbench 13.5k → 4.0k tps at
// 16 clients). The store therefore notifies after the commit, from its own statement, with at most
// one notification in flight per process; tailers poll as a fallback for anything missed.
const NOTIFY_SQL = `SELECT pg_notify('events_appended', '')`;

const READ_IDEMPOTENCY_SQL = `SELECT stream_id, result FROM idempotency_keys WHERE key = $1`;

export interface DeciderFold<E, S> {
  initialState: () => S;
  evolve: (state: S, event: E) => S;
}

/**
 * PostgreSQL event store of one bounded context. The events table is also the outbox
 * (see OutboxRelay); commands never talk to Kafka.
 */
export class EventStore<E extends { $case: string; value: unknown }> {
  private notifying = false;
  private notifyAgain = false;

  constructor(
    private readonly pool: Pool,
    private readonly codec: EventCodec<E>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Appends `events` if the stream is at `expectedVersion` (0 = new stream). Throws ConcurrencyError
   * otherwise. With `meta.idempotencyKey`, a second call with the same key appends nothing and
   * returns the first call's result with `duplicate: true`.
   */
  async append(streamId: string, expectedVersion: number, events: E[], meta: CommandMeta, db: Queryable = this.pool): Promise<AppendResult> {
    if (events.length === 0) return { streamId, nextExpectedVersion: expectedVersion, appended: 0, duplicate: false };
    const occurredAt = meta.occurredAt ?? this.clock().toISOString();
    const ids = events.map(() => randomUUID());
    const metadata = events.map(() =>
      JSON.stringify({
        occurredAt,
        tenantId: meta.tenantId,
        unitId: meta.unitId,
        correlationId: meta.correlationId,
        causationId: meta.causationId ?? meta.correlationId,
        actorId: meta.actor.id,
        actorRole: meta.actor.role,
      }),
    );
    try {
      const result = await db.query<{ appended: number }>({
        name: 'event-store-append',
        text: APPEND_SQL,
        values: [
          streamId,
          expectedVersion,
          ids,
          events.map((event) => this.codec.typeOf(event)),
          events.map((event) => JSON.stringify(this.codec.toPayload(event))),
          metadata,
          meta.idempotencyKey ?? null,
        ],
      });
      if (result.rows[0].appended === 0) throw new ConcurrencyError(streamId, expectedVersion);
      this.announceAppend();
      return { streamId, nextExpectedVersion: expectedVersion + events.length, appended: events.length, duplicate: false };
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (pgError.code === UNIQUE_VIOLATION && pgError.constraint === 'idempotency_keys_pkey' && meta.idempotencyKey) {
        const remembered = await this.rememberedResult(meta.idempotencyKey, db);
        if (remembered) return remembered;
      }
      if (pgError.code === UNIQUE_VIOLATION && pgError.constraint === 'events_stream_id_stream_version_key') {
        throw new ConcurrencyError(streamId, expectedVersion);
      }
      throw error;
    }
  }

  /**
   * Wakes LISTENers on `events_appended`. Appends that land while a notification is in flight
   * share the next one. An append inside a caller's transaction is announced before it commits;
   * the tailer then finds nothing yet and its poll picks the events up.
   */
  private announceAppend(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.pool
      .query(NOTIFY_SQL)
      .catch(() => undefined) // a lost wake-up only delays tailers until their next poll
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.announceAppend();
        }
      });
  }

  async readStream(streamId: string, db: Queryable = this.pool): Promise<StoredEvent<E>[]> {
    const result = await db.query<EventRow>({ name: 'event-store-read-stream', text: READ_STREAM_SQL, values: [streamId] });
    return result.rows.map((row) => this.toStoredEvent(row));
  }

  /** Reads the log after `checkpoint` in commit-safe order; pass the last event's checkpoint to go on. */
  async readAll(checkpoint: Checkpoint, limit: number, db: Queryable = this.pool): Promise<StoredEvent<E>[]> {
    const result = await db.query<EventRow>({
      name: 'event-store-read-all',
      text: READ_ALL_SQL,
      values: [checkpoint.transactionId, checkpoint.globalPosition, limit],
    });
    return result.rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * Runs a command against a stream: read, fold, decide, append at the version read. A concurrent
   * writer makes it start over, a bounded number of times. A command whose idempotency key was used
   * before returns the remembered result without deciding again, so a retried HTTP request whose
   * first attempt succeeded is not refused by the state its first attempt created.
   */
  async handle<S>(
    streamId: string,
    decider: DeciderFold<E, S>,
    decide: (state: S, version: number) => E[],
    meta: CommandMeta,
  ): Promise<AppendResult & { events: E[] }> {
    for (let attempt = 0; ; attempt++) {
      if (meta.idempotencyKey) {
        const remembered = await this.rememberedResult(meta.idempotencyKey);
        if (remembered) return { ...remembered, events: [] };
      }
      const history = await this.readStream(streamId);
      const state = foldEvents(decider.evolve, decider.initialState(), history.map((stored) => stored.event));
      const events = decide(state, history.length);
      try {
        const result = await this.append(streamId, history.length, events, meta);
        return { ...result, events: result.duplicate ? [] : events };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_CONCURRENCY_RETRIES) throw error;
      }
    }
  }

  private async rememberedResult(key: string, db: Queryable = this.pool): Promise<AppendResult | undefined> {
    const result = await db.query<{ stream_id: string; result: { nextExpectedVersion: number } }>({
      name: 'event-store-read-idempotency',
      text: READ_IDEMPOTENCY_SQL,
      values: [key],
    });
    const row = result.rows[0];
    if (!row) return undefined;
    return { streamId: row.stream_id, nextExpectedVersion: row.result.nextExpectedVersion, appended: 0, duplicate: true };
  }

  private toStoredEvent(row: EventRow): StoredEvent<E> {
    return {
      event: this.codec.fromPayload(row.event_type, row.payload),
      envelope: {
        ...row.metadata,
        eventId: row.event_id,
        eventType: row.event_type,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
      },
      globalPosition: row.global_position,
      transactionId: row.transaction_id,
      recordedAt: row.recorded_at,
    };
  }
}

export function checkpointOf(event: Pick<StoredEvent<unknown>, 'transactionId' | 'globalPosition'>): Checkpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}
