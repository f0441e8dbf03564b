import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EventCodec, EventEnvelope } from '@lib/contracts';
import { type CustomTypesConfig, type Pool, type PoolClient, types as pgTypes } from 'pg';
import { inTransaction } from './checkpoint-store';
import { DomainError, foldEvents } from './domain';
import { DEFAULT_GROUP_COMMIT, GroupCommit, type GroupCommitOptions } from './group-commit';
import { activeTraceparent } from './trace-context';
import {
  type AppendGuard,
  type AppendResult,
  type Checkpoint,
  type CommandMeta,
  ConcurrencyError,
  type HandleOptions,
  IdempotencyKeyReusedError,
  type StoredEvent,
  StreamChangedError,
  type StreamLocation,
} from './types';

type Queryable = Pick<Pool | PoolClient, 'query'>;

type EnvelopeMetadata = Omit<EventEnvelope, 'eventId' | 'eventType' | 'streamId' | 'streamVersion'>;

/** A row of COLUMNS in `rowMode: 'array'`, with jsonb and timestamptz left as the server sent them (see RAW_TYPES). */
type EventRow = [
  globalPosition: string,
  transactionId: string,
  streamId: string,
  streamVersion: number,
  eventId: string,
  eventType: string,
  payload: string,
  metadata: string,
  recordedAt: string,
];

/** A row that starts with the columns of EventRow (a read may select more after them). */
type EventColumns = readonly [...EventRow, ...unknown[]];

const JSONB_OID = 3802;
const TIMESTAMPTZ_OID = 1184;
const keepText = (value: string): string => value;
const parseTimestamptz = pgTypes.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date;

// Reading the log is CPU-bound in this process, not in PostgreSQL: per row, the driver would
// JSON.parse two documents and parse a date, and the mapping would decode the payload with fromJSON,
// whether the reader needs them or not (a projection keyed by unit only reads the envelope). So the
// reads take rows as arrays with jsonb and timestamptz as text, and StoredEvent decodes each part on
// first access (see LazyStoredEvent).
const RAW_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSONB_OID || oid === TIMESTAMPTZ_OID ? keepText : pgTypes.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

const UNIQUE_VIOLATION = '23505';
const MAX_CONCURRENCY_RETRIES = 3;

// An append is one statement, so one round trip and an implicit transaction, like a plain
// autocommit INSERT: the version check, the events and the idempotency key commit together or not at
// all. No separate SELECT of the stream's version: a stale expected version finds no event at that
// version and inserts nothing (which also refuses an expected version past the end, so a stream never
// has gaps), and a concurrent writer at the same version hits unique(stream_id, stream_version).
// The statement has four shapes, each prepared once per connection: a single event (the common case)
// goes as scalars, which is cheaper to send and to parse than four one-element arrays, and without an
// idempotency key there is no second data-modifying CTE to plan and run.
const AT_EXPECTED_VERSION = `($2::int = 0 OR EXISTS (SELECT FROM events WHERE stream_id = $1 AND stream_version = $2::int))`;

const INSERT_ONE = `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
  SELECT $1, $2::int + 1, $3::uuid, $4::text, $5::jsonb, $6::jsonb
  WHERE ${AT_EXPECTED_VERSION}`;

const INSERT_MANY = `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
  SELECT $1, $2::int + e.ord::int, e.id, e.type, e.payload, e.metadata
  FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, payload, metadata, ord)
  WHERE ${AT_EXPECTED_VERSION}`;

const withIdempotencyKey = (insert: string): string => `
  WITH appended AS (${insert}
    RETURNING stream_version
  ), remembered AS (
    INSERT INTO idempotency_keys (key, stream_id, result)
    SELECT $7, $1, jsonb_build_object('nextExpectedVersion', max(stream_version), 'appended', count(*))
    FROM appended HAVING count(*) > 0
  )
  SELECT count(*)::int AS appended FROM appended`;

const APPEND_STATEMENTS = {
  one: { name: 'event-store-append-one', text: INSERT_ONE },
  many: { name: 'event-store-append-many', text: INSERT_MANY },
  oneWithKey: { name: 'event-store-append-one-keyed', text: withIdempotencyKey(INSERT_ONE) },
  manyWithKey: { name: 'event-store-append-many-keyed', text: withIdempotencyKey(INSERT_MANY) },
} as const;

// A group of appends (see GroupCommit and appendGroup): one row per event, each with its stream's
// expected version and its place in its append; the streams are distinct. Unlike a lone append, a
// stale expected version must not reach the unique constraint, which would fail the whole group: an
// append goes in only if its stream ends exactly at its expected version. The stream's last version
// is a LATERAL max(), which is always one backward probe of the (stream_id, stream_version) index:
// written as EXISTS/NOT EXISTS, the planner turns the checks into hash joins over a seq scan of the
// whole table while it is small, and a prepared statement can keep that plan as the table grows.
// The group travels as one JSON document whose payloads and metadata are spliced in as the JSON text
// they already are: cheaper to build and to parse than seven array parameters, whose every element
// node-postgres escapes in JavaScript. Answers one row per event that went in.
const groupInsert = (returning: string): string => `
    INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
    SELECT e.stream_id, e.expected + e.ord, e.id, e.type, e.payload, e.metadata
    FROM jsonb_to_recordset($1::jsonb) AS e(stream_id text, expected int, ord int, id uuid, type text, payload jsonb, metadata jsonb)
    CROSS JOIN LATERAL (SELECT max(v.stream_version) AS version FROM events v WHERE v.stream_id = e.stream_id) AS last
    WHERE coalesce(last.version, 0) = e.expected
    RETURNING ${returning}`;

const APPEND_GROUP_STATEMENTS = {
  plain: { name: 'event-store-append-group', text: groupInsert('stream_id') },
  withKeys: {
    name: 'event-store-append-group-keyed',
    text: `
  WITH appended AS (${groupInsert('stream_id, stream_version')}
  ), remembered AS (
    INSERT INTO idempotency_keys (key, stream_id, result)
    SELECT k.key, a.stream_id, jsonb_build_object('nextExpectedVersion', max(a.stream_version), 'appended', count(*))
    FROM appended a JOIN jsonb_to_recordset($2::jsonb) AS k(stream_id text, key text) ON k.stream_id = a.stream_id
    GROUP BY k.key, a.stream_id
  )
  SELECT stream_id FROM appended`,
  },
} as const;

/** An append with its events encoded, ready for a statement. */
interface EncodedAppend {
  streamId: string;
  expectedVersion: number;
  events: { eventId: string; eventType: string; payload: string }[];
  eventCount: number;
  metadata: string;
  idempotencyKey?: string;
}

const COLUMNS = `global_position::text, transaction_id::text, stream_id, stream_version, event_id, event_type, payload, metadata, recorded_at`;

const READ_STREAM_SQL = `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`;

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
// 16 clients). The store therefore notifies after the commit, from its own statement. That statement
// is a second round trip and a transaction of its own (PostgreSQL assigns a NOTIFY a transaction id),
// so one per append would double the statements the server runs: notifications are rate-limited (see
// announceAppend), and tailers poll as a fallback for anything missed.
const NOTIFY_INTERVAL_MS = 10;
const NOTIFY_SQL = `SELECT pg_notify('events_appended', '')`;

const LOCATE_STREAM_SQL = `SELECT metadata->>'tenantId' AS tenant_id, metadata->>'unitId' AS unit_id, stream_version FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`;

const READ_IDEMPOTENCY_SQL = `SELECT stream_id, result FROM idempotency_keys WHERE key = $1`;

// A command with an idempotency key reads its stream and looks the key up in one round trip: the
// remembered result, if any, comes as one more row with only the stream id and the result set, and
// sorts last (its stream version is null).
const READ_STREAM_AND_KEY_SQL = `
  SELECT ${COLUMNS}, NULL::jsonb AS remembered FROM events WHERE stream_id = $1 AND stream_version > $2
  UNION ALL
  SELECT NULL, NULL, stream_id, NULL, NULL, NULL, NULL, NULL, NULL, result FROM idempotency_keys WHERE key = $3
  ORDER BY 4 NULLS LAST`;

export interface DeciderFold<E, S> {
  initialState: () => S;
  /** Must not change `state`: the store keeps folded states and folds further events onto them. */
  evolve: (state: S, event: E) => S;
}

/** A stream's folded state after its first `version` events, and the tenant its first event was written for. */
interface FoldedStream {
  version: number;
  state: unknown;
  tenantId: string | undefined;
}

/**
 * Folded states of the streams this process handled last, per decider, so a command on a long
 * stream (a busy SKM survey collects thousands of responses on one) reads only the events appended
 * since, not the whole stream. Any process may have appended meanwhile: the tail read catches up.
 */
class FoldedStreamCache {
  // Short streams cost one small read; caching them would only spend memory.
  static readonly MIN_VERSION = 16;
  static readonly MAX_STREAMS = 256;
  readonly #byDecider = new WeakMap<object, Map<string, FoldedStream>>();
  // Insertion order of (decider, stream) pairs, oldest first: Map iteration order gives an LRU.
  readonly #recent = new Map<string, { decider: object; streamId: string }>();
  #deciderIds = new WeakMap<object, number>();
  #nextDeciderId = 0;

  get(decider: object, streamId: string): FoldedStream | undefined {
    return this.#byDecider.get(decider)?.get(streamId);
  }

  set(decider: object, streamId: string, folded: FoldedStream): void {
    if (folded.version < FoldedStreamCache.MIN_VERSION) return;
    let streams = this.#byDecider.get(decider);
    if (!streams) this.#byDecider.set(decider, (streams = new Map()));
    streams.set(streamId, folded);
    const key = `${this.#idOf(decider)}/${streamId}`;
    this.#recent.delete(key);
    this.#recent.set(key, { decider, streamId });
    if (this.#recent.size > FoldedStreamCache.MAX_STREAMS) {
      const [oldestKey, oldest] = this.#recent.entries().next().value as [string, { decider: object; streamId: string }];
      this.#recent.delete(oldestKey);
      this.#byDecider.get(oldest.decider)?.delete(oldest.streamId);
    }
  }

  #idOf(decider: object): number {
    let id = this.#deciderIds.get(decider);
    if (id === undefined) this.#deciderIds.set(decider, (id = this.#nextDeciderId++));
    return id;
  }
}

/**
 * Runs the commands of one stream one after another within this process, so concurrent commands on
 * a hot stream (many respondents answering one survey) queue instead of racing to the same version
 * and failing after their retries. Other processes still race; `handle` retries those clashes.
 */
class PerStreamQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(streamId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(streamId) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(streamId, tail);
    void tail.then(() => {
      if (this.#tails.get(streamId) === tail) this.#tails.delete(streamId);
    });
    return result;
  }
}

/**
 * PostgreSQL event store of one bounded context. The events table is also the outbox
 * (see OutboxRelay); commands never talk to Kafka.
 */
export class EventStore<E extends { $case: string; value: unknown }> {
  private lastNotifyAt = -Infinity;
  private notifyPending = false;
  private readonly folded = new FoldedStreamCache();
  private readonly commandQueue = new PerStreamQueue();
  private readonly groupCommit: GroupCommit<EncodedAppend, AppendResult>;

  constructor(
    private readonly pool: Pool,
    private readonly codec: EventCodec<E>,
    private readonly clock: () => Date = () => new Date(),
    groupCommit: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {
    this.groupCommit = new GroupCommit(
      (append) => this.appendAlone(append, this.pool),
      (group) => this.appendGroup(group),
      groupCommit,
    );
  }

  /**
   * Appends `events` if the stream is at `expectedVersion` (0 = new stream). Throws ConcurrencyError
   * otherwise. With `meta.idempotencyKey`, a second call with the same key appends nothing and
   * returns the first call's result with `duplicate: true`. Without `db`, concurrent appends of this
   * store may commit together (see GroupCommit); with `db`, the append runs there, alone.
   */
  async append(streamId: string, expectedVersion: number, events: E[], meta: CommandMeta, db?: Queryable): Promise<AppendResult> {
    if (events.length === 0) return { streamId, nextExpectedVersion: expectedVersion, appended: 0, duplicate: false };
    const metadata = JSON.stringify({
      occurredAt: meta.occurredAt ?? this.clock().toISOString(),
      tenantId: meta.tenantId,
      unitId: meta.unitId,
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? meta.correlationId,
      actorId: meta.actor.id,
      actorRole: meta.actor.role,
      traceparent: activeTraceparent(), // left out of the JSON when undefined (tracing off)
    });
    const encoded = events.map((event) => ({
      eventId: randomUUID(),
      eventType: this.codec.typeOf(event),
      payload: JSON.stringify(this.codec.toPayload(event)),
    }));
    const pending = { streamId, expectedVersion, events: encoded, metadata, idempotencyKey: meta.idempotencyKey, eventCount: events.length };
    const result = db ? await this.appendAlone(pending, db) : await this.groupCommit.write(pending);
    if (!result.duplicate) this.announceAppend();
    return result;
  }

  /** One append as one statement: the version check, the events and the idempotency key commit together or not at all. */
  private async appendAlone(append: EncodedAppend, db: Queryable): Promise<AppendResult> {
    const { streamId, expectedVersion, events, metadata, idempotencyKey: key } = append;
    const values: unknown[] =
      events.length === 1
        ? [streamId, expectedVersion, events[0].eventId, events[0].eventType, events[0].payload, metadata]
        : [streamId, expectedVersion, events.map((e) => e.eventId), events.map((e) => e.eventType), events.map((e) => e.payload), events.map(() => metadata)];
    if (key) values.push(key);
    const statement =
      events.length === 1 ? (key ? APPEND_STATEMENTS.oneWithKey : APPEND_STATEMENTS.one) : key ? APPEND_STATEMENTS.manyWithKey : APPEND_STATEMENTS.many;
    try {
      const result = await db.query<{ appended: number }>({ ...statement, values });
      const appended = key ? result.rows[0].appended : result.rowCount;
      if (appended === 0) throw new ConcurrencyError(streamId, expectedVersion);
      return { streamId, nextExpectedVersion: expectedVersion + events.length, appended: events.length, duplicate: false };
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (pgError.code === UNIQUE_VIOLATION && pgError.constraint === 'idempotency_keys_pkey' && key) {
        const remembered = await this.rememberedResult(key, db);
        if (remembered) return remembered;
      }
      if (pgError.code === UNIQUE_VIOLATION && pgError.constraint === 'events_stream_id_stream_version_key') {
        throw new ConcurrencyError(streamId, expectedVersion);
      }
      throw error;
    }
  }

  /**
   * Several appends to distinct streams as one statement, in stream order so that two processes'
   * groups take their row locks in the same order. Each append's version check is its own: a stale
   * one appends nothing and fails alone. Anything that fails the statement as a whole (a writer of
   * another process at the same version, an idempotency key used before, a lost connection) rolls
   * back every append of the group, and each then runs alone to get its own answer.
   */
  private async appendGroup(group: EncodedAppend[]): Promise<PromiseSettledResult<AppendResult>[]> {
    const sorted = [...group].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    const rows: string[] = [];
    const keys: string[] = [];
    for (const append of sorted) {
      const stream = JSON.stringify(append.streamId);
      append.events.forEach((event, i) => {
        rows.push(
          `{"stream_id":${stream},"expected":${append.expectedVersion},"ord":${i + 1},"id":"${event.eventId}","type":${JSON.stringify(event.eventType)},"payload":${event.payload},"metadata":${append.metadata}}`,
        );
      });
      if (append.idempotencyKey) keys.push(`{"stream_id":${stream},"key":${JSON.stringify(append.idempotencyKey)}}`);
    }
    let appendedStreams: Set<string>;
    try {
      const statement = keys.length > 0 ? APPEND_GROUP_STATEMENTS.withKeys : APPEND_GROUP_STATEMENTS.plain;
      const values = keys.length > 0 ? [`[${rows.join(',')}]`, `[${keys.join(',')}]`] : [`[${rows.join(',')}]`];
      const result = await this.pool.query<[string]>({ ...statement, values, rowMode: 'array' });
      appendedStreams = new Set(result.rows.map(([streamId]) => streamId));
    } catch {
      return Promise.allSettled(group.map((append) => this.appendAlone(append, this.pool)));
    }
    return group.map((append) =>
      appendedStreams.has(append.streamId)
        ? {
            status: 'fulfilled',
            value: {
              streamId: append.streamId,
              nextExpectedVersion: append.expectedVersion + append.events.length,
              appended: append.events.length,
              duplicate: false,
            },
          }
        : { status: 'rejected', reason: new ConcurrencyError(append.streamId, append.expectedVersion) },
    );
  }

  /**
   * Wakes LISTENers on `events_appended`, at most once per NOTIFY_INTERVAL_MS: the first append after
   * a quiet spell notifies at once, and the appends of a busy spell share one notification at the
   * end of each interval (a tailer that is woken reads everything committed so far, so one wake-up
   * covers them all). An append inside a caller's transaction is announced before it commits; the
   * tailer then finds nothing yet and its poll picks the events up.
   */
  private announceAppend(): void {
    if (this.notifyPending) return;
    const wait = this.lastNotifyAt + NOTIFY_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.notify();
      return;
    }
    this.notifyPending = true;
    setTimeout(() => {
      this.notifyPending = false;
      this.notify();
    }, wait).unref();
  }

  private notify(): void {
    this.lastNotifyAt = performance.now();
    this.pool.query(NOTIFY_SQL).catch(() => undefined); // a lost wake-up only delays tailers until their next poll
  }

  /** The stream's events in order; with `afterVersion`, only those after it. */
  async readStream(streamId: string, db: Queryable = this.pool, afterVersion = 0): Promise<StoredEvent<E>[]> {
    const result = await db.query<EventRow>({
      name: 'event-store-read-stream',
      text: READ_STREAM_SQL,
      values: [streamId, afterVersion],
      rowMode: 'array',
      types: RAW_TYPES,
    });
    return this.toStoredEvents(result.rows);
  }

  /**
   * Where a stream lives now: the tenant and unit of its latest event, and its version; undefined for
   * a stream with no events. Current as soon as an append has returned (a projection may lag).
   */
  async locateStream(streamId: string): Promise<StreamLocation | undefined> {
    const { rows } = await this.pool.query<{ tenant_id: string | null; unit_id: string | null; stream_version: number }>({
      name: 'event-store-locate-stream',
      text: LOCATE_STREAM_SQL,
      values: [streamId],
    });
    const row = rows[0];
    if (!row) return undefined;
    return { tenantId: row.tenant_id ?? '', unitId: row.unit_id || undefined, version: row.stream_version };
  }

  /** Reads the log after `checkpoint` in commit-safe order; pass the last event's checkpoint to go on. */
  async readAll(checkpoint: Checkpoint, limit: number, db: Queryable = this.pool): Promise<StoredEvent<E>[]> {
    const result = await db.query<EventRow>({
      name: 'event-store-read-all',
      text: READ_ALL_SQL,
      values: [checkpoint.transactionId, checkpoint.globalPosition, limit],
      rowMode: 'array',
      types: RAW_TYPES,
    });
    return this.toStoredEvents(result.rows);
  }

  /**
   * Runs a command against a stream: read, fold, decide, append at the version read. A concurrent
   * writer makes it start over, a bounded number of times. A command whose idempotency key was used
   * before returns the remembered result without deciding again, so a retried HTTP request whose
   * first attempt succeeded is not refused by the state its first attempt created. The answer carries
   * the state after the command; for a duplicate, the state as read now (the stream may have moved on
   * since the first call).
   */
  async handle<S>(
    streamId: string,
    decider: DeciderFold<E, S>,
    decide: (state: S, version: number) => E[],
    meta: CommandMeta,
    options: HandleOptions = {},
  ): Promise<AppendResult & { events: E[]; state: S }> {
    return this.commandQueue.run(streamId, async () => {
      for (let attempt = 0; ; attempt++) {
        const cached = this.folded.get(decider, streamId);
        const from: FoldedStream = cached ?? { version: 0, state: decider.initialState(), tenantId: undefined };
        const { newer, remembered } = meta.idempotencyKey
          ? await this.readStreamAndKey(streamId, from.version, meta.idempotencyKey)
          : { newer: await this.readStream(streamId, this.pool, from.version), remembered: undefined };
        const state = foldEvents(
          decider.evolve,
          from.state as S,
          newer.map((stored) => stored.event),
        );
        if (remembered) return { ...refuseKeyReuse(remembered, streamId, options), events: [], state };
        const version = from.version + newer.length;
        const tenantId = from.tenantId ?? newer[0]?.envelope.tenantId;
        if (tenantId !== undefined && tenantId !== meta.tenantId) {
          throw new DomainError(options.otherTenantNotFoundCode ?? 'STREAM.NOT_FOUND', `${streamId} does not exist`);
        }
        const events = decide(state, version);
        try {
          const result = refuseKeyReuse(
            options.guard ? await this.appendGuarded(streamId, version, events, meta, options.guard) : await this.append(streamId, version, events, meta),
            streamId,
            options,
          );
          const appended = result.duplicate ? [] : events;
          const after = foldEvents(decider.evolve, state, appended);
          this.folded.set(decider, streamId, {
            version: version + appended.length,
            state: after,
            tenantId: tenantId ?? (appended.length > 0 ? meta.tenantId : undefined),
          });
          return { ...result, events: appended, state: after };
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt >= MAX_CONCURRENCY_RETRIES) throw error;
          // the state folded so far is still a true prefix of the stream: keep it and read on from there
          this.folded.set(decider, streamId, { version, state, tenantId });
        }
      }
    });
  }

  /**
   * `append` in a transaction that first takes the guard's advisory lock and checks its streams are
   * still at the versions the command read; a later statement of the same transaction sees every
   * commit made before the lock was granted, which a single statement would not.
   */
  private appendGuarded(streamId: string, expectedVersion: number, events: E[], meta: CommandMeta, guard: AppendGuard): Promise<AppendResult> {
    return inTransaction(this.pool, async (client) => {
      const lock = guard.lockMode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
      await client.query(`SELECT ${lock}(hashtextextended($1, 0))`, [`guard:${guard.lockKey}`]);
      const { rows } = await client.query<{ stream_id: string; version: number }>(
        'SELECT stream_id, max(stream_version)::int AS version FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id',
        [guard.unchanged.map((stream) => stream.streamId)],
      );
      for (const { streamId: guarded, version } of guard.unchanged) {
        const current = rows.find((row) => row.stream_id === guarded)?.version ?? 0;
        if (current !== version) throw new StreamChangedError(guarded, version, current);
      }
      return this.append(streamId, expectedVersion, events, meta, client);
    });
  }

  private async readStreamAndKey(streamId: string, afterVersion: number, key: string): Promise<{ newer: StoredEvent<E>[]; remembered?: AppendResult }> {
    const result = await this.pool.query<[...EventRow, string | null]>({
      name: 'event-store-read-stream-and-key',
      text: READ_STREAM_AND_KEY_SQL,
      values: [streamId, afterVersion, key],
      rowMode: 'array',
      types: RAW_TYPES,
    });
    const rows = result.rows;
    const last = rows[rows.length - 1];
    if (!last || last[9] === null) return { newer: this.toStoredEvents(rows) };
    const { nextExpectedVersion } = JSON.parse(last[9]) as { nextExpectedVersion: number };
    return {
      newer: this.toStoredEvents(rows.slice(0, -1)),
      remembered: { streamId: last[2], nextExpectedVersion, appended: 0, duplicate: true },
    };
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

  private toStoredEvents(rows: readonly EventColumns[]): StoredEvent<E>[] {
    const events = new Array<StoredEvent<E>>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = new LazyStoredEvent(this.codec, rows[i]);
    return events;
  }
}

/**
 * A StoredEvent whose `event`, `envelope` and `recordedAt` decode on first access and keep the result.
 * They are own, enumerable, assignable accessors, so spreading, JSON.stringify, Object.keys and deep
 * equality see the same five fields, in the same order, as on the plain object this used to be (the
 * row and the caches are private fields, which none of those see). The accessors are shared, defined
 * per instance from one descriptor each: an object literal with getters costs twice as much per row.
 * A malformed payload therefore throws where `event` is first read, not in readAll.
 */
class LazyStoredEvent<E extends { $case: string; value: unknown }> implements StoredEvent<E> {
  declare event: E;
  declare envelope: EventEnvelope;
  declare globalPosition: string;
  declare transactionId: string;
  declare recordedAt: Date;
  readonly #codec: EventCodec<E>;
  readonly #row: EventColumns;
  #event?: E;
  #envelope?: EventEnvelope;
  #recordedAt?: Date;

  static readonly #accessors = {
    event: {
      enumerable: true,
      configurable: true,
      get(this: LazyStoredEvent<never>) {
        return (this.#event ??= this.#codec.fromPayload(this.#row[5], JSON.parse(this.#row[6])));
      },
      set(this: LazyStoredEvent<never>, value: never) {
        this.#event = value;
      },
    },
    envelope: {
      enumerable: true,
      configurable: true,
      get(this: LazyStoredEvent<never>) {
        return (this.#envelope ??= toEnvelope(this.#row));
      },
      set(this: LazyStoredEvent<never>, value: EventEnvelope) {
        this.#envelope = value;
      },
    },
    recordedAt: {
      enumerable: true,
      configurable: true,
      get(this: LazyStoredEvent<never>) {
        return (this.#recordedAt ??= parseTimestamptz(this.#row[8]));
      },
      set(this: LazyStoredEvent<never>, value: Date) {
        this.#recordedAt = value;
      },
    },
  } satisfies Record<string, PropertyDescriptor>;

  constructor(codec: EventCodec<E>, row: EventColumns) {
    this.#codec = codec;
    this.#row = row;
    Object.defineProperty(this, 'event', LazyStoredEvent.#accessors.event);
    Object.defineProperty(this, 'envelope', LazyStoredEvent.#accessors.envelope);
    this.globalPosition = row[0];
    this.transactionId = row[1];
    Object.defineProperty(this, 'recordedAt', LazyStoredEvent.#accessors.recordedAt);
  }
}

function toEnvelope(row: EventColumns): EventEnvelope {
  // The parsed metadata object becomes the envelope: same fields, same order as spreading it into a
  // new object, without the copy.
  const envelope = JSON.parse(row[7]) as EnvelopeMetadata as EventEnvelope;
  envelope.eventId = row[4];
  envelope.eventType = row[5];
  envelope.streamId = row[2];
  envelope.streamVersion = row[3];
  return envelope;
}

/** A duplicate answer is the command's own only if its key was remembered for the command's stream (see HandleOptions.createsStreamWithPrefix). */
function refuseKeyReuse(result: AppendResult, streamId: string, options: HandleOptions): AppendResult {
  if (!result.duplicate || result.streamId === streamId) return result;
  const prefix = options.createsStreamWithPrefix;
  if (prefix !== undefined && streamId.startsWith(prefix) && result.streamId.startsWith(prefix)) return result;
  throw new IdempotencyKeyReusedError(result.streamId);
}

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
 * Finds out, without a transaction, whether a checkpointed reader (Projector, OutboxRelay) has
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
