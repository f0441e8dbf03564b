// Bench 3: the outbox relay (events already committed → Kafka ack, until the checkpoint covers the
// last event) and the consumer side: our ConsumerRunner with a no-op handler, the runner with an
// InboxConsumer (inbox rows and one effect row per message in PostgreSQL, a transaction per batch), and
// a bare kafkajs eachBatch consumer, all reading the same topic from the beginning with fresh groups,
// interleaved.
import { randomBytes } from 'node:crypto';
import { type RequestEvent, envelopeToHeaders, requestCodec } from '@lib/contracts';
import { EventStore, eventStoreMigrations, type OutgoingMessage, OutboxRelay, START } from '@lib/event-sourcing';
import {
  ConsumerRunner,
  createKafka,
  DeadLetterCipher,
  type Delivery,
  DEVELOPMENT_DLQ_ENCRYPTION_KEY,
  ensureTopics,
  type EventConsumer,
  type InboxConsumer,
  KafkaPublisher,
} from '@lib/messaging';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import type { Kafka } from 'kafkajs';
import type { PoolClient } from 'pg';
import { generateEvents, KAFKA_BROKERS, log, median, now, parseArgs, round, writePartial } from './support/common';

const RELAY_BATCH = 500; // OutboxRelay's default
const PARTITIONS = 3; // ensureTopics' default

type Kind = 'bare' | 'runner-noop' | 'runner-inbox' | 'runner-inbox-set';

interface Consumed {
  messages: number;
  /** From the first handled message to the last: steady state, without the group join. */
  eventsPerSec: number;
  secondsIncludingJoin: number;
  /** Inbox contestants: PostgreSQL transactions that applied messages, and messages per transaction. */
  transactions?: number;
  messagesPerTransaction?: number;
}

async function highWatermarkTotal(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

async function checkpointCoversAll(db: TestDatabase, name: string): Promise<boolean> {
  const { rows } = await db.pool.query<{ covers: boolean }>(
    `SELECT (c.transaction_id, c.global_position) >= (e.transaction_id, e.global_position) AS covers
     FROM checkpoints c, (SELECT transaction_id, global_position FROM events ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1) e
     WHERE c.name = $1`,
    [name],
  );
  return rows[0]?.covers ?? false;
}

async function main(): Promise<void> {
  const args = parseArgs();
  const events = args.relayEvents;
  const rounds = args.quick ? 1 : 3;
  const runId = randomBytes(4).toString('hex');
  const kafka = createKafka({ brokers: KAFKA_BROKERS, clientId: 'pantau-bench' });
  const db = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  const publisher = new KafkaPublisher(kafka);
  const bareProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: false });
  const topicsMade: string[] = [];
  const newTopic = async (label: string): Promise<string> => {
    const topic = `bench.${label}.${runId}.${topicsMade.length}`;
    await ensureTopics(kafka, [topic], PARTITIONS);
    topicsMade.push(topic);
    return topic;
  };
  try {
    await db.pool.query(`CREATE TABLE bench_effects (consumer text NOT NULL, event_id uuid NOT NULL, PRIMARY KEY (consumer, event_id))`);
    log(`relay: ${events} events committed before the relay starts`);
    await generateEvents(db.pool, 0, events);
    await db.pool.query('VACUUM (ANALYZE) events');
    const store = new EventStore<RequestEvent>(db.pool, requestCodec);

    // The bare producer's messages: the same rows, keys, headers and bytes the relay sends, built before timing.
    const bareMessages: OutgoingMessage[][] = [];
    for (let checkpoint = START; ;) {
      const batch = await store.readAll(checkpoint, RELAY_BATCH);
      if (batch.length === 0) break;
      bareMessages.push(
        batch.map(({ event, envelope }) => ({
          key: envelope.streamId,
          value: Buffer.from(requestCodec.encode(event)),
          headers: envelopeToHeaders(envelope),
        })),
      );
      checkpoint = { transactionId: batch[batch.length - 1].transactionId, globalPosition: batch[batch.length - 1].globalPosition };
    }
    await bareProducer.connect();

    const relayRun = async () => {
      const topic = await newTopic('relay');
      const relay = new OutboxRelay(db.pool, store, requestCodec, publisher, { topic, batchSize: RELAY_BATCH });
      const t0 = now();
      while (await relay.publishBatch());
      const seconds = (now() - t0) / 1000;
      await relay.stop();
      return { topic, seconds, published: await highWatermarkTotal(kafka, topic), checkpointCoversAll: await checkpointCoversAll(db, relay.name) };
    };
    const bareRun = async () => {
      const topic = await newTopic('bare-producer');
      const t0 = now();
      for (const messages of bareMessages) await bareProducer.send({ topic, acks: -1, messages });
      return { topic, seconds: (now() - t0) / 1000, published: await highWatermarkTotal(kafka, topic), checkpointCoversAll: true };
    };

    log('relay: warm-up');
    const warmUp = await relayRun(); // N messages: the topic every consumer reads
    if (warmUp.published !== events) throw new Error(`the warm-up relay published ${warmUp.published} of ${events} events`);
    const consumerTopic = warmUp.topic;
    if (!args.consumersOnly) await bareRun();
    const relaySamples: Record<string, { seconds: number; published: number; checkpointCoversAll: boolean }[]> = { relay: [], bare: [] };
    const relaySteps: [string, () => Promise<{ seconds: number; published: number; checkpointCoversAll: boolean }>][] = [
      ['relay', relayRun],
      ['bare', bareRun],
    ];
    for (let r = 0; r < (args.consumersOnly ? 0 : rounds); r++) {
      for (let i = 0; i < relaySteps.length; i++) {
        const [name, step] = relaySteps[(i + r) % relaySteps.length];
        const { seconds, published, checkpointCoversAll } = await step();
        relaySamples[name].push({ seconds: round(seconds, 3), published, checkpointCoversAll });
        log(`relay round ${r + 1} ${name}: ${round(events / seconds)} ev/s (${published}/${events} published)`);
      }
    }

    const consume = async (kind: Kind): Promise<Consumed> => {
      const target = events;
      const groupId = `bench-${kind}-${randomBytes(4).toString('hex')}`;
      let count = 0;
      let transactions = 0;
      let first = 0;
      let last = 0;
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const tick = () => {
        count++;
        if (count === 1) first = now();
        if (count === target) {
          last = now();
          done();
        }
      };
      const t0 = now();
      let stop: () => Promise<void>;
      if (kind === 'bare') {
        const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
        await consumer.connect();
        await consumer.subscribe({ topic: consumerTopic, fromBeginning: true });
        await consumer.run({
          eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
            for (const message of batch.messages) {
              if (message.value) requestCodec.decode(message.value);
              tick();
              resolveOffset(message.offset);
            }
            await heartbeat();
          },
        });
        stop = () => consumer.disconnect();
      } else {
        const noop: EventConsumer<RequestEvent> = { groupId, topic: consumerTopic, handle: async () => tick() };
        // Ticks as the effect is written; its batch commits right after (one commit per up to 500 messages).
        const inbox: InboxConsumer<RequestEvent> = {
          groupId,
          topic: consumerTopic,
          pool: db.pool,
          apply: async (delivery: Delivery<RequestEvent>, tx: PoolClient) => {
            await tx.query({
              name: 'bench-effect',
              text: 'INSERT INTO bench_effects (consumer, event_id) VALUES ($1, $2)',
              values: [groupId, delivery.envelope.eventId],
            });
            tick();
          },
          afterApply: async () => {
            transactions++;
          },
        };
        // The same effect rows written set-based: one statement per transaction, whatever its size, so
        // what is left is the core's own cost (decode, BEGIN, inbox, COMMIT, offsets).
        const inboxSet: InboxConsumer<RequestEvent> = {
          groupId,
          topic: consumerTopic,
          pool: db.pool,
          apply: async () => undefined,
          afterApply: async (applied, tx) => {
            await tx.query({
              name: 'bench-effect-set',
              text: 'INSERT INTO bench_effects (consumer, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id',
              values: [groupId, applied.map((delivery) => delivery.envelope.eventId)],
            });
            transactions++;
            for (let k = 0; k < applied.length; k++) tick();
          },
        };
        const handler = kind === 'runner-inbox' ? inbox : kind === 'runner-inbox-set' ? inboxSet : noop;
        const runner = new ConsumerRunner<RequestEvent>(kafka, handler, requestCodec, {
          deadLetterCipher: new DeadLetterCipher(DEVELOPMENT_DLQ_ENCRYPTION_KEY),
        });
        await runner.start();
        stop = () => runner.stop();
      }
      await finished;
      await stop();
      const rate = { messages: target, eventsPerSec: round((target - 1) / ((last - first) / 1000), 0), secondsIncludingJoin: round((last - t0) / 1000, 2) };
      return transactions > 0 ? { ...rate, transactions, messagesPerTransaction: round(target / transactions, 1) } : rate;
    };

    const kinds: readonly Kind[] = ['bare', 'runner-noop', 'runner-inbox', 'runner-inbox-set'];
    log('consumers: warm-up');
    await consume('bare');
    const consumerSamples: Record<Kind, Consumed[]> = { bare: [], 'runner-noop': [], 'runner-inbox': [], 'runner-inbox-set': [] };
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[(i + r) % kinds.length];
        const result = await consume(kind);
        consumerSamples[kind].push(result);
        log(`consumer round ${r + 1} ${kind}: ${result.eventsPerSec} ev/s over ${result.messages}`);
      }
    }

    const relayRate = (name: string) => round(median(relaySamples[name].map((s) => events / s.seconds)), 0);
    const consumerRate = (kind: Kind) => round(median(consumerSamples[kind].map((s) => s.eventsPerSec)), 0);
    const relayComplete = relaySamples.relay.length > 0 && relaySamples.relay.every((s) => s.published === events && s.checkpointCoversAll);
    writePartial('relay', {
      description:
        `Relay: ${events} RequestRejected events committed before the relay starts; OutboxRelay (batch ${RELAY_BATCH}) with KafkaPublisher ` +
        `(idempotent, acks=all) to a fresh ${PARTITIONS}-partition topic per run, timed until publishBatch() reports nothing more; then the ` +
        "checkpoint is checked against the last event and the topic's high watermarks are summed (complete = every event published and " +
        'covered by the checkpoint; otherwise no rate). `bareProducer` sends the same pre-built messages in the same batches with a bare ' +
        'idempotent kafkajs producer (the Kafka ceiling). ' +
        "Consumers read the warm-up relay's topic from the beginning with a fresh group each: bare kafkajs eachBatch (decodes each value, " +
        'autoCommit), ConsumerRunner with a no-op EventConsumer (the envelope is decoded only when read, and a no-op handler reads ' +
        'none), and ConsumerRunner with an InboxConsumer writing one effect row per message (inbox rows for a batch of up to 500 ' +
        'messages in one statement, the effects and the inbox in one PostgreSQL transaction per batch). Consumer rates run from the ' +
        'first handled message to the last (group join excluded; secondsIncludingJoin includes it). Medians over rounds; the ' +
        'ratios per round compare contestants measured back to back.',
      events,
      rounds,
      targets: { runnerNoopVsBare: '>= 0.8', relay: 'none: report oursVsBareProducer' },
      relay: {
        ours: { eventsPerSec: relayComplete ? relayRate('relay') : null, complete: relayComplete, runs: relaySamples.relay },
        bareProducer: { eventsPerSec: relayRate('bare'), runs: relaySamples.bare },
        ratios: {
          oursVsBareProducer: relayComplete ? round(relayRate('relay') / relayRate('bare'), 2) : null,
        },
        ratiosPerRound: { oursVsBareProducer: relaySamples.relay.map((s, r) => round(relaySamples.bare[r].seconds / s.seconds, 2)) },
      },
      consumers: {
        bare: { eventsPerSec: consumerRate('bare'), runs: consumerSamples.bare },
        runnerNoop: { eventsPerSec: consumerRate('runner-noop'), runs: consumerSamples['runner-noop'] },
        runnerInbox: { eventsPerSec: consumerRate('runner-inbox'), runs: consumerSamples['runner-inbox'] },
        runnerInboxSetBased: { eventsPerSec: consumerRate('runner-inbox-set'), runs: consumerSamples['runner-inbox-set'] },
        ratios: {
          runnerNoopVsBare: round(consumerRate('runner-noop') / consumerRate('bare'), 2),
          runnerInboxVsBare: round(consumerRate('runner-inbox') / consumerRate('bare'), 2),
          runnerInboxVsRunnerNoop: round(consumerRate('runner-inbox') / consumerRate('runner-noop'), 2),
          runnerInboxSetBasedVsRunnerNoop: round(consumerRate('runner-inbox-set') / consumerRate('runner-noop'), 2),
        },
        ratiosPerRound: {
          runnerNoopVsBare: consumerSamples['runner-noop'].map((s, r) => round(s.eventsPerSec / consumerSamples.bare[r].eventsPerSec, 2)),
          runnerInboxVsBare: consumerSamples['runner-inbox'].map((s, r) => round(s.eventsPerSec / consumerSamples.bare[r].eventsPerSec, 2)),
        },
        met: { runnerNoopVsBare: round(consumerRate('runner-noop') / consumerRate('bare'), 2) >= 0.8 },
      },
    });
  } finally {
    await publisher.disconnect().catch(() => undefined);
    await bareProducer.disconnect().catch(() => undefined);
    if (topicsMade.length > 0) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: topicsMade }).catch((error: unknown) => log(`could not delete topics: ${String(error)}`));
      await admin.disconnect();
    }
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
