import { randomUUID } from 'node:crypto';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { type CommandMeta, EventStore, eventStoreMigrations, MessagePublisher, type OutgoingMessage, OutboxRelay, TailLoop } from '@lib/event-sourcing';
import { createTestDatabase, readTopic, type TestDatabase, testKafka, uniqueTopic } from '@lib/testing';
import { createKafka, ensureTopics } from './kafka-client';
import { KafkaPublisher } from './kafka-publisher';

const meta = (unitId: string): CommandMeta => ({
  correlationId: randomUUID(),
  tenantId: 'kota-banjarmasin',
  unitId,
  actor: { id: 'user-1', role: 'skpd-operator' },
});

const rejected = (requestId: string): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason: 'incomplete', rejectedAt: '2026-11-23T01:00:00.000Z' },
});

const requestIdOf = (value: Buffer): string => (requestCodec.decode(value).value as { requestId: string }).requestId;

/** Publishes, then fails as a process killed before the checkpoint commit would. */
class CrashAfterPublish extends MessagePublisher {
  constructor(private readonly inner: MessagePublisher) {
    super();
  }
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.inner.publish(topic, messages);
    throw new Error('simulated crash between publish and checkpoint');
  }
}

describe('OutboxRelay to a real Kafka broker', () => {
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'relay-spec' });
  const publisher = new KafkaPublisher(kafka);

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new EventStore(db.pool, requestCodec);
  });
  afterAll(async () => {
    await publisher.disconnect();
    await db.drop();
  });

  it('publishes every event once, keyed by unit, with the envelope in headers, in stream order', async () => {
    const topic = uniqueTopic('relay-order');
    await ensureTopics(kafka, [topic]);
    const relay = new OutboxRelay(db.pool, store, requestCodec, publisher, 500, topic);
    const stream = `request-${randomUUID()}`;
    await store.append(stream, 0, [rejected('a'), rejected('b')], meta('disdukcapil'));
    await store.append(`request-${randomUUID()}`, 0, [rejected('c')], meta('dinsos'));
    while (await relay.publishBatch());

    const messages = await readTopic(testKafka(), topic, (read) => read.length >= 3);
    expect(messages).toHaveLength(3);
    const disdukcapil = messages.filter((m) => m.key === 'disdukcapil');
    expect(disdukcapil.map((m) => requestIdOf(m.value))).toEqual(['a', 'b']);
    expect(disdukcapil[0].headers).toMatchObject({ 'event-type': 'RequestRejected', 'stream-id': stream, 'stream-version': '1', 'unit-id': 'disdukcapil' });
    expect(messages.find((m) => m.key === 'dinsos')?.headers['tenant-id']).toBe('kota-banjarmasin');
  });

  it('republishes, never loses, a batch when it crashes between publish and checkpoint', async () => {
    const topic = uniqueTopic('relay-crash');
    await ensureTopics(kafka, [topic]);
    await store.append(`request-${randomUUID()}`, 0, [rejected('crash-1'), rejected('crash-2')], meta('disdukcapil'));
    const crashing = new OutboxRelay(db.pool, store, requestCodec, new CrashAfterPublish(publisher), 500, topic);
    await expect(crashing.publishBatch()).rejects.toThrow('simulated crash');

    const restarted = new OutboxRelay(db.pool, store, requestCodec, publisher, 500, topic);
    while (await restarted.publishBatch());
    expect(await restarted.publishBatch()).toBe(false);

    const messages = await readTopic(testKafka(), topic, (read) => read.filter((m) => requestIdOf(m.value).startsWith('crash')).length >= 4);
    const crashMessages = messages.filter((m) => requestIdOf(m.value).startsWith('crash'));
    expect(crashMessages.map((m) => requestIdOf(m.value)).sort()).toEqual(['crash-1', 'crash-1', 'crash-2', 'crash-2']);
    const copiesPerEvent = new Map<string, number>();
    for (const m of crashMessages) copiesPerEvent.set(m.headers['event-id'], (copiesPerEvent.get(m.headers['event-id']) ?? 0) + 1);
    expect([...copiesPerEvent.values()]).toEqual([2, 2]);
  });

  it('holds back events behind an open transaction and then delivers all of them exactly once (gap test)', async () => {
    const topic = uniqueTopic('relay-gap');
    await ensureTopics(kafka, [topic]);
    const relay = new OutboxRelay(db.pool, store, requestCodec, publisher, 2, topic);
    while (await relay.publishBatch());
    const slow = await db.pool.connect();
    try {
      await slow.query('BEGIN');
      await store.append(`request-${randomUUID()}`, 0, [rejected('gap-slow')], meta('unit-gap'), slow);
      for (let i = 0; i < 4; i++) {
        await store.append(`request-${randomUUID()}`, 0, [rejected(`gap-fast-${i}`)], meta('unit-gap'));
        while (await relay.publishBatch());
      }
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    while (await relay.publishBatch());

    const messages = await readTopic(testKafka(), topic, (read) => read.filter((m) => m.key === 'unit-gap').length >= 5);
    const gapIds = messages.filter((m) => m.key === 'unit-gap').map((m) => requestIdOf(m.value));
    expect(gapIds).toEqual(['gap-slow', 'gap-fast-0', 'gap-fast-1', 'gap-fast-2', 'gap-fast-3']);
  });

  it('is woken by NOTIFY and publishes without being called', async () => {
    const topic = uniqueTopic('relay-notify');
    await ensureTopics(kafka, [topic]);
    const relay = new OutboxRelay(db.pool, store, requestCodec, publisher, 500, topic);
    while (await relay.publishBatch());
    const loop = new TailLoop(db.pool, () => relay.publishBatch(), {
      pollIntervalMs: 60_000,
      onError: (error) => {
        throw error;
      },
    });
    await loop.start();
    try {
      await loop.wake();
      await store.append(`request-${randomUUID()}`, 0, [rejected('woken')], meta('unit-notify'));
      const messages = await readTopic(testKafka(), topic, (read) => read.some((m) => m.key === 'unit-notify'), 10_000);
      expect(messages.filter((m) => m.key === 'unit-notify').map((m) => requestIdOf(m.value))).toEqual(['woken']);
    } finally {
      await loop.stop();
    }
  });
});
