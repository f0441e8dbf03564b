import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EventCodec } from '@lib/contracts';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './checkpoint-store';
import { type DeciderFold, DomainError, foldEvents, foldStream } from './domain';
import { DEFAULT_GROUP_COMMIT, GroupCommit, type GroupCommitOptions } from './group-commit';
import { APPEND_GROUP_STATEMENTS, APPEND_STATEMENTS, type EncodedAppend } from './append-statements';
import { type FoldedStream, FoldedStreamCache, PerStreamQueue } from './command-queue';
import { COLUMNS, type EventColumns, type EventRow, RAW_TYPES, toStoredEvents } from './stored-event';
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

const UNIQUE_VIOLATION = '23505';
const MAX_CONCURRENCY_RETRIES = 3;

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

/** The unit an event's payload is about, when it names one. */
function unitNamedBy(payload: unknown): string | undefined {
  const unitId = typeof payload === 'object' && payload !== null ? (payload as { unitId?: unknown }).unitId : undefined;
  return typeof unitId === 'string' && unitId !== '' ? unitId : undefined;
}

const LOCATE_STREAM_SQL = `SELECT metadata->>'tenantId' AS tenant_id, metadata->>'unitId' AS unit_id, stream_version FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`;

const READ_IDEMPOTENCY_SQL = `SELECT stream_id, result FROM idempotency_keys WHERE key = $1`;

const IS_STORED_SQL = `SELECT EXISTS (SELECT FROM events WHERE event_id = $1) AS stored`;

// A command with an idempotency key reads its stream and looks the key up in one round trip: the
// remembered result, if any, comes as one more row with only the stream id and the result set, and
// sorts last (its stream version is null).
const READ_STREAM_AND_KEY_SQL = `
  SELECT ${COLUMNS}, NULL::jsonb AS remembered FROM events WHERE stream_id = $1 AND stream_version > $2
  UNION ALL
  SELECT NULL, NULL, stream_id, NULL, NULL, NULL, NULL, NULL, NULL, result FROM idempotency_keys WHERE key = $3
  ORDER BY 4 NULLS LAST`;

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
   * store may commit together (see GroupCommit); with `db`, the append runs there, alone, and wakes the
   * log's tailers when that transaction commits. A transaction that already holds a transaction id
   * (it wrote before) can append only after events committed before it took that id: otherwise the
   * append would sort before its predecessor in the log, so it fails with ConcurrencyError, and the
   * whole transaction must be run again.
   */
  async append(streamId: string, expectedVersion: number, events: E[], meta: CommandMeta, db?: Queryable): Promise<AppendResult> {
    if (events.length === 0) return { streamId, nextExpectedVersion: expectedVersion, appended: 0, duplicate: false };
    const pending = this.encode(streamId, expectedVersion, events, meta);
    if (!db) {
      const result = await this.groupCommit.write(pending);
      if (!result.duplicate) this.announceAppend();
      return result;
    }
    const result = await this.appendAlone(pending, db);
    // Inside a caller's transaction, a NOTIFY is delivered when (and only if) that transaction commits.
    if (!result.duplicate) await db.query(NOTIFY_SQL);
    return result;
  }

  private encode(streamId: string, expectedVersion: number, events: E[], meta: CommandMeta): EncodedAppend {
    const envelope = {
      occurredAt: meta.occurredAt ?? this.clock().toISOString(),
      tenantId: meta.tenantId,
      unitId: meta.unitId,
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? meta.correlationId,
      actorId: meta.actor.id,
      actorRole: meta.actor.role,
      traceparent: activeTraceparent(), // left out of the JSON when undefined (tracing off)
    };
    const encoded = events.map((event) => {
      const payload = this.codec.toPayload(event);
      // A command about several units (a list registered or assigned at once) names none; each event is
      // then about the unit its payload names, which consumers check the envelope against.
      const unitId = meta.unitId === '' ? (unitNamedBy(payload) ?? '') : meta.unitId;
      return {
        eventId: randomUUID(),
        eventType: this.codec.typeOf(event),
        payload: JSON.stringify(payload),
        metadata: JSON.stringify({ ...envelope, unitId }),
      };
    });
    return { streamId, expectedVersion, events: encoded, idempotencyKey: meta.idempotencyKey, eventCount: events.length };
  }

  /**
   * One append as one statement: the version check, the events and the idempotency key commit together
   * or not at all. `afterFailedGroup`: the append was part of a group whose statement failed, possibly
   * after its COMMIT went through (a reply lost with the connection); it runs with the group's event
   * ids, so meeting its own events means the group committed it.
   */
  private async appendAlone(append: EncodedAppend, db: Queryable, afterFailedGroup = false): Promise<AppendResult> {
    const { streamId, expectedVersion, events, idempotencyKey: key } = append;
    const values: unknown[] =
      events.length === 1
        ? [streamId, expectedVersion, events[0].eventId, events[0].eventType, events[0].payload, events[0].metadata]
        : [
            streamId,
            expectedVersion,
            events.map((e) => e.eventId),
            events.map((e) => e.eventType),
            events.map((e) => e.payload),
            events.map((e) => e.metadata),
          ];
    if (key) values.push(key);
    const statement =
      events.length === 1 ? (key ? APPEND_STATEMENTS.oneWithKey : APPEND_STATEMENTS.one) : key ? APPEND_STATEMENTS.manyWithKey : APPEND_STATEMENTS.many;
    const appendedNow = { streamId, nextExpectedVersion: expectedVersion + events.length, appended: events.length, duplicate: false };
    try {
      const result = await db.query<{ appended: number }>({ ...statement, values });
      const appended = key ? result.rows[0].appended : result.rowCount;
      if (appended === 0) throw new ConcurrencyError(streamId, expectedVersion);
      return appendedNow;
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (pgError.code === UNIQUE_VIOLATION && pgError.constraint === 'idempotency_keys_pkey' && key) {
        // Read on the pool: `db` may be the caller's transaction, which the violation has aborted.
        const remembered = await this.rememberedResult(key);
        if (remembered) return remembered;
      }
      if (pgError.code === UNIQUE_VIOLATION && (pgError.constraint === 'events_stream_id_stream_version_key' || pgError.constraint === 'events_event_id_key')) {
        if (afterFailedGroup && (await this.isStored(events[0].eventId))) return appendedNow;
        throw new ConcurrencyError(streamId, expectedVersion);
      }
      throw error;
    }
  }

  private async isStored(eventId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ stored: boolean }>({ name: 'event-store-is-stored', text: IS_STORED_SQL, values: [eventId] });
    return rows[0].stored;
  }

  /**
   * Several appends to distinct streams as one statement, in stream order so that two processes'
   * groups take their row locks in the same order. Each append's version check is its own: a stale
   * one appends nothing and fails alone. Anything that fails the statement as a whole (a writer of
   * another process at the same version, an idempotency key used before, a lost connection) rolls
   * back every append of the group, and each then runs alone to get its own answer. A lost connection
   * is ambiguous: the COMMIT may have gone through with only its reply lost, or the statement may still
   * be running on the server. Each append reruns with the group's own event ids, so it waits for the
   * group's transaction if that is still open, and meets its own events if the group committed, which
   * it then answers as appended instead of failing a command that did take effect (handle() would
   * decide it again and append it twice).
   */
  private async appendGroup(group: EncodedAppend[]): Promise<PromiseSettledResult<AppendResult>[]> {
    const sorted = [...group].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    const rows: string[] = [];
    const keys: string[] = [];
    for (const append of sorted) {
      const stream = JSON.stringify(append.streamId);
      append.events.forEach((event, i) => {
        rows.push(
          `{"stream_id":${stream},"expected":${append.expectedVersion},"ord":${i + 1},"id":"${event.eventId}","type":${JSON.stringify(event.eventType)},"payload":${event.payload},"metadata":${event.metadata}}`,
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
      return Promise.allSettled(group.map((append) => this.appendAlone(append, this.pool, true)));
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
   * covers them all). Called once the append has committed: a tailer woken earlier would find nothing
   * and wait for its next poll.
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
  async handle<S, SE extends E = E>(
    streamId: string,
    decider: DeciderFold<SE, S>,
    decide: (state: S, version: number) => SE[],
    meta: CommandMeta,
    options: HandleOptions = {},
  ): Promise<AppendResult & { events: SE[]; state: S }> {
    return this.commandQueue.run(streamId, async () => {
      let clashedOnNothingNewer = false;
      for (let attempt = 0; ; attempt++) {
        const cached = this.folded.get(decider, streamId);
        const from: FoldedStream = cached ?? { version: 0, state: decider.initialState(), tenantId: undefined };
        const { newer, remembered } = meta.idempotencyKey
          ? await this.readStreamAndKey(streamId, from.version, meta.idempotencyKey)
          : { newer: await this.readStream(streamId, this.pool, from.version), remembered: undefined };
        const state = foldStream(
          decider,
          streamId,
          newer.map((stored) => stored.event),
          from.state as S,
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
            options.guard || options.alongside
              ? await this.appendInTransaction(streamId, version, events, meta, options)
              : await this.append(streamId, version, events, meta),
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
          // Nothing newer was read, yet the append clashed: a writer got in between (the next read finds
          // its events), or the cache is ahead of the database (commits lost in a failover or a restore).
          // Twice in a row, it is the cache: read the stream whole again.
          if (newer.length === 0 && clashedOnNothingNewer) this.folded.delete(decider, streamId);
          // otherwise the state folded so far is still a true prefix of the stream: keep it and read on from there
          else this.folded.set(decider, streamId, { version, state, tenantId });
          clashedOnNothingNewer = newer.length === 0;
        }
      }
    });
  }

  /**
   * `append` in a transaction of its own, for a command with a guard or with work `alongside` it. The
   * guard's advisory lock is taken first and its streams checked still at the versions the command
   * read; a later statement of the same transaction sees every commit made before the lock was granted,
   * which a single statement would not.
   */
  private async appendInTransaction(
    streamId: string,
    expectedVersion: number,
    events: E[],
    meta: CommandMeta,
    { guard, alongside }: Pick<HandleOptions, 'guard' | 'alongside'>,
  ): Promise<AppendResult> {
    if (events.length === 0) return { streamId, nextExpectedVersion: expectedVersion, appended: 0, duplicate: false };
    const pending = this.encode(streamId, expectedVersion, events, meta);
    const result = await inTransaction(this.pool, async (client) => {
      if (guard) await this.holdGuard(client, guard);
      const appended = await this.appendAlone(pending, client);
      if (alongside && !appended.duplicate) await alongside(client);
      return appended;
    });
    if (!result.duplicate) this.announceAppend();
    return result;
  }

  private async holdGuard(client: PoolClient, guard: AppendGuard): Promise<void> {
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

  private async rememberedResult(key: string): Promise<AppendResult | undefined> {
    const result = await this.pool.query<{ stream_id: string; result: { nextExpectedVersion: number } }>({
      name: 'event-store-read-idempotency',
      text: READ_IDEMPOTENCY_SQL,
      values: [key],
    });
    const row = result.rows[0];
    if (!row) return undefined;
    return { streamId: row.stream_id, nextExpectedVersion: row.result.nextExpectedVersion, appended: 0, duplicate: true };
  }

  private toStoredEvents(rows: readonly EventColumns[]): StoredEvent<E>[] {
    return toStoredEvents(this.codec, rows);
  }
}

/** A duplicate answer is the command's own only if its key was remembered for the command's stream (see HandleOptions.createsStreamWithPrefix). */
function refuseKeyReuse(result: AppendResult, streamId: string, options: HandleOptions): AppendResult {
  if (!result.duplicate || result.streamId === streamId) return result;
  const prefix = options.createsStreamWithPrefix;
  if (prefix !== undefined && streamId.startsWith(prefix) && result.streamId.startsWith(prefix)) return result;
  throw new IdempotencyKeyReusedError(result.streamId);
}
