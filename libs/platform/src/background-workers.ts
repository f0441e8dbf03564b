import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { type EventCodec, deadLetterTopic } from '@lib/contracts';
import {
  checkpointLag,
  EventStore,
  MAX_COUNTED_LAG,
  OutboxRelay,
  type Projection,
  type ProjectionFailure,
  ProjectionGroup,
  Projector,
  type QuarantinedEvent,
  quarantinedEvents,
  ReadGateWatch,
  TailLoop,
} from '@lib/event-sourcing';
import { ConsumerRunner, DeadLetterCipher, type EventConsumer, ensureTopics, type InboxConsumer, KafkaPublisher } from '@lib/messaging';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import { runWithContext } from './logger';
import type { BaseServiceConfig } from './load-config';
import { ServiceMetrics } from './metrics';
import { KAFKA, LOGGER, SERVICE_CONFIG } from './tokens';

type AnyEvent = { $case: string; value: unknown };

/** A consumer of another context's topic: it names the codec of the events it reads. */
export interface RegisteredConsumer<E extends AnyEvent = AnyEvent> extends EventConsumer<E> {
  readonly codec: EventCodec<E>;
}

/** An InboxConsumer of another context's topic: the runner records its inbox a Kafka batch at a time. */
export interface RegisteredInboxConsumer<E extends AnyEvent = AnyEvent> extends InboxConsumer<E> {
  readonly codec: EventCodec<E>;
}

export type AnyRegisteredConsumer = RegisteredConsumer | RegisteredInboxConsumer;

/**
 * Work a service queues in a table of its own database, in the transactions that make it necessary,
 * and does in the background: woken by a NOTIFY on `channel` (sent by those transactions), polled
 * once a second as a fallback, never run twice at once in one process.
 */
export interface QueueWorker {
  readonly name: string;
  readonly channel: string;
  /** Does one piece of the queued work in a transaction of its own; true while more is left. */
  next(): Promise<boolean>;
}

/** A queue worker whose last run failed: since when it has been failing, and why. */
export interface FailingQueueWorker {
  worker: string;
  since: number;
  error: string;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
export const QUEUE_WORKERS = Symbol('QUEUE_WORKERS');
export const CONSUMERS = Symbol('CONSUMERS');
export const OWN_CODEC = Symbol('OWN_CODEC');

/** A consumer waiting for its database or broker to come back: by Kafka group and topic, since when, and why. */
export interface RetryingConsumer {
  group: string;
  topic: string;
  retryingForMs: number;
  error: string;
}

/** Seconds a missed wake-up can delay the relay or a projection; NOTIFY normally wakes them at once. */
const POLL_INTERVAL_MS = 1_000;
/**
 * A projection waits this long after a wake-up, so a busy spell's appends reach it as one batch: read
 * tables lag by up to this much more, for several times fewer projection transactions under load.
 * The relay does not wait; consumers in other services are waiting for its messages.
 */
const PROJECTION_SETTLE_MS = 25;

/**
 * The service's moving parts besides HTTP: the outbox relay to its topic, the projections that feed
 * its read tables, and the consumers of other contexts' topics. Started after the app is wired,
 * stopped before the pool closes, so a shutdown finishes the batch in flight and loses nothing.
 */
@Injectable()
export class BackgroundWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loops: TailLoop[] = [];
  private readonly runners: ConsumerRunner<AnyEvent>[] = [];
  private readonly publisher: KafkaPublisher;
  private readonly consumers: AnyRegisteredConsumer[];
  /** One per projection, to catch up or rebuild one alone; the background loop runs them as one ProjectionGroup. */
  readonly projectors: Projector<AnyEvent>[];
  private readonly projections: ProjectionGroup<AnyEvent>;
  private readonly topic: string;
  private relay?: OutboxRelay<AnyEvent>;
  private readonly deadLetters: Counter<'group' | 'topic'>;
  private readonly transientRetries: Counter<'group' | 'topic'>;
  private readonly groupPrefix: string;
  private readonly deadLetterCipher: DeadLetterCipher;
  private readonly deadLetterRetentionMs: number;
  private readonly failingQueueWorkers = new Map<string, FailingQueueWorker>();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<AnyEvent>,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(OWN_CODEC) private readonly codec: EventCodec<AnyEvent>,
    @Inject(PROJECTIONS) projections: Projection<AnyEvent>[],
    @Inject(CONSUMERS) consumers: AnyRegisteredConsumer[],
    @Inject(SERVICE_CONFIG) config: BaseServiceConfig,
    metrics: ServiceMetrics,
    private readonly readGate: ReadGateWatch,
    @Optional() @Inject(QUEUE_WORKERS) private readonly queueWorkers: QueueWorker[] = [],
  ) {
    const { KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix, KAFKA_TOPIC_PREFIX: topicPrefix } = config;
    // The group prefix is the runner's to add: the inbox and idempotency keys keep the logical name.
    this.groupPrefix = groupPrefix;
    this.deadLetterCipher = new DeadLetterCipher(config.DLQ_ENCRYPTION_KEY);
    this.deadLetterRetentionMs = config.DLQ_RETENTION_MS;
    this.consumers = consumers.map((consumer) => withTopic(consumer, `${topicPrefix}${consumer.topic}`));
    this.topic = `${topicPrefix}${codec.topic}`;
    this.publisher = new KafkaPublisher(kafka);
    const onQuarantine = (event: QuarantinedEvent) =>
      logger.error({ ...event }, 'event quarantined: the projection cannot decode it, skips it and goes on (see quarantined_events)');
    this.projectors = projections.map((projection) => new Projector(pool, store, projection, undefined, onQuarantine));
    this.projections = new ProjectionGroup(pool, store, projections, {
      isolate: {
        onFailure: ({ projection, error, failures, retryAt }) =>
          logger.error({ err: error, projection, failures, retryAt }, 'projection failed: the others go on, and it is retried alone'),
      },
      onQuarantine,
    });
    const counters = this.registerMetrics(metrics);
    this.deadLetters = counters.deadLetters;
    this.transientRetries = counters.transientRetries;
  }

  async onApplicationBootstrap(): Promise<void> {
    const topics = [...new Set([this.topic, ...this.consumers.map((consumer) => consumer.topic)])];
    await ensureTopics(this.kafka, topics);
    // Dead letters are kept only as long as it takes to look at them, and not for the events' own retention.
    await ensureTopics(this.kafka, topics.map(deadLetterTopic), undefined, { 'retention.ms': String(this.deadLetterRetentionMs) });

    const relay = new OutboxRelay(this.pool, this.store, this.codec, this.publisher, {
      topic: this.topic,
      onQuarantine: (event) =>
        this.logger.error(
          { ...event },
          'event quarantined: the relay cannot decode it, skips it and goes on (see quarantined_events); consumers never receive it',
        ),
    });
    this.relay = relay;
    this.loops.push(this.tail(relay.name, () => relay.publishBatch(), 0));
    if (this.projectors.length > 0) this.loops.push(this.tail(this.projections.name, () => this.projections.processBatch(), PROJECTION_SETTLE_MS));
    for (const worker of this.queueWorkers) this.loops.push(this.queueLoop(worker));
    await Promise.all(this.loops.map((loop) => loop.start()));

    for (const consumer of this.consumers) {
      const group = `${this.groupPrefix}${consumer.groupId}`;
      const runner = new ConsumerRunner(this.kafka, consumer, consumer.codec, {
        groupIdPrefix: this.groupPrefix,
        deadLetterCipher: this.deadLetterCipher,
        // An EventConsumer's effects go through this service's event store, in this pool.
        probeDatabase: () => this.pool.query('SELECT 1'),
        withContext: (envelope, fn) => (envelope ? runWithContext({ correlationId: envelope.correlationId, causationId: envelope.eventId }, fn) : fn()),
        log: (level, message, fields) => this.logger[level]({ ...fields, consumer: consumer.groupId }, message),
        onDeadLetter: (topic) => this.deadLetters.inc({ group, topic }),
        onTransientFailure: (topic) => this.transientRetries.inc({ group, topic }),
      });
      this.runners.push(runner);
      await runner.start();
    }
    this.logger.info({ topic: this.topic, projections: this.projectors.length, consumers: this.consumers.length }, 'background workers started');
  }

  /** Before, not on, shutdown: the pool closes in the shutdown phase and must outlive the workers. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'consumer stop failed'))));
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.relay?.stop();
    await this.publisher.disconnect();
  }

  /**
   * What keeps the read tables from being complete: projections failing now (left out of the group
   * until their retry), and the events each projection quarantined because it could not decode them.
   */
  async projectionTrouble(): Promise<{ failing: ProjectionFailure[]; quarantined: Map<string, number> }> {
    const quarantined = await quarantinedEvents(
      this.pool,
      this.projectors.map((projector) => projector.name),
    );
    const byProjection = new Map(
      this.projectors
        .filter((projector) => quarantined.has(projector.name))
        .map((projector) => [projector.projection.name, quarantined.get(projector.name) ?? 0]),
    );
    return { failing: this.projections.failing(), quarantined: byProjection };
  }

  /** The queue workers whose last run failed (they retry on the next wake-up or poll). */
  failingWorkers(): FailingQueueWorker[] {
    return [...this.failingQueueWorkers.values()];
  }

  /** Consumer lag per Kafka group and partition, as of each consumer's last batch. */
  consumerLag(): { groupId: string; topic: string; partition: number; lag: number }[] {
    return this.runners.flatMap((runner, index) =>
      Object.entries(runner.lag()).map(([partition, lag]) => ({
        groupId: runner.groupId,
        topic: this.consumers[index].topic,
        partition: Number(partition),
        lag,
      })),
    );
  }

  /** The consumers now waiting for their database or broker to come back, the longest waiting first. */
  retryingConsumers(): RetryingConsumer[] {
    const now = Date.now();
    return this.runners
      .flatMap((runner, index) => {
        const retrying = runner.retrying();
        return retrying ? [{ group: runner.groupId, topic: this.consumers[index].topic, retryingForMs: now - retrying.since, error: retrying.error }] : [];
      })
      .sort((a, b) => b.retryingForMs - a.retryingForMs);
  }

  /**
   * The workers' metrics, read when /metrics is scraped: consumer lag as of each consumer's last batch;
   * relay and projection lag counted in the event store against their checkpoints, and how long the
   * read gate they share has been held (a scrape that cannot reach the database reports none rather
   * than failing). Answers the counters the consumers move.
   */
  private registerMetrics({ registry }: ServiceMetrics): Record<'deadLetters' | 'transientRetries', Counter<'group' | 'topic'>> {
    const lagOf = async (names: string[]): Promise<Map<string, number>> => {
      if (names.length === 0) return new Map();
      try {
        return await checkpointLag(this.pool, names);
      } catch (error) {
        this.logger.warn({ err: error }, 'relay and projection lag unavailable');
        return new Map();
      }
    };
    const consumerLag: Gauge<'group' | 'topic' | 'partition'> = new Gauge({
      name: 'pantau_consumer_lag',
      help: "Messages behind the end of the partition, as of the consumer's last batch",
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      collect: () => {
        consumerLag.reset();
        for (const { groupId, topic, partition, lag } of this.consumerLag()) consumerLag.set({ group: groupId, topic, partition: String(partition) }, lag);
      },
    });
    const relayLag: Gauge<'topic'> = new Gauge({
      name: 'pantau_relay_lag',
      help: `Events committed but not yet published to Kafka (counted up to ${MAX_COUNTED_LAG})`,
      labelNames: ['topic'],
      registers: [registry],
      collect: async () => {
        relayLag.reset();
        const name = this.relay?.name;
        const lag = name === undefined ? undefined : (await lagOf([name])).get(name);
        if (lag !== undefined) relayLag.set({ topic: this.topic }, lag);
      },
    });
    const readGateHeld: Gauge = new Gauge({
      name: 'pantau_read_gate_held_seconds',
      help: 'How long the oldest open transaction on the PostgreSQL server that holds a transaction id has been open: the relay and the projections see nothing committed after it began (0 when none is open)',
      registers: [registry],
      collect: async () => {
        readGateHeld.reset();
        try {
          readGateHeld.set((await this.readGate.oldestHolder())?.seconds ?? 0);
        } catch (error) {
          this.logger.warn({ err: error }, 'read gate unavailable');
        }
      },
    });
    const projectionLag: Gauge<'projection'> = new Gauge({
      name: 'pantau_projection_lag',
      help: `Events committed but not yet applied to a projection's tables (counted up to ${MAX_COUNTED_LAG})`,
      labelNames: ['projection'],
      registers: [registry],
      collect: async () => {
        projectionLag.reset();
        const lags = await lagOf(this.projectors.map((projector) => projector.name));
        for (const projector of this.projectors) {
          const lag = lags.get(projector.name);
          if (lag !== undefined) projectionLag.set({ projection: projector.projection.name }, lag);
        }
      },
    });
    const projectionFailing: Gauge<'projection'> = new Gauge({
      name: 'pantau_projection_consecutive_failures',
      help: "Failures in a row of a projection that throws, left out of the others' batches and retried alone with backoff (0: healthy)",
      labelNames: ['projection'],
      registers: [registry],
      collect: () => {
        projectionFailing.reset();
        const failing = new Map(this.projections.failing().map((failure) => [failure.projection, failure.failures]));
        for (const { projection } of this.projectors) projectionFailing.set({ projection: projection.name }, failing.get(projection.name) ?? 0);
      },
    });
    const quarantined: Gauge<'projection'> = new Gauge({
      name: 'pantau_projection_quarantined_events',
      help: 'Events a projection could not decode and skipped, recorded in quarantined_events (a rebuild forgets them)',
      labelNames: ['projection'],
      registers: [registry],
      collect: async () => {
        quarantined.reset();
        try {
          const { quarantined: counts } = await this.projectionTrouble();
          for (const { projection } of this.projectors) quarantined.set({ projection: projection.name }, counts.get(projection.name) ?? 0);
        } catch (error) {
          this.logger.warn({ err: error }, 'quarantined events unavailable');
        }
      },
    });
    return {
      deadLetters: new Counter({
        name: 'pantau_dead_letters_total',
        help: 'Messages a consumer sent to the dead-letter topic (<topic>.dlq), by consumer group and source topic',
        labelNames: ['group', 'topic'],
        registers: [registry],
      }),
      transientRetries: new Counter({
        name: 'pantau_consumer_transient_retries_total',
        help: 'Retries of a message or batch that waited for an unavailable database or broker (never dead-lettered), by consumer group and topic',
        labelNames: ['group', 'topic'],
        registers: [registry],
      }),
    };
  }

  private queueLoop(worker: QueueWorker): TailLoop {
    return new TailLoop(
      this.pool,
      async () => {
        const more = await worker.next();
        this.failingQueueWorkers.delete(worker.name);
        return more;
      },
      {
        pollIntervalMs: POLL_INTERVAL_MS,
        channel: worker.channel,
        onError: (error) => {
          const since = this.failingQueueWorkers.get(worker.name)?.since ?? Date.now();
          this.failingQueueWorkers.set(worker.name, { worker: worker.name, since, error: String(error) });
          this.logger.error({ err: error, worker: worker.name }, 'queue worker failed; retrying on the next wake-up');
        },
      },
    );
  }

  private tail(name: string, work: () => Promise<boolean>, settleMs: number): TailLoop {
    return new TailLoop(this.pool, work, {
      pollIntervalMs: POLL_INTERVAL_MS,
      settleMs,
      onError: (error) => this.logger.error({ err: error, worker: name }, 'background worker failed; retrying on the next wake-up'),
    });
  }
}

function withTopic(consumer: AnyRegisteredConsumer, topic: string): AnyRegisteredConsumer {
  const { codec, groupId } = consumer;
  if (!('apply' in consumer)) return { groupId, topic, codec, handle: (delivery) => consumer.handle(delivery) };
  const inbox: RegisteredInboxConsumer = { groupId, topic, codec, pool: consumer.pool, apply: (delivery, tx) => consumer.apply(delivery, tx) };
  // the optional hooks travel along, bound to the consumer, only when it has them
  const { beforeApply, afterApply, serializeOn } = consumer;
  if (beforeApply) inbox.beforeApply = (toApply, tx) => beforeApply.call(consumer, toApply, tx);
  if (afterApply) inbox.afterApply = (applied, tx) => afterApply.call(consumer, applied, tx);
  if (serializeOn) inbox.serializeOn = (deliveries) => serializeOn.call(consumer, deliveries);
  return inbox;
}
