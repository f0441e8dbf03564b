import { CodecError, deadLetterTopic, type EventCodec, type EventEnvelope, EnvelopeError, envelopeFromHeaders } from '@lib/contracts';
import { DomainError } from '@lib/event-sourcing/domain';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';

/** One decoded message, as a handler sees it. */
export interface Delivery<E> {
  event: E;
  envelope: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * A handler of one topic. `handle` must make its effect and its inbox row (or the event store's
 * idempotency key) commit together, so that a redelivery has no second effect.
 */
export interface EventConsumer<E> {
  /** Consumer group id: the consuming service and purpose, e.g. `evaluation.survey-scores`. */
  readonly groupId: string;
  readonly topic: string;
  handle(delivery: Delivery<E>): Promise<void>;
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
}

const isPoison = (error: unknown): boolean =>
  error instanceof CodecError || error instanceof EnvelopeError || error instanceof DomainError || error instanceof PoisonMessageError;

/**
 * Runs an EventConsumer on kafkajs: batch consumption, per-message bounded retries with backoff,
 * then the dead-letter topic; offsets are committed only for messages whose handler resolved (or that
 * went to the dead-letter topic), so a crash redelivers, never skips. Malformed bytes never stop it.
 */
export class ConsumerRunner<E extends { $case: string; value: unknown }> {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly lagByPartition = new Map<number, number>();
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;

  constructor(
    kafka: Kafka,
    private readonly handler: EventConsumer<E>,
    private readonly codec: EventCodec<E>,
    private readonly options: ConsumerRunnerOptions = {},
  ) {
    this.consumer = kafka.consumer({ groupId: handler.groupId, allowAutoTopicCreation: false });
    this.deadLetters = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    this.maxAttempts = options.maxAttempts ?? 5;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
  }

  async start(): Promise<void> {
    await Promise.all([this.consumer.connect(), this.deadLetters.connect()]);
    await this.consumer.subscribe({ topic: this.handler.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.processBatch(payload),
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
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.processMessage(batch.topic, batch.partition, message);
      resolveOffset(message.offset);
      lastDone = message.offset;
      await heartbeat();
    }
    if (lastDone !== undefined) {
      await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(lastDone) + 1n).toString() }]);
    }
    this.lagByPartition.set(batch.partition, Number(batch.offsetLag()));
  }

  private async processMessage(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let envelope: EventEnvelope | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        envelope = envelopeFromHeaders(message.headers);
        if (!message.value) throw new CodecError('message has no value');
        const event = this.codec.decode(message.value);
        const delivery: Delivery<E> = { event, envelope, topic, partition, offset: message.offset };
        const run = () => this.handler.handle(delivery);
        await (this.options.withContext ? this.options.withContext(envelope, run) : run());
        return;
      } catch (error) {
        if (isPoison(error) || attempt >= this.maxAttempts) {
          await this.deadLetter(topic, partition, message, error, attempt);
          return;
        }
        this.options.log?.('warn', 'consumer handler failed, retrying', {
          groupId: this.handler.groupId, topic, partition, offset: message.offset, attempt, error: String(error),
          correlationId: envelope?.correlationId,
        });
        await new Promise((resolve) => setTimeout(resolve, this.initialBackoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    const reason =
      error instanceof DomainError
        ? `DomainError ${error.code}: ${error.message}`
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
    this.options.log?.('error', 'message sent to dead-letter topic', {
      groupId: this.handler.groupId, topic, partition, offset: message.offset, attempts, error: reason,
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
  }
}
