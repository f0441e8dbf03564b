import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { deadLetterTopic, envelopeToHeaders, type EventEnvelope, type RequestEvent, requestCodec, type SurveyEvent, surveyCodec } from '@lib/contracts';
import { eventStoreMigrations, processOnce } from '@lib/event-sourcing';
import { DomainError } from '@lib/event-sourcing/domain';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers, uniqueTopic } from '@lib/testing';
import type { Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { ConsumerRunner, type Delivery, type EventConsumer, type InboxConsumer } from './consumer-runner';
import { DeadLetterCipher, DEVELOPMENT_DLQ_ENCRYPTION_KEY } from './dead-letter-cipher';
import { createKafka, ensureTopics } from './kafka-client';

const deadLetterCipher = new DeadLetterCipher(DEVELOPMENT_DLQ_ENCRYPTION_KEY);

const envelope = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
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
  ...overrides,
});

const rejected = (requestId: string): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason: 'incomplete', rejectedAt: '2026-11-23T01:00:00.000Z' },
});

const f03Closed = (unitId: string): Extract<SurveyEvent, { $case: 'f03Closed' }>['value'] => ({
  cycleId: 'c1',
  unitId,
  respondents: 20,
  unverifiedRespondents: 0,
  score: 5,
  quotaMet: true,
  minimumQuota: 10,
  closedAt: '2026-11-23T01:00:00.000Z',
  ruleset: 'pekppp-2023',
  provisional: false,
  itemScoreTotal: 5 * 14 * 20,
  itemAnswerCount: 14 * 20,
});

const message = (event: RequestEvent, env: EventEnvelope = envelope()) => ({
  key: env.unitId,
  value: Buffer.from(requestCodec.encode(event)),
  headers: envelopeToHeaders(env),
});

/** Records its effect through the inbox, so a redelivery has no second effect. */
class RecordingConsumer implements EventConsumer<RequestEvent> {
  deliveries = 0;
  constructor(
    readonly topic: string,
    readonly groupId: string,
    private readonly db: TestDatabase,
    private readonly behaviour: (delivery: Delivery<RequestEvent>, attempt: number) => void = () => undefined,
  ) {}
  private attempts = new Map<string, number>();
  async handle(delivery: Delivery<RequestEvent>): Promise<void> {
    this.deliveries++;
    const attempt = (this.attempts.get(delivery.envelope.eventId) ?? 0) + 1;
    this.attempts.set(delivery.envelope.eventId, attempt);
    this.behaviour(delivery, attempt);
    await processOnce(this.db.pool, this.groupId, delivery.envelope.eventId, async (tx) => {
      await tx.query('INSERT INTO effects (event_id) VALUES ($1)', [delivery.envelope.eventId]);
    });
  }
}

/** Writes its effect with the runner's inbox transaction; counts every call of `apply`. */
class RecordingInboxConsumer implements InboxConsumer<RequestEvent> {
  applied: string[] = [];
  private attempts = new Map<string, number>();
  constructor(
    readonly topic: string,
    readonly groupId: string,
    readonly pool: Pool,
    private readonly behaviour: (delivery: Delivery<RequestEvent>, attempt: number) => void = () => undefined,
  ) {}
  async apply(delivery: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    const attempt = (this.attempts.get(delivery.envelope.eventId) ?? 0) + 1;
    this.attempts.set(delivery.envelope.eventId, attempt);
    this.applied.push(delivery.envelope.eventId);
    await tx.query('INSERT INTO effects (event_id) VALUES ($1)', [delivery.envelope.eventId]);
    this.behaviour(delivery, attempt);
  }
}

describe('ConsumerRunner on a real Kafka broker', () => {
  let db: TestDatabase;
  let producer: Producer;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'consumer-spec' });
  const runners: ConsumerRunner<RequestEvent>[] = [];

  const deadLettered: string[] = [];
  const startRunner = async (consumer: EventConsumer<RequestEvent> | InboxConsumer<RequestEvent>, maxAttempts = 3) => {
    const runner = new ConsumerRunner(kafka, consumer, requestCodec, {
      maxAttempts,
      initialBackoffMs: 10,
      onDeadLetter: (topic) => deadLettered.push(topic),
      deadLetterCipher,
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const effectCount = async (): Promise<number> => Number((await db.pool.query('SELECT count(*) FROM effects')).rows[0].count);
  const committedOffset = async (groupId: string, topic: string): Promise<string> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions[0].offset;
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    producer = kafka.producer();
    await producer.connect();
  });
  beforeEach(() => db.pool.query('CREATE TABLE IF NOT EXISTS effects (event_id uuid); TRUNCATE effects'));
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });
  afterAll(async () => {
    await producer.disconnect();
    await db.drop();
  });

  it('has one effect for a message delivered twice and commits past both', async () => {
    const topic = uniqueTopic('consumer-redelivery');
    await ensureTopics(kafka, [topic], 1);
    const duplicate = message(rejected('r1'));
    await producer.send({ topic, messages: [duplicate, duplicate] });
    const consumer = new RecordingConsumer(topic, `g-${randomUUID()}`, db);
    await startRunner(consumer);

    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('2'));
    expect(consumer.deliveries).toBe(2);
    expect(await effectCount()).toBe(1);
  });

  it('sends poison messages to the dead-letter topic and keeps consuming', async () => {
    const topic = uniqueTopic('consumer-poison');
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
    const refused = envelope();
    await producer.send({
      topic,
      messages: [
        { key: 'x', value: Buffer.from('not protobuf at all \u0000\u00ff'), headers: envelopeToHeaders(envelope()) },
        { key: 'x', value: Buffer.from(requestCodec.encode(rejected('no-headers'))) },
        message(rejected('domain-refusal'), refused),
        message(rejected('fine')),
      ],
    });
    const consumer = new RecordingConsumer(topic, `g-${randomUUID()}`, db, ({ envelope: env }) => {
      if (env.eventId === refused.eventId) throw new DomainError('REQUEST.ALREADY_CLOSED', 'closed');
    });
    await startRunner(consumer);

    const dead = await readTopic(testKafka(), deadLetterTopic(topic), (read) => read.length >= 3);
    expect(dead.map((m) => m.headers['dlq-error'])).toEqual([
      expect.stringContaining('CodecError'),
      expect.stringContaining('header "event-id" is missing'),
      expect.stringContaining('DomainError REQUEST.ALREADY_CLOSED: closed'),
    ]);
    expect(dead.every((m) => m.headers['dlq-source-topic'] === topic && m.headers['dlq-poison'] === 'true')).toBe(true);
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('4'));
    expect(await effectCount()).toBe(1);
    expect(deadLettered.filter((source) => source === topic)).toHaveLength(3);
  });

  it('refuses an event type its topic does not own before any handler runs, dead-letters it with the reason and goes on', async () => {
    const topic = uniqueTopic('consumer-foreign-type');
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
    const forgedScore: SurveyEvent = { $case: 'f03Closed', value: f03Closed('disdukcapil') };
    const forged = envelope({ eventType: 'F03Closed', streamId: 'f03-kota-banjarmasin/c1/disdukcapil' });
    const fine = envelope();
    await producer.send({
      topic,
      messages: [{ key: 'x', value: Buffer.from(surveyCodec.encode(forgedScore)), headers: envelopeToHeaders(forged) }, message(rejected('fine'), fine)],
    });
    const consumer = new RecordingConsumer(topic, `g-${randomUUID()}`, db);
    await startRunner(consumer);

    const dead = await readTopic(testKafka(), deadLetterTopic(topic), (read) => read.length >= 1);
    expect(dead[0].headers).toMatchObject({
      'event-id': forged.eventId,
      'dlq-reason': 'EVENT_NOT_OWNED_BY_TOPIC',
      'dlq-poison': 'true',
      'dlq-source-offset': '0',
    });
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('2'));
    expect(consumer.deliveries).toBe(1);
    expect(await effectCount()).toBe(1);
  });

  it('dead-letters an envelope that contradicts its event, with the reason, and applies the rest', async () => {
    const topic = uniqueTopic('inbox-inconsistent-envelope');
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
    const settings = (tenantId: string): RequestEvent => ({
      $case: 'tenantCalendarSettingsChanged',
      value: { tenantId, utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false, reason: 'WITA', changedAt: '2026-11-01T00:00:00Z' },
    });
    const otherTenantsSettings = envelope({ eventType: 'TenantCalendarSettingsChanged', streamId: 'calendar-kota-banjarmasin' });
    const onComplaintStream = envelope({ streamId: 'complaint-1' });
    const mislabelled = envelope({ eventType: 'RequestCompleted' });
    const fine = envelope();
    await producer.send({
      topic,
      messages: [
        message(settings('kabupaten-banjar'), otherTenantsSettings),
        message(rejected('r1'), onComplaintStream),
        message(rejected('r2'), mislabelled),
        message(rejected('fine'), fine),
      ],
    });
    const consumer = new RecordingInboxConsumer(topic, `g-${randomUUID()}`, db.pool);
    await startRunner(consumer);

    const dead = await readTopic(testKafka(), deadLetterTopic(topic), (read) => read.length >= 3);
    expect(dead.map((m) => [m.headers['event-id'], m.headers['dlq-reason']])).toEqual([
      [otherTenantsSettings.eventId, 'PAYLOAD_TENANT_MISMATCH'],
      [onComplaintStream.eventId, 'STREAM_KIND_MISMATCH'],
      [mislabelled.eventId, 'EVENT_TYPE_MISMATCH'],
    ]);
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('4'));
    expect(consumer.applied).toEqual([fine.eventId]);
  });

  it('retries a failing handler with backoff and dead-letters it only after the last attempt', async () => {
    const topic = uniqueTopic('consumer-retry');
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
    const flaky = envelope();
    const broken = envelope();
    await producer.send({ topic, messages: [message(rejected('flaky'), flaky), message(rejected('broken'), broken)] });
    const consumer = new RecordingConsumer(topic, `g-${randomUUID()}`, db, ({ envelope: env }, attempt) => {
      if (env.eventId === flaky.eventId && attempt < 3) throw new Error('database briefly unavailable');
      if (env.eventId === broken.eventId) throw new Error('always fails');
    });
    await startRunner(consumer, 3);

    const dead = await readTopic(testKafka(), deadLetterTopic(topic), (read) => read.length >= 1);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers).toMatchObject({ 'event-id': broken.eventId, 'dlq-attempts': '3', 'dlq-poison': 'false' });
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('2'));
    expect(await effectCount()).toBe(1);
  });

  it('commits what it handled of the batch in flight when it is stopped, so a restart does not fetch it again', async () => {
    const topic = uniqueTopic('consumer-stop');
    await ensureTopics(kafka, [topic], 1);
    await producer.send({ topic, messages: [message(rejected('r1')), message(rejected('r2'))] });
    let stopped: Promise<void> | undefined;
    const consumer = new RecordingConsumer(topic, `g-${randomUUID()}`, db, () => {
      // SIGTERM arrives while the first message is being handled
      stopped ??= runners.splice(0)[0].stop();
    });
    await startRunner(consumer);
    await eventually(() => expect(stopped).toBeDefined());
    await stopped;

    expect(await effectCount()).toBe(consumer.deliveries);
    expect(await committedOffset(consumer.groupId, topic)).toBe(String(consumer.deliveries));
  });

  it('has no second effect when the process dies between the effect and the offset commit', async () => {
    const topic = uniqueTopic('consumer-crash');
    await ensureTopics(kafka, [topic], 1);
    const groupId = `g-${randomUUID()}`;
    await producer.send({ topic, messages: [message(rejected('crash'))] });

    const exitCode = await runFixture('crash-after-effect.ts', [db.url, testKafkaBrokers().join(','), topic, groupId]);
    expect(exitCode).toBe(42);
    expect(await effectCount()).toBe(1);
    expect(await committedOffset(groupId, topic)).toBe('-1');

    const consumer = new RecordingConsumer(topic, groupId, db);
    await startRunner(consumer);
    await eventually(async () => expect(await committedOffset(groupId, topic)).toBe('1'), { timeoutMs: 40_000 });
    expect(consumer.deliveries).toBe(1);
    expect(await effectCount()).toBe(1);
  });
});

describe('ConsumerRunner with an InboxConsumer', () => {
  let db: TestDatabase;
  let producer: Producer;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'inbox-consumer-spec' });
  const runners: ConsumerRunner<RequestEvent>[] = [];

  const startRunner = async (consumer: InboxConsumer<RequestEvent>) => {
    const runner = new ConsumerRunner(kafka, consumer, requestCodec, { maxAttempts: 3, initialBackoffMs: 10, deadLetterCipher });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const effectsPerEvent = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await db.pool.query<{ event_id: string; n: number }>('SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id')).rows.map((r) => [
        r.event_id,
        r.n,
      ]),
    );
  const committedOffset = async (groupId: string, topic: string): Promise<string> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions[0].offset;
    } finally {
      await admin.disconnect();
    }
  };
  /** Ten messages in one produce request, so they reach the runner as one batch. */
  const sendBatch = async (topic: string, envelopes: EventEnvelope[]) =>
    producer.send({ topic, messages: envelopes.map((env, i) => message(rejected(`r${i}`), env)) });

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    await db.pool.query('CREATE TABLE effects (event_id uuid NOT NULL)');
    producer = kafka.producer();
    await producer.connect();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await db.pool.query('TRUNCATE effects');
  });
  afterAll(async () => {
    await producer.disconnect();
    await db.drop();
  });

  it('applies a batch once and gives a redelivered batch no second effect', async () => {
    const topic = uniqueTopic('inbox-redelivery');
    await ensureTopics(kafka, [topic], 1);
    const envelopes = Array.from({ length: 10 }, () => envelope());
    await sendBatch(topic, envelopes);
    const groupId = `g-${randomUUID()}`;
    const first = new RecordingInboxConsumer(topic, groupId, db.pool);
    const runner = await startRunner(first);
    await eventually(async () => expect(await committedOffset(groupId, topic)).toBe('10'));
    await runner.stop();

    // The offsets go back to the start, as after a crash between the effects and the offset commit.
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    expect(await committedOffset(groupId, topic)).not.toBe('10');
    const second = new RecordingInboxConsumer(topic, groupId, db.pool);
    await startRunner(second);
    await eventually(async () => expect(await committedOffset(groupId, topic)).toBe('10'));

    expect(first.applied).toEqual(envelopes.map((e) => e.eventId));
    expect(second.applied).toEqual([]);
    expect(await effectsPerEvent()).toEqual(Object.fromEntries(envelopes.map((e) => [e.eventId, 1])));
  });

  it('dead-letters a poison message in the middle of a batch and applies each neighbour exactly once', async () => {
    const topic = uniqueTopic('inbox-poison');
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)], 1);
    const envelopes = Array.from({ length: 10 }, () => envelope());
    const [poison, flaky] = [envelopes[4], envelopes[7]];
    await producer.send({
      topic,
      messages: [
        ...envelopes.slice(0, 2).map((env, i) => message(rejected(`r${i}`), env)),
        { key: 'x', value: Buffer.from('not protobuf at all \u0000\u00ff'), headers: envelopeToHeaders(envelope()) },
        ...envelopes.slice(2).map((env, i) => message(rejected(`r${i + 2}`), env)),
      ],
    });
    const consumer = new RecordingInboxConsumer(topic, `g-${randomUUID()}`, db.pool, ({ envelope: env }, attempt) => {
      if (env.eventId === poison.eventId) throw new DomainError('REQUEST.ALREADY_CLOSED', 'closed');
      if (env.eventId === flaky.eventId && attempt < 3) throw new Error('database briefly unavailable');
    });
    await startRunner(consumer);

    const dead = await readTopic(testKafka(), deadLetterTopic(topic), (read) => read.length >= 2);
    expect(dead.map((m) => m.headers['dlq-error'])).toEqual([expect.stringContaining('CodecError'), 'DomainError REQUEST.ALREADY_CLOSED: closed']);
    expect(dead[1].headers['event-id']).toBe(poison.eventId);
    await eventually(async () => expect(await committedOffset(consumer.groupId, topic)).toBe('11'));
    const neighbours = envelopes.filter((e) => e !== poison).map((e) => e.eventId);
    expect(await effectsPerEvent()).toEqual(Object.fromEntries(neighbours.map((id) => [id, 1])));
    // The batch was tried whole first, then message by message.
    expect(consumer.applied.filter((id) => id === neighbours[0])).toHaveLength(2);
  });
});

function runFixture(file: string, args: string[]): Promise<number> {
  const root = join(__dirname, '..', '..', '..');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'test/fixtures', file), ...args],
      { cwd: root, env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') }, timeout: 60_000 },
      (error) => resolve(error && typeof error.code === 'number' ? error.code : 0),
    );
  });
}
