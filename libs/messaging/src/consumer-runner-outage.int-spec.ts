import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { deadLetterTopic, envelopeToHeaders, type EventEnvelope, type RequestEvent, requestCodec } from '@lib/contracts';
import { eventStoreMigrations, processOnce } from '@lib/event-sourcing';
import { createTestDatabase, eventually, readTopic, type TestDatabase, TcpProxy, testKafka, testKafkaBrokers, testServerUrl, uniqueTopic } from '@lib/testing';
import type { Producer } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';
import { ConsumerRunner, type Delivery, type EventConsumer, type InboxConsumer } from './consumer-runner';
import { DeadLetterCipher, DEVELOPMENT_DLQ_ENCRYPTION_KEY } from './dead-letter-cipher';
import { createKafka, ensureTopics } from './kafka-client';

/** Longer than the session timeout the runners below run with: only heartbeats keep their partition. */
const OUTAGE_MS = 12_000;
const SESSION_TIMEOUT_MS = 10_000;

const envelope = (): EventEnvelope => ({
  eventId: randomUUID(),
  eventType: 'RequestRejected',
  streamId: 'request-1',
  streamVersion: 1,
  occurredAt: '2026-11-23T01:00:00.000Z',
  tenantId: 'kota-banjarmasin',
  unitId: 'disdukcapil',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actorId: 'user-1',
  actorRole: 'skpd-operator',
});

const message = (env: EventEnvelope) => ({
  key: env.unitId,
  value: Buffer.from(requestCodec.encode({ $case: 'requestRejected', value: { requestId: env.streamId, reason: 'incomplete', rejectedAt: env.occurredAt } })),
  headers: envelopeToHeaders(env),
});

/** Writes one effect row per event with the runner's inbox transaction; `refuses` events break a CHECK constraint every time. */
class InboxEffects implements InboxConsumer<RequestEvent> {
  constructor(
    readonly topic: string,
    readonly groupId: string,
    readonly pool: Pool,
    private readonly refuses: ReadonlySet<string> = new Set(),
  ) {}
  async apply({ envelope: env }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    await tx.query('INSERT INTO effects (event_id) VALUES ($1)', [env.eventId]);
    if (this.refuses.has(env.eventId)) await tx.query('INSERT INTO amounts (n) VALUES (-1)');
  }
}

/** Writes one effect row per event through its own inbox transaction, as a handler calling the event store does. */
class EventEffects implements EventConsumer<RequestEvent> {
  constructor(
    readonly topic: string,
    readonly groupId: string,
    private readonly pool: Pool,
  ) {}
  async handle({ envelope: env }: Delivery<RequestEvent>): Promise<void> {
    await processOnce(this.pool, this.groupId, env.eventId, async (tx) => {
      await tx.query('INSERT INTO effects (event_id) VALUES ($1)', [env.eventId]);
    });
  }
}

describe('ConsumerRunner through a PostgreSQL outage', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  /** The consumers' pool: through the proxy, so a cut is an outage for them and for nobody else. */
  let proxied: Pool;
  let producer: Producer;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'consumer-outage-spec' });
  const runners: ConsumerRunner<RequestEvent>[] = [];

  const effectsPerEvent = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await db.pool.query<{ event_id: string; n: number }>('SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id')).rows.map((r) => [
        r.event_id,
        r.n,
      ]),
    );
  const onceEach = (envelopes: EventEnvelope[]) => Object.fromEntries(envelopes.map((e) => [e.eventId, 1]));
  const withAdmin = async <T>(work: (admin: ReturnType<typeof kafka.admin>) => Promise<T>): Promise<T> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  };
  const committedOffset = (groupId: string, topic: string) =>
    withAdmin(async (admin) => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions[0].offset);
  const deadLetterCount = (topic: string) =>
    withAdmin(async (admin) => (await admin.fetchTopicOffsets(deadLetterTopic(topic))).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0));
  const membersOf = (groupId: string) => withAdmin(async (admin) => (await admin.describeGroups([groupId])).groups[0].members.map((member) => member.memberId));

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    await db.pool.query('CREATE TABLE effects (event_id uuid NOT NULL); CREATE TABLE amounts (n int CHECK (n >= 0))');
    const server = new URL(testServerUrl());
    proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    proxied = new Pool({ connectionString: proxy.rewrite(db.url), max: 5, connectionTimeoutMillis: 2_000, application_name: 'consumer-outage-spec' });
    // as the services' pool does (createPool): an idle connection lost in the outage is not a crash
    proxied.on('error', () => undefined);
    producer = kafka.producer();
    await producer.connect();
  });
  afterEach(async () => {
    proxy.heal();
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await db.pool.query('TRUNCATE effects');
  });
  afterAll(async () => {
    await producer?.disconnect();
    await proxied?.end();
    await proxy?.stop();
    await db?.drop();
  });

  const startRunner = async (consumer: EventConsumer<RequestEvent> | InboxConsumer<RequestEvent>, transientFailures: string[] = []) => {
    const runner = new ConsumerRunner(kafka, consumer, requestCodec, {
      deadLetterCipher: new DeadLetterCipher(DEVELOPMENT_DLQ_ENCRYPTION_KEY),
      maxAttempts: 3,
      initialBackoffMs: 50,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      onTransientFailure: (topic) => transientFailures.push(topic),
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  it.each([
    ['an InboxConsumer', (topic: string, groupId: string) => new InboxEffects(topic, groupId, proxied)],
    ['an EventConsumer', (topic: string, groupId: string) => new EventEffects(topic, groupId, proxied)],
  ])(
    'gives every message of %s its effect once after the outage, dead-letters none and keeps its partition',
    async (_kind, consumerFor) => {
      const topic = uniqueTopic('consumer-outage');
      await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
      const groupId = `g-${randomUUID()}`;
      const transientFailures: string[] = [];
      const runner = await startRunner(consumerFor(topic, groupId), transientFailures);
      const before = Array.from({ length: 5 }, envelope);
      await producer.send({ topic, messages: before.map(message) });
      await eventually(async () => expect(await effectsPerEvent()).toEqual(onceEach(before)));
      const [member] = await membersOf(groupId);

      proxy.cut();
      const during = Array.from({ length: 10 }, envelope);
      await producer.send({ topic, messages: during.slice(0, 5).map(message) });
      await delay(OUTAGE_MS / 2);
      await producer.send({ topic, messages: during.slice(5).map(message) });
      await delay(OUTAGE_MS / 2);
      const stuck = runner.retrying();
      proxy.heal();

      await eventually(async () => expect(await committedOffset(groupId, topic)).toBe('15'), { timeoutMs: 30_000 });
      expect(await effectsPerEvent()).toEqual(onceEach([...before, ...during]));
      expect(await deadLetterCount(topic)).toBe(0);
      expect(await membersOf(groupId)).toEqual([member]);
      expect(transientFailures.length).toBeGreaterThan(0);
      expect(stuck).toMatchObject({ since: expect.any(Number), error: expect.any(String) });
      expect(runner.retrying()).toBeUndefined();
    },
    OUTAGE_MS + 60_000,
  );

  it('dead-letters only the message the database still refuses once it is back, and goes on consuming', async () => {
    const topic = uniqueTopic('consumer-outage-poison');
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
    const envelopes = Array.from({ length: 6 }, envelope);
    const refused = envelopes[2];
    const consumer = new InboxEffects(topic, `g-${randomUUID()}`, proxied, new Set([refused.eventId]));
    await startRunner(consumer);
    await eventually(async () => expect(await membersOf(consumer.groupId)).toHaveLength(1));

    proxy.cut();
    await producer.send({ topic, messages: envelopes.map(message) });
    await delay(3_000);
    proxy.heal();

    const dead = await readTopic(testKafka(), deadLetterTopic(topic), (read) => read.length >= 1);
    expect(dead.map((m) => m.headers['event-id'])).toEqual([refused.eventId]);
    expect(dead[0].headers['dlq-error']).toContain('violates check constraint');
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('6'));
    const later = envelope();
    await producer.send({ topic, messages: [message(later)] });
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('7'));
    expect(await effectsPerEvent()).toEqual(onceEach([...envelopes.filter((e) => e !== refused), later]));
    expect(await deadLetterCount(topic)).toBe(1);
  });
});
