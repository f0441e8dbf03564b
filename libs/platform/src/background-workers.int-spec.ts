import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { deadLetterTopic, envelopeToHeaders, type EventEnvelope, evaluationCodec, type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { EventStore, eventStoreMigrations, ReadGateWatch } from '@lib/event-sourcing';
import { createKafka, type Delivery, ensureTopics } from '@lib/messaging';
import { createTestDatabase, eventually, TcpProxy, type TestDatabase, testKafkaBrokers, testServerUrl } from '@lib/testing';
import Redis from 'ioredis';
import { ConfigResourceTypes, type Producer } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';
import { type AnyRegisteredConsumer, BackgroundWorkers, type RegisteredInboxConsumer } from './background-workers';
import { CONSUMER_RETRY_DEGRADED_AFTER_MS, HealthController } from './health.controller';
import { BaseServiceConfig, DEVELOPMENT_REDIS_URL, loadConfig } from './load-config';
import { createLogger } from './logger';
import { ServiceMetrics } from './metrics';
import { SharedCounters } from './shared-counters';
import { KAFKA } from './tokens';

/** Counts the events it applies, one row each, as RequestFactsConsumer counts requests. */
class CountingConsumer implements RegisteredInboxConsumer<RequestEvent> {
  readonly groupId = 'evaluation.counting';
  readonly topic = topics.request;
  readonly codec = requestCodec;
  constructor(readonly pool: Pool) {}
  async apply({ envelope }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    await tx.query('INSERT INTO applied (event_id) VALUES ($1)', [envelope.eventId]);
  }
}

const envelope = (): EventEnvelope => ({
  eventId: randomUUID(),
  eventType: 'RequestRejected',
  streamId: `request-${randomUUID()}`,
  streamVersion: 1,
  occurredAt: '2026-11-23T01:00:00.000Z',
  tenantId: 'kota-banjarmasin',
  unitId: 'disdukcapil',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actorId: 'user-1',
  actorRole: 'skpd-operator',
});

describe('BackgroundWorkers on PostgreSQL and Kafka', () => {
  let db: TestDatabase;
  let producer: Producer;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'background-workers-spec' });
  const logger = createLogger('background-workers-spec', 'silent');
  const running: BackgroundWorkers[] = [];

  /** The workers of a service whose deployment uses these prefixes, as main.ts wires them. */
  const startWorkers = async (
    prefixes: { group: string; topic: string },
    consumers: AnyRegisteredConsumer[],
    metrics = new ServiceMetrics(),
    env: Record<string, string> = {},
  ): Promise<BackgroundWorkers> => {
    const config = loadConfig(BaseServiceConfig, {
      PORT: '3999',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_CLIENT_ID: 'background-workers-spec',
      KAFKA_CONSUMER_GROUP_PREFIX: prefixes.group,
      KAFKA_TOPIC_PREFIX: prefixes.topic,
      ...env,
    });
    const store = new EventStore(db.pool, evaluationCodec);
    const workers = new BackgroundWorkers(db.pool, store, kafka, logger, evaluationCodec, [], consumers, config, metrics, new ReadGateWatch(db.pool));
    running.push(workers);
    await workers.onApplicationBootstrap();
    return workers;
  };
  const stopWorkers = async (workers: BackgroundWorkers) => {
    running.splice(running.indexOf(workers), 1);
    await workers.beforeApplicationShutdown();
  };
  const committedOffset = async (groupId: string, topic: string): Promise<string> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions[0].offset;
    } finally {
      await admin.disconnect();
    }
  };
  const appliedPerEvent = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await db.pool.query<{ event_id: string; n: number }>('SELECT event_id, count(*)::int AS n FROM applied GROUP BY event_id')).rows.map((r) => [
        r.event_id,
        r.n,
      ]),
    );
  const publish = (topic: string, envelopes: EventEnvelope[]) =>
    producer.send({
      topic,
      messages: envelopes.map((env) => ({
        key: env.unitId,
        value: Buffer.from(requestCodec.encode({ $case: 'requestRejected', value: { requestId: env.streamId, reason: 'x', rejectedAt: env.occurredAt } })),
        headers: envelopeToHeaders(env),
      })),
    });

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    await db.pool.query('CREATE TABLE applied (event_id uuid NOT NULL)');
    producer = kafka.producer();
    await producer.connect();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((workers) => workers.beforeApplicationShutdown()));
    await db.pool.query('TRUNCATE applied');
  });
  afterAll(async () => {
    await producer?.disconnect();
    await db?.drop();
  });

  it('creates the dead-letter topics of its own topic and of the topics it reads with the retention the config sets', async () => {
    const topicPrefix = `bw-${randomUUID().slice(0, 8)}.`;
    await startWorkers({ group: `r-${randomUUID().slice(0, 8)}.`, topic: topicPrefix }, [new CountingConsumer(db.pool)], undefined, {
      DLQ_RETENTION_MS: '172800000',
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const retentionOf = async (topic: string) =>
        (await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }] }))
          .resources[0].configEntries[0].configValue;
      expect(await retentionOf(deadLetterTopic(`${topicPrefix}${topics.request}`))).toBe('172800000');
      expect(await retentionOf(deadLetterTopic(`${topicPrefix}${topics.evaluation}`))).toBe('172800000');
      expect(await retentionOf(`${topicPrefix}${topics.request}`)).not.toBe('172800000');
    } finally {
      await admin.disconnect();
    }
  });

  it('applies nothing again when the consumer group prefix changes and the new group reads the topic from the start', async () => {
    const topicPrefix = `bw-${randomUUID().slice(0, 8)}.`;
    const topic = `${topicPrefix}${topics.request}`;
    await ensureTopics(kafka, [topic], 1);
    const envelopes = Array.from({ length: 5 }, envelope);
    await publish(topic, envelopes);
    const consumer = new CountingConsumer(db.pool);
    const once = Object.fromEntries(envelopes.map((e) => [e.eventId, 1]));

    const before = await startWorkers({ group: `a-${randomUUID().slice(0, 8)}.`, topic: topicPrefix }, [consumer]);
    await eventually(async () => expect(await appliedPerEvent()).toEqual(once));
    await stopWorkers(before);

    const renamed = `b-${randomUUID().slice(0, 8)}.`;
    await startWorkers({ group: renamed, topic: topicPrefix }, [consumer]);
    await eventually(async () => expect(await committedOffset(`${renamed}${consumer.groupId}`, topic)).toBe(String(envelopes.length)), { timeoutMs: 30_000 });
    expect(await appliedPerEvent()).toEqual(once);
  });

  it("counts the retries while a consumer's database is away, and /health says degraded, not down, until it is back", async () => {
    const server = new URL(testServerUrl());
    const proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    // The consumer's database only: the service's own pool, which /health asks, stays up.
    const proxied = new Pool({ connectionString: proxy.rewrite(db.url), max: 2, connectionTimeoutMillis: 2_000 });
    proxied.on('error', () => undefined);
    const topicPrefix = `bw-${randomUUID().slice(0, 8)}.`;
    const topic = `${topicPrefix}${topics.request}`;
    const groupPrefix = `h-${randomUUID().slice(0, 8)}.`;
    await ensureTopics(kafka, [topic], 1);
    const metrics = new ServiceMetrics();
    const consumer = new CountingConsumer(proxied);
    const workers = await startWorkers({ group: groupPrefix, topic: topicPrefix }, [consumer], metrics);
    const counters = new SharedCounters(new Redis(DEVELOPMENT_REDIS_URL));
    const testing = await Test.createTestingModule({
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [
        { provide: Pool, useValue: db.pool },
        { provide: KAFKA, useValue: kafka },
        { provide: BackgroundWorkers, useValue: workers },
        { provide: CONSUMER_RETRY_DEGRADED_AFTER_MS, useValue: 2_000 },
        { provide: ReadGateWatch, useValue: new ReadGateWatch(db.pool) },
        { provide: SharedCounters, useValue: counters },
      ],
    }).compile();
    const health = testing.get(HealthController);
    const retries = async () => (await metrics.registry.getSingleMetric('pantau_consumer_transient_retries_total')?.get())?.values ?? [];
    try {
      expect((await health.ready()).info?.consumers).toEqual({ status: 'up', degraded: false, retrying: [] });

      proxy.cut();
      const event = envelope();
      await publish(topic, [event]);
      await eventually(
        async () => {
          const answer = await health.ready();
          expect(answer.status).toBe('ok');
          expect(answer.info?.consumers).toMatchObject({ status: 'up', degraded: true, retrying: [{ group: `${groupPrefix}${consumer.groupId}`, topic }] });
        },
        { timeoutMs: 30_000 },
      );
      expect(await retries()).toEqual([expect.objectContaining({ labels: { group: `${groupPrefix}${consumer.groupId}`, topic }, value: expect.any(Number) })]);
      expect((await retries())[0].value).toBeGreaterThan(0);

      proxy.heal();
      await eventually(async () => expect(await appliedPerEvent()).toEqual({ [event.eventId]: 1 }));
      expect((await health.ready()).info?.consumers).toEqual({ status: 'up', degraded: false, retrying: [] });
    } finally {
      await testing.close();
      await counters.onApplicationShutdown();
      await stopWorkers(workers);
      await proxied.end();
      await proxy.stop();
    }
  });
});
