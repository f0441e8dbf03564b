import { randomBytes } from 'node:crypto';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { eventually } from './eventually';

export function testKafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the suite through jest (test/support/global-setup sets it)');
  return brokers.split(',');
}

export function testKafka(clientId = 'pantau-test'): Kafka {
  return new Kafka({ clientId, brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
}

/** A topic name no other spec file uses, so spec files run in parallel on one broker. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}

export interface ReadMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads a topic from the beginning with a throwaway consumer group until `until(messages)` holds,
 * then returns everything read. For asserting what really reached the broker.
 */
export async function readTopic(kafka: Kafka, topic: string, until: (messages: ReadMessage[]) => boolean, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        messages.push(toReadMessage(message, partition));
      },
    });
    await eventually(() => expect(until(messages)).toBe(true), { timeoutMs });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

function toReadMessage(message: KafkaMessage, partition: number): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = value.toString();
  }
  return { key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0), headers, partition, offset: message.offset };
}
