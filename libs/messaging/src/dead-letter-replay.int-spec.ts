import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deadLetterTopic, envelopeToHeaders, type EventEnvelope, type RequestEvent, requestCodec } from '@lib/contracts';
import { eventStoreMigrations } from '@lib/event-sourcing';
import { DomainError } from '@lib/event-sourcing/domain';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers, uniqueTopic } from '@lib/testing';
import type { Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { ConsumerRunner, type Delivery, type InboxConsumer } from './consumer-runner';
import { replayDeadLetters } from './dead-letter-replay';
import { DeadLetterCipher, DEVELOPMENT_DLQ_ENCRYPTION_KEY } from './dead-letter-cipher';
import { createKafka, ensureTopics } from './kafka-client';

const run = promisify(execFile);
const cipher = new DeadLetterCipher(DEVELOPMENT_DLQ_ENCRYPTION_KEY);
const ROOT = join(__dirname, '..', '..', '..');

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
const message = (env: EventEnvelope) => ({
  key: env.unitId,
  value: Buffer.from(requestCodec.encode({ $case: 'requestRejected', value: { requestId: env.streamId, reason: 'x', rejectedAt: env.occurredAt } })),
  headers: envelopeToHeaders(env),
});

/** Refuses the events in `refusing` as a domain rule would, until the rule is fixed (the set emptied). */
class RefusingConsumer implements InboxConsumer<RequestEvent> {
  readonly groupId = 'evaluation.replay-spec';
  constructor(
    readonly topic: string,
    readonly pool: Pool,
    readonly refusing: Set<string>,
  ) {}
  async apply({ envelope: env }: Delivery<RequestEvent>, tx: PoolClient): Promise<void> {
    if (this.refusing.has(env.eventId)) throw new DomainError('REQUEST.ALREADY_CLOSED', 'refused until the rule is fixed');
    await tx.query('INSERT INTO effects (event_id) VALUES ($1)', [env.eventId]);
  }
}

describe('replaying a dead-letter topic on a real broker', () => {
  let db: TestDatabase;
  let producer: Producer;
  let runner: ConsumerRunner<RequestEvent> | undefined;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'dlq-replay-spec' });

  const effectsPerEvent = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await db.pool.query<{ event_id: string; n: number }>('SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id')).rows.map((r) => [
        r.event_id,
        r.n,
      ]),
    );
  const endOf = async (topic: string): Promise<number> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((sum, { high }) => sum + Number(high), 0);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    await db.pool.query('CREATE TABLE effects (event_id uuid NOT NULL)');
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await runner?.stop();
    await producer?.disconnect();
    await db?.drop();
  });

  it("re-publishes a service's dead letters with their original headers, applies each once, and a second replay applies nothing", async () => {
    const topic = uniqueTopic('dlq-replay');
    const dlq = deadLetterTopic(topic);
    await ensureTopics(kafka, [topic], 1);
    await ensureTopics(kafka, [dlq], 2);
    const envelopes = Array.from({ length: 4 }, envelope);
    const refused = [envelopes[1], envelopes[3]];
    const consumer = new RefusingConsumer(topic, db.pool, new Set(refused.map((e) => e.eventId)));
    runner = new ConsumerRunner(kafka, consumer, requestCodec, { maxAttempts: 2, initialBackoffMs: 10, deadLetterCipher: cipher });
    await runner.start();
    await producer.send({ topic, messages: envelopes.map(message) });
    // Another service's dead letter on the same topic, which `--service evaluation` leaves alone.
    const othersEvent = envelope();
    await producer.send({
      topic: dlq,
      messages: [
        { ...message(othersEvent), headers: { ...envelopeToHeaders(othersEvent), 'dlq-consumer': 'survey.completed-requests', 'dlq-source-topic': topic } },
      ],
    });
    await readTopic(testKafka(), dlq, (read) => read.length >= 3);

    const dryRun = await replayDeadLetters(kafka, { topic: dlq, service: 'evaluation', dryRun: true, cipher });
    expect(dryRun.replayed.map((letter) => letter.eventId).sort()).toEqual(refused.map((e) => e.eventId).sort());
    expect(dryRun.replayed.every((letter) => letter.consumer === 'evaluation.replay-spec' && letter.sourceTopic === topic)).toBe(true);
    expect(dryRun.skipped.map((letter) => letter.eventId)).toEqual([othersEvent.eventId]);
    expect(await endOf(topic)).toBe(4);
    const { stdout } = await run('npm', ['run', '--silent', 'dlq:replay', '--', '--topic', dlq, '--service', 'evaluation', '--dry-run'], {
      cwd: ROOT,
      env: { ...process.env, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    });
    expect(stdout).toContain(`would replay 2, skipped 1 of ${dlq}`);
    for (const { eventId } of refused) expect(stdout).toContain(`event ${eventId} (evaluation.replay-spec: DomainError REQUEST.ALREADY_CLOSED`);
    expect(await endOf(topic)).toBe(4);

    consumer.refusing.clear();
    const replay = await replayDeadLetters(kafka, { topic: dlq, service: 'evaluation', cipher });
    expect(replay.replayed).toHaveLength(2);
    await eventually(async () => expect(await effectsPerEvent()).toEqual(Object.fromEntries(envelopes.map((e) => [e.eventId, 1]))));
    const republished = (await readTopic(testKafka(), topic, (read) => read.length >= 6)).slice(4);
    expect(republished.map((m) => m.headers)).toEqual(
      expect.arrayContaining(refused.map((e) => Object.fromEntries(Object.entries(envelopeToHeaders(e)).map(([name, value]) => [name, String(value)])))),
    );
    expect(republished.every((m) => Object.keys(m.headers).every((name) => !name.startsWith('dlq-')))).toBe(true);

    await replayDeadLetters(kafka, { topic: dlq, service: 'evaluation', cipher });
    await eventually(async () => expect(await endOf(topic)).toBe(8));
    const later = envelope();
    await producer.send({ topic, messages: [message(later)] });
    await eventually(async () => expect(await effectsPerEvent()).toEqual(Object.fromEntries([...envelopes, later].map((e) => [e.eventId, 1]))));

    const fromNext = await replayDeadLetters(kafka, {
      topic: dlq,
      cipher,
      fromOffset: new Map(replay.nextOffsets.map(({ partition, offset }) => [partition, BigInt(offset)])),
    });
    expect(fromNext.replayed).toEqual([]);
  });

  it('keeps a poison complaint sealed on the dead-letter topic, and a replay restores it as it was', async () => {
    await runner?.stop();
    const topic = uniqueTopic('dlq-sealed');
    const dlq = deadLetterTopic(topic);
    await ensureTopics(kafka, [topic, dlq], 1);
    const subject = `Petugas meminta uang ${randomUUID()}`;
    const description = `Nama saya Siti Aminah, NIK 6371010101010001, ${randomUUID()}`;
    const reporterRef = `wa:+62812${randomUUID().slice(0, 8)}`;
    const complaint: RequestEvent = {
      $case: 'complaintReceived',
      value: requestCodec.fromPayload('ComplaintReceived', { complaintId: randomUUID(), unitId: 'disdukcapil', subject, description, reporterRef })
        .value as Extract<RequestEvent, { $case: 'complaintReceived' }>['value'],
    };
    const env = { ...envelope(), eventType: 'ComplaintReceived', streamId: `complaint-${randomUUID()}` };
    const original = Buffer.from(requestCodec.encode(complaint));
    const consumer = new RefusingConsumer(topic, db.pool, new Set([env.eventId]));
    runner = new ConsumerRunner(kafka, consumer, requestCodec, { maxAttempts: 1, initialBackoffMs: 10, deadLetterCipher: cipher });
    await runner.start();
    await producer.send({ topic, messages: [{ key: env.unitId, value: original, headers: envelopeToHeaders(env) }] });

    const [letter] = await readTopic(testKafka(), dlq, (read) => read.length >= 1);
    expect(letter.headers).toMatchObject({ 'event-id': env.eventId, 'dlq-source-topic': topic, 'dlq-source-partition': '0', 'dlq-source-offset': '0' });
    const stored = Buffer.concat([letter.value ?? Buffer.alloc(0), ...Object.values(letter.headers).map((value) => Buffer.from(String(value)))]);
    for (const personal of [subject, description, reporterRef, 'Siti Aminah', '6371010101010001']) expect(stored.includes(personal)).toBe(false);

    await runner.stop();
    runner = undefined;
    await expect(replayDeadLetters(kafka, { topic: dlq, cipher: new DeadLetterCipher(Buffer.alloc(32, 7).toString('base64')) })).rejects.toThrow(
      'not with this DLQ_ENCRYPTION_KEY',
    );
    await replayDeadLetters(kafka, { topic: dlq, cipher });
    const [, replayed] = await readTopic(testKafka(), topic, (read) => read.length >= 2);
    expect(Buffer.from(replayed.value ?? '').equals(original)).toBe(true);
    expect(requestCodec.decode(replayed.value!)).toEqual(complaint);
  });
});
