import { performance } from 'node:perf_hooks';
import { CodecError, deadLetterTopic, type EventCodec, type EventEnvelope, EnvelopeError, envelopeFromHeaders } from '@lib/contracts';
import { inMessageSpan, processBatchOnce, processOnce } from '@lib/event-sourcing';
import { DomainError } from '@lib/event-sourcing/domain';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';

/** One decoded message, as a handler sees it. */
export interface Delivery<E> {
  event: E;
  /** Decoded from the Kafka headers on first access: a malformed envelope throws EnvelopeError there. */
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
  /** Consumer group id: the consuming service and purpose, e.g. `evaluation.survey-scores`. */
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
 * failing message never costs its neighbours their effect nor gives them a second one.
 */
export interface InboxConsumer<E> {
  /** Consumer group id, also the inbox's consumer name. */
  readonly groupId: string;
  readonly topic: string;
  /** The database holding the inbox and the tables `apply` writes. */
  readonly pool: Pool;
  /** Writes the effect of one event with `tx`; must not commit or roll back. */
  apply(delivery: Delivery<E>, tx: PoolClient): Promise<void>;
}

/** A failure that retrying cannot fix: the message goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {}

export interface ConsumerRunnerOptions {
  /** Attempts for failures that may be transient, before the message is dead-lettered. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  /** Runs the handler inside the message's context (correlation id for logs). */
  withContext?: <T>(envelope: EventEnvelope | undefined, fn: () => Promise<T>) => Promise<T>;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
  /** Called once a message of `topic` is on its dead-letter topic (for the DLQ metric). */
  onDeadLetter?: (topic: string) => void;
}

const isPoison = (error: unknown): boolean =>
  error instanceof CodecError || error instanceof EnvelopeError || error instanceof DomainError || error instanceof PoisonMessageError;

/**
 * Messages of an InboxConsumer per transaction: large enough that the commit and the inbox statement
 * are spread thin, small enough that a rolled-back batch is quickly redone one by one and the group
 * coordinator hears from us between two transactions.
 */
const INBOX_BATCH = 500;

/**
 * kafkajs sends a heartbeat only when the session needs one (every 3 s by default), but asking costs a
 * few promise hops; asking once per this many milliseconds keeps that off the per-message path.
 */
const HEARTBEAT_CHECK_MS = 500;

/** A message of an InboxConsumer's batch, decoded. */
interface Decoded<E> {
  message: KafkaMessage;
  delivery: Delivery<E>;
}

/** A Delivery whose envelope is decoded from the headers on first access, and then kept. */
class KafkaDelivery<E> implements Delivery<E> {
  readonly #headers: KafkaMessage['headers'];
  #envelope?: EventEnvelope;

  constructor(
    readonly event: E,
    headers: KafkaMessage['headers'],
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
  ) {
    this.#headers = headers;
  }

  get envelope(): EventEnvelope {
    return (this.#envelope ??= envelopeFromHeaders(this.#headers));
  }
}

/**
 * Runs an EventConsumer or an InboxConsumer on kafkajs: batch consumption, per-message bounded retries
 * with backoff, then the dead-letter topic; offsets are committed only for messages whose effect
 * committed (or that went to the dead-letter topic), so a crash redelivers, never skips. Malformed
 * bytes never stop it.
 */
export class ConsumerRunner<E extends { $case: string; value: unknown }> {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly lagByPartition = new Map<number, number>();
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly handle: (delivery: Delivery<E>) => Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly handler: EventConsumer<E> | InboxConsumer<E>,
    private readonly codec: EventCodec<E>,
    private readonly options: ConsumerRunnerOptions = {},
  ) {
    this.consumer = kafka.consumer({ groupId: handler.groupId, allowAutoTopicCreation: false });
    this.deadLetters = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
    });
    this.maxAttempts = options.maxAttempts ?? 5;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
    this.handle =
      'apply' in handler
        ? (delivery) =>
            processOnce(handler.pool, handler.groupId, delivery.envelope.eventId, (tx) => this.inContext(delivery, () => handler.apply(delivery, tx))).then(
              () => undefined,
            )
        : (delivery) => this.inContext(delivery, () => handler.handle(delivery));
  }

  async start(): Promise<void> {
    await Promise.all([this.consumer.connect(), this.deadLetters.connect()]);
    await this.consumer.subscribe({ topic: this.handler.topic, fromBeginning: true });
    await this.consumer.run({
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

  /** Messages behind the end of each partition, as of the last batch. */
  lag(): Record<number, number> {
    return Object.fromEntries(this.lagByPartition);
  }

  private async processBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    let lastDone: string | undefined;
    let lastHeartbeat = performance.now();
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        await this.processMessage(batch.topic, batch.partition, message);
        lastDone = message.offset;
        if (performance.now() - lastHeartbeat >= HEARTBEAT_CHECK_MS) {
          await heartbeat();
          lastHeartbeat = performance.now();
        }
      }
    } finally {
      // Also when a dead-letter send failed half-way: what was handled is not fetched again.
      if (lastDone !== undefined) resolveOffset(lastDone);
    }
    await this.commit(batch.topic, batch.partition, lastDone);
    this.lagByPartition.set(batch.partition, Number(batch.offsetLag()));
  }

  private async processInboxBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload, handler: InboxConsumer<E>): Promise<void> {
    let lastDone: string | undefined;
    try {
      for (let start = 0; start < batch.messages.length; start += INBOX_BATCH) {
        if (!isRunning() || isStale()) break;
        const messages = batch.messages.slice(start, start + INBOX_BATCH);
        const decoded: Decoded<E>[] = [];
        for (const message of messages) {
          const delivery = this.decode(batch.topic, batch.partition, message);
          // What cannot be decoded takes the one-by-one path, which dead-letters it.
          if (delivery) decoded.push({ message, delivery });
          else await this.processMessage(batch.topic, batch.partition, message);
        }
        await this.applyOnce(handler, decoded);
        lastDone = messages[messages.length - 1].offset;
        await heartbeat();
      }
    } finally {
      if (lastDone !== undefined) resolveOffset(lastDone);
    }
    await this.commit(batch.topic, batch.partition, lastDone);
    this.lagByPartition.set(batch.partition, Number(batch.offsetLag()));
  }

  /** The effects of `decoded` in one transaction; if any fails, each message on its own instead. */
  private async applyOnce(handler: InboxConsumer<E>, decoded: Decoded<E>[]): Promise<void> {
    if (decoded.length === 0) return;
    try {
      await processBatchOnce(
        handler.pool,
        handler.groupId,
        decoded,
        ({ delivery }) => delivery.envelope.eventId,
        ({ delivery }, tx) => this.inContext(delivery, () => handler.apply(delivery, tx)),
      );
    } catch (error) {
      const { topic, partition } = decoded[0].delivery;
      this.options.log?.('warn', 'inbox batch rolled back; processing its messages one by one', {
        groupId: handler.groupId,
        topic,
        partition,
        fromOffset: decoded[0].message.offset,
        toOffset: decoded[decoded.length - 1].message.offset,
        error: String(error),
      });
      for (const { message, delivery } of decoded) await this.deliverWithRetries(topic, partition, message, () => delivery);
    }
  }

  private async commit(topic: string, partition: number, lastDone: string | undefined): Promise<void> {
    if (lastDone === undefined) return;
    await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(lastDone) + 1n).toString() }]);
  }

  /** The message as a Delivery, or undefined when its bytes or its envelope are malformed. */
  private decode(topic: string, partition: number, message: KafkaMessage): Delivery<E> | undefined {
    try {
      const delivery = this.toDelivery(topic, partition, message);
      void delivery.envelope.eventId; // the inbox needs it; decoding it here sends a bad envelope to the one-by-one path
      return delivery;
    } catch {
      return undefined;
    }
  }

  private toDelivery(topic: string, partition: number, message: KafkaMessage): Delivery<E> {
    if (!message.value) throw new CodecError('message has no value');
    return new KafkaDelivery(this.codec.decode(message.value), message.headers, topic, partition, message.offset);
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
        'messaging.consumer.group.name': this.handler.groupId,
        'messaging.message.id': envelope.eventId,
      },
      handle,
    );
  }

  private processMessage(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    return this.deliverWithRetries(topic, partition, message, () => this.toDelivery(topic, partition, message));
  }

  private async deliverWithRetries(topic: string, partition: number, message: KafkaMessage, delivery: () => Delivery<E>): Promise<void> {
    let decoded: Delivery<E> | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        decoded ??= delivery();
        await this.handle(decoded);
        return;
      } catch (error) {
        if (isPoison(error) || attempt >= this.maxAttempts) {
          await this.deadLetter(topic, partition, message, error, attempt);
          return;
        }
        this.options.log?.('warn', 'consumer handler failed, retrying', {
          groupId: this.handler.groupId,
          topic,
          partition,
          offset: message.offset,
          attempt,
          error: String(error),
          correlationId: correlationIdOf(decoded),
        });
        await new Promise((resolve) => setTimeout(resolve, this.initialBackoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    const reason =
      error instanceof DomainError ? `DomainError ${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.options.log?.('error', 'message sent to dead-letter topic', {
      groupId: this.handler.groupId,
      topic,
      partition,
      offset: message.offset,
      attempts,
      error: reason,
    });
    await this.deadLetters.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-error': reason,
            'dlq-poison': String(isPoison(error)),
            'dlq-attempts': String(attempts),
            'dlq-consumer-group': this.handler.groupId,
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

/** The correlation id for a log line, if the envelope can be read at all. */
function correlationIdOf(delivery: Delivery<unknown> | undefined): string | undefined {
  try {
    return delivery?.envelope.correlationId;
  } catch {
    return undefined;
  }
}
