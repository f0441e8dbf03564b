import { randomUUID } from 'node:crypto';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { type CommandMeta, EventStore, eventStoreMigrations, OutboxRelay, TailLoop } from '@lib/event-sourcing';
import { createTestDatabase, eventually, LoopbackKafkaCluster, readTopic, type TestDatabase, uniqueTopic } from '@lib/testing';
import { createKafka } from './kafka-client';
import { KafkaPublisher } from './kafka-publisher';

const meta: CommandMeta = { correlationId: randomUUID(), tenantId: 'kota-banjarmasin', unitId: 'disdukcapil', actor: { id: 'user-1', role: 'skpd-operator' } };

const rejected = (requestId: string): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason: 'incomplete', rejectedAt: '2026-11-23T01:00:00.000Z' },
});

const requestIdOf = (value: Buffer): string => (requestCodec.decode(value).value as { requestId: string }).requestId;

// Kills and restarts a broker of the loopback cluster (started here if it is not running, ~25 s, and
// stopped again): about a minute, most of it kafkajs's own retry window (8 retries, ~25 s) and the
// broker's restart. No other suite may use the cluster meanwhile.
describe('OutboxRelay when the brokers fail acks=all mid-batch (3-broker loopback cluster)', () => {
  let cluster: LoopbackKafkaCluster;
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;
  const kafka = createKafka({ brokers: LoopbackKafkaCluster.brokers, clientId: 'relay-cluster-spec', log: () => undefined });
  const publisher = new KafkaPublisher(kafka);

  beforeAll(async () => {
    cluster = await LoopbackKafkaCluster.start();
    db = await createTestDatabase(eventStoreMigrations);
    store = new EventStore(db.pool, requestCodec);
  }, 240_000);
  afterAll(async () => {
    await publisher.disconnect();
    await db?.drop();
    await cluster?.release();
  }, 240_000);

  it('resumes after the broker appended a batch it then could not acknowledge, and every event reaches the topic', async () => {
    // One partition led by node 1 and replicated to 2 and 3, which takes a write only while all three
    // are in sync: one node down is enough to fail acks=all. (Two nodes down would also take the KRaft
    // quorum with them, and then nothing would ever shrink the in-sync set: produce would only time out.)
    const topic = uniqueTopic('relay-isr');
    const admin = cluster.kafka('relay-cluster-admin').admin();
    await admin.connect();
    try {
      // kafkajs's own wait for leaders gives up on the first metadata answer that does not know the topic yet
      await admin.createTopics({
        waitForLeaders: false,
        topics: [{ topic, replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }], configEntries: [{ name: 'min.insync.replicas', value: '3' }] }],
      });
      await eventually(async () => {
        const [partition] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions;
        expect({ leader: partition.leader, isr: [...partition.isr].sort() }).toEqual({ leader: 1, isr: [1, 2, 3] });
      });
    } finally {
      await admin.disconnect();
    }
    const relay = new OutboxRelay(db.pool, store, requestCodec, publisher, { topic });
    const stream = `request-${randomUUID()}`;
    // A relay call can come too early to see an append (the read gate waits for every older transaction
    // of the server, other suites' too): call it until the checkpoint is past the event.
    const relayed = async (version: number) =>
      (
        await db.pool.query<{ relayed: boolean }>(
          `SELECT (c.transaction_id, c.global_position) >= (e.transaction_id, e.global_position) AS relayed
           FROM checkpoints c, events e WHERE c.name = $1 AND e.stream_id = $2 AND e.stream_version = $3`,
          [relay.name, stream, version],
        )
      ).rows[0]?.relayed === true;
    await store.append(stream, 0, [rejected('isr-0')], meta);
    await eventually(async () => {
      await relay.publishBatch();
      expect(await relayed(1)).toBe(true);
    });

    // Node 1 appends the batch while node 3 still counts as in sync (until its session times out, 6 s),
    // then answers NOT_ENOUGH_REPLICAS_AFTER_APPEND, then NOT_ENOUGH_REPLICAS to every retry.
    await cluster.killNode(3);
    await store.append(stream, 1, [rejected('isr-1'), rejected('isr-2')], meta);
    await eventually(() => expect(relay.publishBatch()).rejects.toThrow(), { timeoutMs: 120_000 });
    // Appends go on during the incident, so the relay's next batch is larger than the one the broker holds.
    await store.append(stream, 3, [rejected('isr-3')], meta);
    await cluster.startNode(3);

    const errors: string[] = [];
    const loop = new TailLoop(db.pool, () => relay.publishBatch(), { pollIntervalMs: 250, onError: (error) => errors.push(String(error)) });
    await loop.start();
    try {
      const messages = await readTopic(
        cluster.kafka('relay-cluster-reader'),
        topic,
        (read) => read.some((message) => requestIdOf(message.value) === 'isr-3'),
        90_000,
      ).catch((error: unknown) => {
        throw new Error(`not every event reached the topic; the relay failed with: ${[...new Set(errors)].join(' | ')}`, { cause: error });
      });
      const ids = messages.map((message) => requestIdOf(message.value));
      expect([...new Set(ids)]).toEqual(['isr-0', 'isr-1', 'isr-2', 'isr-3']);
      // The batch whose acknowledgement failed is there twice: node 1 kept it, and the relay published it again.
      expect(ids.filter((id) => id === 'isr-1')).toHaveLength(2);
      expect(messages.every((message) => message.key === stream)).toBe(true);
    } finally {
      await loop.stop();
      await relay.stop();
    }
  }, 300_000);
});
