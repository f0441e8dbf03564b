import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CodecError,
  deadLetterTopic,
  type EventCodec,
  type EventEnvelope,
  EnvelopeError,
  envelopeFromHeaders,
  type RefusalCode,
  refuseForeignEventType,
  refuseInconsistentEnvelope,
} from '@lib/contracts';
import { inMessageSpan, processBatchOnce, processOnce } from '@lib/event-sourcing';
import { DomainError } from '@lib/event-sourcing/domain';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { DEAD_LETTER_CIPHER, type DeadLetterCipher } from './dead-letter-cipher';
import { isTransient } from './transient-errors';

/** One decoded message, as a handler sees it. */
export interface Delivery<E> {
  event: E;
  /** Read from the Kafka headers, and checked against the topic and the event before any handler runs. */
  envelope: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * A handler of one topic. `handle` must make its effect and its inbox row (or the event store's
 * idempotency key) commit together, so that a redelivery has no second effect. A handler whose effect
 * is writes to its own PostgreSQL database is better written as an InboxConsumer.
 */
export interface EventConsumer<E> {
  /**
   * The consumer's logical name: the consuming service and purpose, e.g. `evaluation.f03-closed`. Its
   * Kafka consumer group is this name behind the deployment's prefix (ConsumerRunnerOptions.groupIdPrefix).
   */
  readonly groupId: string;
  readonly topic: string;
  handle(delivery: Delivery<E>): Promise<void>;
}

/**
 * A handler whose effect is writes to its own PostgreSQL database. The runner records each event id in
 * the `inbox` table of `pool` and runs `apply` only for ids not recorded before, with the transaction
 * that records them: a whole Kafka batch (up to INBOX_BATCH messages) per transaction and one inbox
 * statement for all of it. If `apply` throws for one message, the batch is rolled back and its messages
 * are processed one by one, each in its own transaction with its own retries and dead-lettering, so a
 * failing message never costs its neighbours their effect nor gives them a second one. A batch that
 * fails because the database is away is retried whole once it answers.
 */
export interface InboxConsumer<E> {
  /**
   * The consumer's logical name, which keys its inbox rows. Its Kafka consumer group is this name behind
   * the deployment's prefix, so a new prefix reads the topic again from the start but applies nothing twice.
   */
  readonly groupId: string;
  readonly topic: string;
  /** The database holding the inbox and the tables `apply` writes. */
  readonly pool: Pool;
  /** Writes the effect of one event with `tx`; must not commit or roll back. */
  apply(delivery: Delivery<E>, tx: PoolClient): Promise<void>;
  /**
   * Runs once per transaction before `apply`, with the same transaction and the messages `apply` is
   * about to get (the whole batch's new messages, or one message on the one-by-one path): for what
   * every `apply` of the transaction reads alike, read once. Throwing rolls the batch back as a
   * throwing `apply` does.
   */
  beforeApply?(toApply: Delivery<E>[], tx: PoolClient): Promise<void>;
  /**
   * Runs once per transaction after `apply` ran for each of its new messages (the whole batch, or one
   * message on the one-by-one path), with the same transaction and those messages; never for a
   * transaction whose messages were all applied before. For work that depends on what the batch
   * changed as a whole (recomputing a unit once, not once per event). Throwing rolls the batch back
   * as a throwing `apply` does.
   */
  afterApply?(applied: Delivery<E>[], tx: PoolClient): Promise<void>;
  /**
   * Names of advisory locks each transaction takes before it writes anything, for the messages it
   * holds (also those the inbox will skip). Consumers of different topics that write the same rows or
   * append to the same stream name the same locks and so run one after the other, each reading what
   * the one before committed; taken first, so an append of the later one is younger in the log too.
   */
  serializeOn?(deliveries: Delivery<E>[]): string[];
}

/** A failure that retrying cannot fix: the message goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {}

/**
 * A message the runner refuses before any handler sees it: its event type is not its topic's, or its
 * envelope contradicts its event. Dead-lettered at once, with `code` as its `dlq-reason`.
 */
export class RefusedMessageError extends PoisonMessageError {
  override readonly name = 'RefusedMessageError';
  constructor(
    readonly code: RefusalCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface ConsumerRunnerOptions {
  /** Seals the value of every dead letter: the events hold personal data (complaint texts, reporter references). */
  deadLetterCipher: DeadLetterCipher;
  /**
   * Attempts for a failure that is neither poison nor an outage (the database answers around it, e.g. a
   * constraint violation or a bug), before the message is dead-lettered.
   */
  maxAttempts?: number;
  initialBackoffMs?: number;
  /** The longest wait between two attempts, however long the database or the broker stays away. */
  maxBackoffMs?: number;
  /** Prepended to the consumer's groupId for its Kafka consumer group (KAFKA_CONSUMER_GROUP_PREFIX); the inbox keeps the logical name. */
  groupIdPrefix?: string;
  /**
   * Partitions whose batches run at once (kafkajs's partitionsConsumedConcurrently), each in its own
   * transaction; messages of one partition stay in order. 3 by default, the partitions ensureTopics makes.
   */
  partitionsConsumedConcurrently?: number;
  /** kafkajs's group session timeout (30 s by default); the runner heartbeats while a batch runs, however long it waits. */
  sessionTimeoutMs?: number;
  /**
   * Asks an EventConsumer's database a trivial question, to tell a message the database refuses from a
   * database that is away; an InboxConsumer's pool is asked `SELECT 1`. Without it, an EventConsumer's
   * failure that is not a recognised outage error counts as a refusal.
   */
  probeDatabase?: () => Promise<unknown>;
  /** Runs the handler inside the message's context (correlation id for logs). */
  withContext?: <T>(envelope: EventEnvelope | undefined, fn: () => Promise<T>) => Promise<T>;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
  /** Called once a message of `topic` is on its dead-letter topic (for the DLQ metric). */
  onDeadLetter?: (topic: string) => void;
  /** Called each time a message or batch of `topic` waits for the database or the broker to come back (for the retry metric). */
  onTransientFailure?: (topic: string) => void;
}

/** Since when (epoch ms) the runner has been retrying for an unavailable database or broker, and the last error. */
export interface TransientRetry {
  since: number;
  error: string;
}

const isPoison = (error: unknown): boolean =>
  error instanceof CodecError || error instanceof EnvelopeError || error instanceof DomainError || error instanceof PoisonMessageError;

/**
 * Messages of an InboxConsumer per transaction: large enough that the commit and the inbox statement
 * are spread thin, small enough that a rolled-back batch is quickly redone one by one and the group
 * coordinator hears from us between two transactions.
 */
const INBOX_BATCH = 500;

/** ensureTopics' partitions: each can have its batch in flight while another's waits for PostgreSQL. */
const DEFAULT_PARTITIONS_CONCURRENTLY = 3;

/**
 * kafkajs 2.2.4 heartbeats only when asked, and sends one only when the session needs it (every 3 s by
 * default). While a batch runs, a timer asks this often, so neither a slow handler nor a wait for the
 * database costs the consumer its partitions; the per-message path asks nothing.
 */
const HEARTBEAT_TICK_MS = 1_000;

/** How often a wait checks whether the consumer is stopping or has lost its partition. */
const WAIT_SLICE_MS = 250;

/** Heartbeat errors that mean the group has moved on without this member: the batch must end and rejoin. */
const GROUP_MOVED_ON = new Set(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/** Ends a wait when the consumer stops or loses the partition: the message stays unhandled and is fetched again. */
class BatchAbandoned extends Error {}

/**
 * One batch's hold on its partition: heartbeats on a timer while the batch runs, and says when the batch
 * must be given up (the consumer is stopping, the partition was sought elsewhere, or the group moved on).
 */
class BatchSession {
  /** The heartbeat error that said the group moved on, rethrown once the batch ends so kafkajs rejoins. */
  lostGroup?: Error;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly payload: EachBatchPayload) {
    this.ticker = setInterval(() => void this.beat(), HEARTBEAT_TICK_MS);
  }

  get abandoned(): boolean {
    return this.lostGroup !== undefined || !this.payload.isRunning() || this.payload.isStale();
  }

  /** Sleeps `ms` (the timer heartbeats meanwhile); throws BatchAbandoned as soon as the batch must end. */
  async wait(ms: number): Promise<void> {
    const until = performance.now() + ms;
    for (let left = ms; left > 0; left = until - performance.now()) {
      if (this.abandoned) throw new BatchAbandoned();
      await sleep(Math.min(left, WAIT_SLICE_MS));
    }
    if (this.abandoned) throw new BatchAbandoned();
  }

  end(): void {
    clearInterval(this.ticker);
  }

  private async beat(): Promise<void> {
    try {
      await this.payload.heartbeat();
    } catch (error) {
      // Anything else (the broker briefly away) is retried by the next tick, well within the session timeout.
      if (GROUP_MOVED_ON.has((error as { type?: string }).type ?? '')) this.lostGroup = error as Error;
    }
  }
}

/** A message of an InboxConsumer's batch, decoded. */
interface Decoded<E> {
  message: KafkaMessage;
  delivery: Delivery<E>;
}

/**
 * Runs an EventConsumer or an InboxConsumer on kafkajs: batch consumption; a message the database
 * refuses is retried with backoff and then dead-lettered, a poison one is dead-lettered at once, and
 * while the database or the broker is unavailable the batch waits and retries, heartbeating, for as
 * long as that lasts. Offsets are committed only for messages whose effect committed (or that went to
 * the dead-letter topic), so a crash redelivers, never skips. Malformed bytes never stop it.
 */
export class ConsumerRunner<E extends { $case: string; value: unknown }> {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly lagByPartition = new Map<number, number>();
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly handle: (delivery: Delivery<E>) => Promise<void>;
  private readonly probe?: () => Promise<unknown>;
  /** The Kafka consumer group: the logical name behind the deployment's prefix. */
  readonly groupId: string;
  private stuck?: TransientRetry;

  constructor(
    kafka: Kafka,
    private readonly handler: EventConsumer<E> | InboxConsumer<E>,
    private readonly codec: EventCodec<E>,
    private readonly options: ConsumerRunnerOptions,
  ) {
    this.groupId = `${options.groupIdPrefix ?? ''}${handler.groupId}`;
    this.consumer = kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, sessionTimeout: options.sessionTimeoutMs });
    this.deadLetters = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
    });
    this.maxAttempts = options.maxAttempts ?? 5;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.probe = 'apply' in handler ? () => handler.pool.query('SELECT 1') : options.probeDatabase;
    this.handle =
      'apply' in handler
        ? (delivery) =>
            processOnce(
              handler.pool,
              handler.groupId,
              delivery.envelope.eventId,
              (tx) =>
                this.inContext(delivery, async () => {
                  await handler.beforeApply?.([delivery], tx);
                  await handler.apply(delivery, tx);
                  await handler.afterApply?.([delivery], tx);
                }),
              { serializeOn: handler.serializeOn ? () => handler.serializeOn?.([delivery]) ?? [] : undefined },
            ).then(() => undefined)
        : (delivery) => this.inContext(delivery, () => handler.handle(delivery));
  }

  async start(): Promise<void> {
    await Promise.all([this.consumer.connect(), this.deadLetters.connect()]);
    await this.consumer.subscribe({ topic: this.handler.topic, fromBeginning: true });
    await this.consumer.run({
      // One partition at a time leaves PostgreSQL idle while this process decodes, and this process idle while it commits.
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_CONCURRENTLY,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => ('apply' in this.handler ? this.processInboxBatch(payload, this.handler) : this.processBatch(payload)),
    });
  }

  /** Leaves the group after the batch in progress: its handled messages are committed first. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  /** Set while messages wait for an unavailable database or broker; cleared by the next success. */
  retrying(): TransientRetry | undefined {
    return this.stuck;
  }

  /** Messages behind the end of each partition, as of the last batch. */
  lag(): Record<number, number> {
    return Object.fromEntries(this.lagByPartition);
  }

  private processBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    return this.throughBatch(payload, async (session, done) => {
      for (const message of messages) {
        if (session.abandoned) return;
        await this.processMessage(topic, partition, message, session);
        done(message.offset);
      }
    });
  }

  private processInboxBatch(payload: EachBatchPayload, handler: InboxConsumer<E>): Promise<void> {
    const { topic, partition, messages: batch } = payload.batch;
    return this.throughBatch(payload, async (session, done) => {
      for (let start = 0; start < batch.length; start += INBOX_BATCH) {
        if (session.abandoned) return;
        const messages = batch.slice(start, start + INBOX_BATCH);
        const decoded: Decoded<E>[] = [];
        for (const message of messages) {
          const delivery = this.decode(topic, partition, message);
          // What cannot be decoded takes the one-by-one path, which dead-letters it.
          if (delivery) decoded.push({ message, delivery });
          else await this.processMessage(topic, partition, message, session);
        }
        await this.applyOnce(handler, decoded, session);
        done(messages[messages.length - 1].offset);
      }
    });
  }

  /**
   * Runs `work` over a batch while heartbeating, then resolves and commits the offset after the last
   * message it handled, also when it ended early: a wait given up (the consumer stopping, the group
   * moving on) leaves the rest to be fetched again; any other failure is rethrown after that commit.
   */
  private async throughBatch(payload: EachBatchPayload, work: (session: BatchSession, done: (offset: string) => void) => Promise<void>): Promise<void> {
    const { batch } = payload;
    const session = new BatchSession(payload);
    let lastDone: string | undefined;
    let failure: unknown;
    try {
      await work(session, (offset) => (lastDone = offset));
    } catch (error) {
      if (!(error instanceof BatchAbandoned)) failure = error;
    } finally {
      session.end();
    }
    failure ??= session.lostGroup;
    if (lastDone !== undefined) {
      payload.resolveOffset(lastDone);
      const next = { topic: batch.topic, partition: batch.partition, offset: (BigInt(lastDone) + 1n).toString() };
      // Once stop() has begun, kafkajs's consumer.commitOffsets returns without committing; the batch's own commit still does.
      const committed = payload.isRunning()
        ? this.consumer.commitOffsets([next])
        : payload.commitOffsetsIfNecessary({ topics: [{ topic: next.topic, partitions: [{ partition: next.partition, offset: next.offset }] }] });
      // When the batch failed, its own error is the one kafkajs must see; it fetches from the last commit.
      await (failure === undefined ? committed : committed.catch(() => undefined));
    }
    this.lagByPartition.set(batch.partition, Number(batch.offsetLag()));
    if (failure !== undefined) throw failure;
  }

  /** The effects of `decoded` in one transaction; if any fails, each message on its own instead. */
  private async applyOnce(handler: InboxConsumer<E>, decoded: Decoded<E>[], session: BatchSession): Promise<void> {
    if (decoded.length === 0) return;
    const { topic, partition } = decoded[0].delivery;
    for (let retry = 0; ; retry++) {
      try {
        await processBatchOnce(
          handler.pool,
          handler.groupId,
          decoded,
          ({ delivery }) => delivery.envelope.eventId,
          ({ delivery }, tx) => this.inContext(delivery, () => handler.apply(delivery, tx)),
          {
            serializeOn: handler.serializeOn ? (items) => handler.serializeOn?.(items.map(({ delivery }) => delivery)) ?? [] : undefined,
            beforeEffects: handler.beforeApply
              ? (toApply, tx) =>
                  handler.beforeApply?.(
                    toApply.map(({ delivery }) => delivery),
                    tx,
                  ) ?? Promise.resolve()
              : undefined,
            afterEffects: handler.afterApply
              ? (applied, tx) =>
                  handler.afterApply?.(
                    applied.map(({ delivery }) => delivery),
                    tx,
                  ) ?? Promise.resolve()
              : undefined,
          },
        );
        this.stuck = undefined;
        return;
      } catch (error) {
        if (!isPoison(error) && (await this.isOutage(error))) {
          await this.waitForOutage(session, topic, partition, decoded[0].message.offset, error, retry);
          continue;
        }
        this.options.log?.('warn', 'inbox batch rolled back; processing its messages one by one', {
          groupId: this.groupId,
          topic,
          partition,
          fromOffset: decoded[0].message.offset,
          toOffset: decoded[decoded.length - 1].message.offset,
          error: String(error),
        });
        for (const { message, delivery } of decoded) await this.deliverWithRetries(topic, partition, message, () => delivery, session);
        return;
      }
    }
  }

  /** The message as a Delivery, or undefined when it is malformed or refused. */
  private decode(topic: string, partition: number, message: KafkaMessage): Delivery<E> | undefined {
    try {
      return this.toDelivery(topic, partition, message);
    } catch {
      return undefined;
    }
  }

  /**
   * Reads and checks a message before any handler runs. The runner reads one topic with the codec of
   * the context that owns it, so an event type of another context was not published by the owner's
   * relay; it is refused before its bytes are decoded, as bytes of another contract could decode into
   * some event of this one.
   */
  private toDelivery(topic: string, partition: number, message: KafkaMessage): Delivery<E> {
    const envelope = envelopeFromHeaders(message.headers);
    const foreign = refuseForeignEventType(this.codec.context, envelope.eventType);
    if (foreign) throw new RefusedMessageError(foreign.code, foreign.detail);
    if (!message.value) throw new CodecError('message has no value');
    const event = this.codec.decode(message.value);
    const inconsistent = refuseInconsistentEnvelope(envelope, event);
    if (inconsistent) throw new RefusedMessageError(inconsistent.code, inconsistent.detail);
    return { event, envelope, topic, partition, offset: message.offset };
  }

  /** Runs the handler in the message's context, and in a span of its trace when it carries one. */
  private inContext<T>(delivery: Delivery<E>, fn: () => Promise<T>): Promise<T> {
    const { withContext } = this.options;
    const { envelope } = delivery;
    const handle = withContext ? () => withContext(envelope, fn) : fn;
    if (envelope.traceparent === undefined) return handle();
    return inMessageSpan(
      `process ${delivery.topic}`,
      envelope.traceparent,
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': delivery.topic,
        'messaging.destination.partition.id': String(delivery.partition),
        'messaging.kafka.offset': Number(delivery.offset),
        'messaging.consumer.group.name': this.groupId,
        'messaging.message.id': envelope.eventId,
      },
      handle,
    );
  }

  private processMessage(topic: string, partition: number, message: KafkaMessage, session: BatchSession): Promise<void> {
    return this.deliverWithRetries(topic, partition, message, () => this.toDelivery(topic, partition, message), session);
  }

  /**
   * Handles one message until it works, or dead-letters it: at once when it is poison, after
   * maxAttempts when the database answers but keeps refusing it, and never while the database or the
   * broker is unavailable, however long that lasts (the batch then waits, heartbeating).
   */
  private async deliverWithRetries(topic: string, partition: number, message: KafkaMessage, delivery: () => Delivery<E>, session: BatchSession): Promise<void> {
    let decoded: Delivery<E> | undefined;
    let refusals = 0;
    for (let retry = 0; ; retry++) {
      try {
        decoded ??= delivery();
        await this.handle(decoded);
        this.stuck = undefined;
        return;
      } catch (error) {
        if (!isPoison(error) && (await this.isOutage(error))) {
          await this.waitForOutage(session, topic, partition, message.offset, error, retry);
          continue;
        }
        refusals++;
        if (isPoison(error) || refusals >= this.maxAttempts) {
          // A member that lost the partition leaves the message to its new owner.
          if (session.abandoned) throw new BatchAbandoned();
          await this.deadLetter(topic, partition, message, error, retry + 1);
          return;
        }
        this.options.log?.('warn', 'consumer handler failed, retrying', {
          groupId: this.groupId,
          topic,
          partition,
          offset: message.offset,
          attempt: refusals,
          error: String(error),
          correlationId: decoded?.envelope.correlationId,
        });
        await session.wait(this.backoff(retry));
      }
    }
  }

  /** An outage, not the message: a connection or server-state error, or any failure while the database does not answer. */
  private async isOutage(error: unknown): Promise<boolean> {
    if (isTransient(error)) return true;
    if (!this.probe) return false;
    try {
      await this.probe();
      return false;
    } catch {
      return true;
    }
  }

  private async waitForOutage(session: BatchSession, topic: string, partition: number, offset: string, error: unknown, retry: number): Promise<void> {
    const now = Date.now();
    const since = this.stuck?.since ?? now;
    this.stuck = { since, error: String(error) };
    this.options.onTransientFailure?.(topic);
    this.options.log?.('warn', 'database or broker unavailable; retrying until it answers', {
      groupId: this.groupId,
      topic,
      partition,
      offset,
      waitingForMs: now - since,
      error: String(error),
    });
    await session.wait(this.backoff(retry));
  }

  private backoff(retry: number): number {
    return Math.min(this.initialBackoffMs * 2 ** retry, this.maxBackoffMs);
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    const reason =
      error instanceof DomainError ? `DomainError ${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const reasonCode = deadLetterReason(error);
    this.options.log?.('error', 'message sent to dead-letter topic', {
      groupId: this.groupId,
      topic,
      partition,
      offset: message.offset,
      attempts,
      reason: reasonCode,
      error: reason,
    });
    const { deadLetterCipher } = this.options;
    const sealed = message.value ? { value: deadLetterCipher.seal(message.value, { topic, partition, offset: message.offset }) } : undefined;
    await this.deadLetters.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: sealed?.value ?? null,
          headers: {
            ...message.headers,
            ...(sealed ? { 'dlq-value-cipher': DEAD_LETTER_CIPHER, 'dlq-key-id': deadLetterCipher.keyId } : {}),
            'dlq-error': reason,
            'dlq-reason': reasonCode,
            'dlq-poison': String(isPoison(error)),
            'dlq-attempts': String(attempts),
            'dlq-consumer-group': this.groupId,
            'dlq-consumer': this.handler.groupId,
            'dlq-source-topic': topic,
            'dlq-source-partition': String(partition),
            'dlq-source-offset': message.offset,
          },
        },
      ],
    });
    this.options.onDeadLetter?.(topic);
  }
}

/** Why a message was dead-lettered, as one code a dashboard or a replay can filter on (`dlq-reason`). */
function deadLetterReason(error: unknown): string {
  if (error instanceof RefusedMessageError) return error.code;
  if (error instanceof EnvelopeError) return 'MALFORMED_ENVELOPE';
  if (error instanceof CodecError) return 'UNDECODABLE_EVENT';
  if (error instanceof DomainError) return 'DOMAIN_REFUSAL';
  if (error instanceof PoisonMessageError) return 'POISON_MESSAGE';
  return 'HANDLER_FAILED';
}
