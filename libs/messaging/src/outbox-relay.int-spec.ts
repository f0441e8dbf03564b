import { randomUUID } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import {
  type CommandMeta,
  EventStore,
  eventStoreMigrations,
  MessagePublisher,
  type OutgoingMessage,
  OutboxRelay,
  Projector,
  type StoredEvent,
  TailLoop,
  type RelayQuarantinedEvent,
} from '@lib/event-sourcing';
import {
  createTestDatabase,
  eventually,
  type ReadMessage,
  readTopic,
  TcpProxy,
  type TestDatabase,
  testKafka,
  testKafkaBrokers,
  uniqueTopic,
} from '@lib/testing';
import type { Pool, PoolClient } from 'pg';
import { createKafka, ensureTopics } from './kafka-client';
import { KafkaPublisher } from './kafka-publisher';

// The read gate (`transaction_id < pg_snapshot_xmin(…)`) sees the transactions of every database on
// the server, and other suites run beside this one: an append that just committed can stay hidden
// for a moment, until an older transaction elsewhere ends. So these tests never expect one call of
// publishBatch() to see it; they drive the relay until what they wait for happens, as a service's
// TailLoop does.

const meta = (unitId: string): CommandMeta => ({
  correlationId: randomUUID(),
  tenantId: 'kota-banjarmasin',
  unitId,
  actor: { id: 'user-1', role: 'skpd-operator' },
});

const rejected = (requestId: string, reason = 'incomplete'): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason, rejectedAt: '2026-11-23T01:00:00.000Z' },
});

const requestIdOf = (value: Buffer): string => (requestCodec.decode(value).value as { requestId: string }).requestId;

/** Publishes, then fails as a process killed before the checkpoint commit would, once it published `crashOn`. */
class CrashAfterPublish extends MessagePublisher {
  constructor(
    private readonly inner: MessagePublisher,
    private readonly crashOn: string,
  ) {
    super();
  }
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.inner.publish(topic, messages);
    if (messages.some((message) => requestIdOf(message.value) === this.crashOn)) throw new Error('simulated crash between publish and checkpoint');
  }
}

/** Kafka as it is, plus what a test needs to see and to hold: the batches handed over, and a slow broker on demand. */
class WatchedPublisher extends MessagePublisher {
  readonly batches: string[][] = [];
  private hold?: Promise<void>;
  private releaseHold?: () => void;
  private handedOver?: () => void;

  constructor(private readonly inner: MessagePublisher) {
    super();
  }

  /** Publishes started from now on wait until `release()`, as with a slow broker. */
  holdBack(): void {
    this.hold = new Promise((resolve) => (this.releaseHold = resolve));
  }

  release(): void {
    this.releaseHold?.();
    this.hold = undefined;
  }

  /** Resolves when the next batch is handed over. */
  nextBatch(): Promise<void> {
    return new Promise((resolve) => (this.handedOver = resolve));
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.batches.push(messages.map((message) => requestIdOf(message.value)));
    this.handedOver?.();
    await this.hold;
    await this.inner.publish(topic, messages);
  }
}

/** One call of publishBatch(), still running or not. */
interface Publishing {
  done: Promise<boolean>;
  settled: boolean;
}

/**
 * Calls publishBatch() until it hands a batch containing `requestId` to `watched`, and answers that
 * call, which may still be waiting for Kafka. Never two calls at once, as with a TailLoop.
 */
async function publishingOf(relay: OutboxRelay<RequestEvent>, watched: WatchedPublisher, requestId: string): Promise<Publishing> {
  return eventually(
    async () => {
      const handedOver = watched.nextBatch().then(() => true);
      const call: Publishing = { done: relay.publishBatch(), settled: false };
      const settle = () => (call.settled = true);
      call.done.then(settle, settle);
      const handed = await Promise.race([handedOver, call.done.then(() => false)]);
      if (!handed || !watched.batches[watched.batches.length - 1].includes(requestId)) {
        await call.done;
        throw new Error(`no batch with ${requestId} handed over yet`);
      }
      return call;
    },
    { timeoutMs: 20_000 },
  );
}

/** Reads the topic until `until` holds, while a TailLoop drives the relay as in a service (errors included in the failure). */
async function readRelayed(pool: Pool, relay: OutboxRelay<RequestEvent>, topic: string, until: (read: ReadMessage[]) => boolean): Promise<ReadMessage[]> {
  const errors: string[] = [];
  const loop = new TailLoop(pool, () => relay.publishBatch(), { pollIntervalMs: 100, onError: (error) => errors.push(String(error)) });
  await loop.start();
  try {
    return await readTopic(testKafka(), topic, until).catch((error: unknown) => {
      throw new Error(`not on the topic; the relay failed with: ${[...new Set(errors)].join(' | ') || 'nothing'}`, { cause: error });
    });
  } finally {
    await loop.stop();
  }
}

/** The request ids of the rejections it saw, in a table of its own. */
const rejectionIds = (table: string) => ({
  name: table,
  tables: [table],
  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event } of events) {
      if (event.$case === 'requestRejected') await tx.query(`INSERT INTO ${table} (request_id) VALUES ($1) ON CONFLICT DO NOTHING`, [event.value.requestId]);
    }
  },
});

describe('OutboxRelay to a real Kafka broker', () => {
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'relay-spec' });
  const publisher = new KafkaPublisher(kafka);
  const relays: OutboxRelay<RequestEvent>[] = [];
  const relayTo = (topic: string, through: MessagePublisher = publisher, batchSize = 500): OutboxRelay<RequestEvent> => {
    const relay = new OutboxRelay(db.pool, store, requestCodec, through, { topic, batchSize });
    relays.push(relay);
    return relay;
  };
  const ofStreams =
    (...streams: string[]) =>
    (read: ReadMessage[]) =>
      read.filter((m) => streams.includes(m.key));

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new EventStore(db.pool, requestCodec);
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await publisher.disconnect();
    await db.drop();
  });

  it('publishes every event once, keyed by stream, with the envelope in headers, in stream order', async () => {
    const topic = uniqueTopic('relay-order');
    await ensureTopics(kafka, [topic]);
    const relay = relayTo(topic);
    const stream = `request-${randomUUID()}`;
    const other = `request-${randomUUID()}`;
    await store.append(stream, 0, [rejected('a'), rejected('b')], meta('disdukcapil'));
    await store.append(other, 0, [rejected('c')], meta('dinsos'));

    const ours = ofStreams(stream, other);
    const messages = ours(await readRelayed(db.pool, relay, topic, (read) => ours(read).length >= 3));
    expect(messages).toHaveLength(3);
    const ofStream = messages.filter((m) => m.key === stream);
    expect(ofStream.map((m) => requestIdOf(m.value))).toEqual(['a', 'b']);
    expect(ofStream[0].headers).toMatchObject({ 'event-type': 'RequestRejected', 'stream-id': stream, 'stream-version': '1', 'unit-id': 'disdukcapil' });
    expect(messages.find((m) => m.key === other)?.headers['tenant-id']).toBe('kota-banjarmasin');
  });

  it("keeps a stream's events in order on one partition although they carry different units", async () => {
    const topic = uniqueTopic('relay-stream-order');
    await ensureTopics(kafka, [topic]);
    const relay = relayTo(topic);
    // Like a cycle stream: opened without a unit, then events for one unit after another.
    const stream = `cycle-${randomUUID()}`;
    const units = ['', 'disdukcapil', 'dinkes', 'dinsos', 'kecamatan-utara', 'kecamatan-selatan', 'bapenda', ''];
    for (const [version, unit] of units.entries()) await store.append(stream, version, [rejected(`cycle-${version}`)], meta(unit));

    const ofStream = (read: ReadMessage[]) => read.filter((m) => m.headers['stream-id'] === stream);
    const messages = ofStream(await readRelayed(db.pool, relay, topic, (read) => ofStream(read).length >= units.length));
    expect(messages.map((m) => m.headers['unit-id'])).toEqual(units);
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
    expect(messages.map((m) => requestIdOf(m.value))).toEqual(units.map((_, version) => `cycle-${version}`));
    expect(new Set(messages.map((m) => m.key))).toEqual(new Set([stream]));
  });

  it('republishes, never loses, a batch when it crashes between publish and checkpoint', async () => {
    const topic = uniqueTopic('relay-crash');
    await ensureTopics(kafka, [topic]);
    await store.append(`request-${randomUUID()}`, 0, [rejected('crash-1'), rejected('crash-2')], meta('disdukcapil'));
    const crashing = relayTo(topic, new CrashAfterPublish(publisher, 'crash-2'));
    await eventually(() => expect(crashing.publishBatch()).rejects.toThrow('simulated crash'));
    await crashing.stop(); // the process is gone, and its session with it

    const restarted = relayTo(topic);
    const isCrash = (read: ReadMessage[]) => read.filter((m) => requestIdOf(m.value).startsWith('crash'));
    const crashMessages = isCrash(await readRelayed(db.pool, restarted, topic, (read) => isCrash(read).length >= 4));
    expect(crashMessages.map((m) => requestIdOf(m.value)).sort()).toEqual(['crash-1', 'crash-1', 'crash-2', 'crash-2']);
    const copiesPerEvent = new Map<string, number>();
    for (const m of crashMessages) copiesPerEvent.set(m.headers['event-id'], (copiesPerEvent.get(m.headers['event-id']) ?? 0) + 1);
    expect([...copiesPerEvent.values()]).toEqual([2, 2]);
  });

  it('lets one replica publish at a time, and another take over once the first is gone', async () => {
    const topic = uniqueTopic('relay-replicas');
    await ensureTopics(kafka, [topic]);
    const first = new WatchedPublisher(publisher);
    const second = new WatchedPublisher(publisher);
    const leader = relayTo(topic, first);
    const standby = relayTo(topic, second);
    const stream = `request-${randomUUID()}`;
    await store.append(stream, 0, [rejected('replica-1')], meta('disdukcapil'));
    await (
      await publishingOf(leader, first, 'replica-1')
    ).done;

    // The leader waits on a slow broker with a batch; the other replica must not publish that batch too.
    first.holdBack();
    await store.append(stream, 1, [rejected('replica-2')], meta('disdukcapil'));
    const slow = await publishingOf(leader, first, 'replica-2');
    expect(await standby.publishBatch()).toBe(false);
    first.release();
    await slow.done;

    // The leader's process dies: its session ends, and the other replica goes on from its checkpoint.
    await store.append(stream, 2, [rejected('replica-3')], meta('disdukcapil'));
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND objid = hashtext($1)::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [leader.name],
    );
    await eventually(
      async () => {
        await standby.publishBatch();
        expect(second.batches.flat()).toContain('replica-3');
      },
      { timeoutMs: 20_000 },
    );
    expect(second.batches).toEqual([['replica-3']]);
    expect(await leader.publishBatch()).toBe(false);

    const ours = ofStreams(stream);
    const messages = ours(await readTopic(testKafka(), topic, (read) => ours(read).length >= 3));
    expect(messages.map((m) => requestIdOf(m.value))).toEqual(['replica-1', 'replica-2', 'replica-3']);
  });

  it('holds no transaction open while Kafka does not answer, so the projections of the same database go on', async () => {
    const topic = uniqueTopic('relay-partitioned');
    await ensureTopics(kafka, [topic]);
    const [host, port] = testKafkaBrokers()[0].split(':');
    const proxy = await TcpProxy.start({ host, port: Number(port) });
    // While the broker is partitioned away, the connections kafkajs opens reach a listener that never
    // answers, as behind a network partition: each request waits out kafkajs's 30 s request timeout.
    const unanswered = new Set<Socket>();
    const silent = createServer((socket) => {
      unanswered.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    let partitioned = false;
    const throughProxy = createKafka({
      brokers: [`127.0.0.1:${proxy.port}`],
      clientId: 'relay-partitioned-spec',
      log: () => undefined,
      // every broker connection, whatever address the broker advertises
      socketFactory: ({ onConnect }) => connect({ host: '127.0.0.1', port: partitioned ? (silent.address() as AddressInfo).port : proxy.port }, onConnect),
    });
    const watched = new WatchedPublisher(new KafkaPublisher(throughProxy));
    const relay = relayTo(topic, watched);
    const table = `relay_partitioned_${randomUUID().replaceAll('-', '')}`;
    await db.pool.query(`CREATE TABLE ${table} (request_id text PRIMARY KEY)`);
    const projector = new Projector(db.pool, store, rejectionIds(table));
    const projected = async () => (await db.pool.query<{ request_id: string }>(`SELECT request_id FROM ${table}`)).rows.map((row) => row.request_id);
    try {
      await store.append(`request-${randomUUID()}`, 0, [rejected('partitioned-0')], meta('disdukcapil'));
      await (
        await publishingOf(relay, watched, 'partitioned-0')
      ).done;

      partitioned = true;
      proxy.cut();
      await store.append(`request-${randomUUID()}`, 0, [rejected('partitioned-1')], meta('disdukcapil'));
      const stuck = await publishingOf(relay, watched, 'partitioned-1');
      // Appended while the relay waits for Kafka: a relay holding a transaction id would hide it from
      // every reader of the log until Kafka answered or kafkajs gave up.
      await store.append(`request-${randomUUID()}`, 0, [rejected('partitioned-2')], meta('disdukcapil'));
      await eventually(
        async () => {
          await projector.catchUp();
          expect(await projected()).toContain('partitioned-2');
        },
        { timeoutMs: 15_000 },
      );
      expect(stuck.settled).toBe(false); // the relay was waiting for Kafka all along

      partitioned = false;
      proxy.heal();
      for (const socket of unanswered) socket.destroy();
      await stuck.done.catch(() => undefined);
      const ours = (read: ReadMessage[]) => read.filter((m) => requestIdOf(m.value).startsWith('partitioned-'));
      const messages = ours(await readRelayed(db.pool, relay, topic, (read) => ours(read).some((m) => requestIdOf(m.value) === 'partitioned-2')));
      expect([...new Set(messages.map((m) => requestIdOf(m.value)))].sort()).toEqual(['partitioned-0', 'partitioned-1', 'partitioned-2']);
    } finally {
      await relay.stop();
      watched.release();
      await proxy.stop();
      for (const socket of unanswered) socket.destroy();
      silent.close();
    }
  });

  it('holds back events behind an open transaction and then delivers all of them exactly once (gap test)', async () => {
    // One partition: the order across streams on it is the order the relay published in.
    const topic = uniqueTopic('relay-gap');
    await ensureTopics(kafka, [topic], 1);
    const relay = relayTo(topic, publisher, 2);
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

    const ofUnit = (read: ReadMessage[]) => read.filter((m) => m.headers['unit-id'] === 'unit-gap');
    const messages = ofUnit(await readRelayed(db.pool, relay, topic, (read) => ofUnit(read).length >= 5));
    expect(messages.map((m) => requestIdOf(m.value))).toEqual(['gap-slow', 'gap-fast-0', 'gap-fast-1', 'gap-fast-2', 'gap-fast-3']);
  });

  it('is woken by NOTIFY and publishes without being called', async () => {
    const topic = uniqueTopic('relay-notify');
    await ensureTopics(kafka, [topic]);
    const relay = relayTo(topic);
    const loop = new TailLoop(db.pool, () => relay.publishBatch(), {
      pollIntervalMs: 60_000,
      onError: (error) => {
        throw error;
      },
    });
    await loop.start();
    try {
      await loop.wake();
      // The poll is a minute away, so only a notification wakes the relay. A wake-up can come before
      // the read gate lets its append through (see above), and then nothing wakes the relay until the
      // next append notifies: the stream gets one more event every two seconds until one is published.
      const stream = `request-${randomUUID()}`;
      let version = 0;
      const append = async () => {
        await store.append(stream, version, [rejected(`woken-${version}`)], meta('unit-notify'));
        version++;
      };
      let appending = append();
      const timer = setInterval(() => (appending = appending.then(append)), 2_000);
      try {
        const messages = await readTopic(testKafka(), topic, (read) => read.some((m) => m.key === stream), 20_000);
        const woken = messages.filter((m) => m.key === stream).map((m) => requestIdOf(m.value));
        expect(woken).toEqual(Array.from({ length: woken.length }, (_, i) => `woken-${i}`));
      } finally {
        clearInterval(timer);
        await appending;
      }
    } finally {
      await loop.stop();
    }
  });

  it('splits a batch by bytes, so events larger together than a broker request are all published', async () => {
    const topic = uniqueTopic('relay-bytes');
    await ensureTopics(kafka, [topic]);
    const relay = relayTo(topic);
    const stream = `request-${randomUUID()}`;
    // Six events of 300 kB on one stream, hence one partition: 1.8 MB together, past the broker's 1 MiB message.max.bytes.
    const large = Array.from({ length: 6 }, (_, i) => rejected(`large-${i}`, `${i}`.repeat(300_000)));
    await store.append(stream, 0, large, meta('disdukcapil'));

    const ours = ofStreams(stream);
    const messages = ours(await readRelayed(db.pool, relay, topic, (read) => ours(read).length >= 6));
    expect(messages.map((m) => requestIdOf(m.value))).toEqual(large.map((_, i) => `large-${i}`));
    expect(messages.every((m) => m.value.byteLength > 300_000)).toBe(true);
  });
  it('quarantines an event it can no longer decode, with a record and an alert, and publishes the events after it', async () => {
    const topic = uniqueTopic('relay-undecodable');
    await ensureTopics(kafka, [topic]);
    const quarantined: RelayQuarantinedEvent[] = [];
    const relay = new OutboxRelay(db.pool, store, requestCodec, publisher, { topic, onQuarantine: (event) => quarantined.push(event) });
    relays.push(relay);
    // An event type since removed from the contract, stored long ago.
    const removed = randomUUID();
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ($1, 1, $2, 'RequestWithdrawn', '{"requestId": "gone"}', $3)`,
      [`request-${removed}`, removed, JSON.stringify({ tenantId: 'kota-banjarmasin', unitId: 'disdukcapil', correlationId: removed })],
    );
    const after = `request-${randomUUID()}`;
    await store.append(after, 0, [rejected('after-undecodable')], meta('disdukcapil'));

    const ours = ofStreams(after, `request-${removed}`);
    const messages = ours(await readRelayed(db.pool, relay, topic, (read) => ours(read).length >= 1));
    expect(messages.map((m) => requestIdOf(m.value))).toEqual(['after-undecodable']);
    const { rows } = await db.pool.query(`SELECT reader, event_id, event_type, error FROM quarantined_events WHERE event_id = $1`, [removed]);
    expect(rows).toEqual([
      { reader: `relay:${topic}`, event_id: removed, event_type: 'RequestWithdrawn', error: expect.stringContaining('unknown request event type') },
    ]);
    expect(quarantined).toEqual([expect.objectContaining({ reader: `relay:${topic}`, eventId: removed, eventType: 'RequestWithdrawn' })]);
  });
});
