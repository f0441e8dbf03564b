import { randomUUID } from 'node:crypto';
import { type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners } from 'kafkajs';
import { DEAD_LETTER_CIPHER, type DeadLetterCipher, DeadLetterCipherError } from './dead-letter-cipher';

/** Headers the consumer runner adds when it dead-letters a message; a replay removes them. */
const DEAD_LETTER_HEADER = /^dlq-/;

/** Reading a dead-letter topic to its end should take seconds; this long means the group never got its partitions. */
const READ_TIMEOUT_MS = 60_000;

export interface ReplayRequest {
  /** The dead-letter topic, e.g. `request.events.v1.dlq` (with the deployment's topic prefix, if any). */
  topic: string;
  /** Only the dead letters of this service's consumers (logical names `<service>.…`); every one when absent. */
  service?: string;
  /**
   * Where to start reading: one offset for every partition, or one per partition (a report's
   * `nextOffsets`); the earliest retained where absent.
   */
  fromOffset?: bigint | ReadonlyMap<number, bigint>;
  /** Report what would be replayed, and publish nothing. */
  dryRun?: boolean;
  /**
   * Opens the sealed values (the DLQ_ENCRYPTION_KEY of the service whose letters are replayed). Every
   * letter replayed is opened, in a dry run too, so a wrong key shows before anything is published.
   */
  cipher: DeadLetterCipher;
}

/** One dead-lettered message, as a replay report names it. */
export interface DeadLetter {
  partition: number;
  offset: string;
  /** Where it is (or would be) published again: its original topic and partition. */
  sourceTopic: string;
  sourcePartition?: number;
  /** The consumer that gave up on it (its logical name when the runner recorded one). */
  consumer?: string;
  eventId?: string;
  error?: string;
}

export interface ReplayReport {
  dryRun: boolean;
  /** Published again to their original topic (or, in a dry run, what would be). */
  replayed: DeadLetter[];
  /** Dead letters of other services' consumers, left alone. */
  skipped: DeadLetter[];
  /** Per partition, the offset a later run can start from (`fromOffset`) to skip what this one read. */
  nextOffsets: { partition: number; offset: string }[];
}

interface ReadLetter {
  letter: DeadLetter;
  /** As read: its value may be sealed. */
  message: Message;
  /** Its original coordinates, which authenticate a sealed value. */
  source: { topic: string; partition: number; offset?: string };
  /** How its value is sealed (`dlq-value-cipher`, `dlq-key-id`); absent when it is in clear. */
  sealed?: { cipher: string; keyId?: string };
}

/**
 * Publishes the dead letters of a dead-letter topic to their original topic and partition again, with
 * their original key, value (opened: the runner seals it) and headers (the runner's `dlq-*` headers removed). The consumers' inboxes
 * and idempotency keys make a replayed message a no-op wherever it was applied already, so a replay is
 * safe to repeat; a message that is still poison goes back to the dead-letter topic. Reads the topic up
 * to its end as of the start, with a throwaway consumer group that commits nothing.
 */
export async function replayDeadLetters(kafka: Kafka, request: ReplayRequest): Promise<ReplayReport> {
  const ranges = await readableRanges(kafka, request.topic, request.fromOffset);
  const read = await readRanges(kafka, request.topic, ranges);
  const ofService = (letter: DeadLetter) =>
    request.service === undefined ||
    (letter.consumer !== undefined && (letter.consumer === request.service || letter.consumer.startsWith(`${request.service}.`)));
  const chosen = read.filter(({ letter }) => ofService(letter)).map((letter) => ({ ...letter, message: opened(letter, request.cipher) }));
  if (!request.dryRun && chosen.length > 0) await publish(kafka, chosen);
  return {
    dryRun: request.dryRun ?? false,
    replayed: chosen.map(({ letter }) => letter),
    skipped: read.filter(({ letter }) => !ofService(letter)).map(({ letter }) => letter),
    nextOffsets: ranges.map(({ partition, start, end }) => ({ partition, offset: String(end > start ? end : start) })),
  };
}

interface Range {
  partition: number;
  /** First offset to read. */
  start: bigint;
  /** The partition's end when the replay began: offsets from here on are not read. */
  end: bigint;
}

async function readableRanges(kafka: Kafka, topic: string, fromOffset: ReplayRequest['fromOffset']): Promise<Range[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // kafkajs would retry a missing topic's metadata for a long while before saying so
    if (!(await admin.listTopics()).includes(topic)) throw new Error(`${topic} does not exist on the broker`);
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets
      .map(({ partition, low, high }) => {
        const earliest = BigInt(low);
        const requested = typeof fromOffset === 'bigint' ? fromOffset : fromOffset?.get(partition);
        return { partition, start: requested !== undefined && requested > earliest ? requested : earliest, end: BigInt(high) };
      })
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

async function readRanges(kafka: Kafka, topic: string, ranges: Range[]): Promise<ReadLetter[]> {
  const pending = new Map(ranges.filter(({ start, end }) => start < end).map((range) => [range.partition, range]));
  if (pending.size === 0) return [];
  const groupId = `dlq-replay-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const read: ReadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const finished = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`${topic} was not read to its end within ${READ_TIMEOUT_MS / 1000} s`)), READ_TIMEOUT_MS);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const range = pending.get(partition);
          const offset = BigInt(message.offset);
          if (range === undefined || offset < range.start) return;
          if (offset < range.end) read.push(toLetter(topic, partition, message));
          if (offset >= range.end - 1n) pending.delete(partition);
          if (pending.size === 0) {
            clearTimeout(timeout);
            resolve();
          }
        },
      });
    });
    for (const { partition, start } of pending.values()) consumer.seek({ topic, partition, offset: String(start) });
    await finished;
  } finally {
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
  return read.sort((a, b) => a.letter.partition - b.letter.partition || Number(BigInt(a.letter.offset) - BigInt(b.letter.offset)));
}

function toLetter(topic: string, partition: number, message: KafkaMessage): ReadLetter {
  const headers: IHeaders = {};
  const text = (name: string): string | undefined => message.headers?.[name]?.toString();
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!DEAD_LETTER_HEADER.test(name) && value !== undefined) headers[name] = value;
  }
  const sourcePartition = Number(text('dlq-source-partition'));
  const sourceTopic = text('dlq-source-topic') ?? topic.replace(/\.dlq$/, '');
  const sealedWith = text('dlq-value-cipher');
  return {
    letter: {
      partition,
      offset: message.offset,
      sourceTopic,
      sourcePartition: Number.isInteger(sourcePartition) ? sourcePartition : undefined,
      consumer: text('dlq-consumer') ?? text('dlq-consumer-group'),
      eventId: text('event-id'),
      error: text('dlq-error'),
    },
    message: { key: message.key, value: message.value, headers },
    source: { topic: sourceTopic, partition: sourcePartition, offset: text('dlq-source-offset') },
    sealed: sealedWith === undefined ? undefined : { cipher: sealedWith, keyId: text('dlq-key-id') },
  };
}

/** The letter's original message: its value sealed by the runner, or in clear when it was dead-lettered before values were sealed. */
function opened({ message, source, letter, sealed }: ReadLetter, cipher: DeadLetterCipher): Message {
  if (sealed === undefined || !message.value) return message;
  const where = `dead letter ${letter.partition}@${letter.offset}`;
  if (sealed.cipher !== DEAD_LETTER_CIPHER) throw new DeadLetterCipherError(`${where} is sealed with ${sealed.cipher}, which this replay cannot open`);
  const { keyId } = sealed;
  if (keyId !== cipher.keyId) throw new DeadLetterCipherError(`${where} is sealed with key ${keyId}, not with this DLQ_ENCRYPTION_KEY (${cipher.keyId})`);
  if (!Number.isInteger(source.partition) || source.offset === undefined) throw new DeadLetterCipherError(`${where} does not say where it came from`);
  return { ...message, value: cipher.open(Buffer.from(message.value), { topic: source.topic, partition: source.partition, offset: source.offset }) };
}

async function publish(kafka: Kafka, letters: ReadLetter[]): Promise<void> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    // One at a time, in the dead-letter topic's order: a failure leaves a replayed prefix, which a rerun repeats harmlessly.
    for (const { letter, message } of letters) {
      await producer.send({ topic: letter.sourceTopic, acks: -1, messages: [{ ...message, partition: letter.sourcePartition }] });
    }
  } finally {
    await producer.disconnect();
  }
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // An empty group the broker has not registered, or already expired: nothing is left behind either way.
  } finally {
    await admin.disconnect();
  }
}
