import { type Admin, type ISocketFactory, Kafka, type KafkaConfig, type logCreator, logLevel, type SASLOptions } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Where kafkajs's own warnings and errors go; the console when absent. */
  log?: (level: 'error' | 'warn' | 'info', message: string, fields: Record<string, unknown>) => void;
  /** How a connection to a broker is opened (through a proxy or a tunnel); a plain TCP or TLS socket when absent. */
  socketFactory?: ISocketFactory;
}

const LEVEL_NAMES = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'info',
  [logLevel.NOTHING]: 'info',
} as const;

/** kafkajs is unmaintained since 2023: every use of it goes through this library. */
export function createKafka(settings: KafkaSettings): Kafka {
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: settings.ssl,
    sasl: settings.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator: settings.log ? toLogCreator(settings.log) : undefined,
    retry: { initialRetryTime: 100, retries: 8 },
    socketFactory: settings.socketFactory,
  };
  return new Kafka(config);
}

/**
 * Creates the topics if missing, with `configs` (topic settings such as `retention.ms`); idempotent. A
 * topic that exists keeps its settings.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, configs: Record<string, string> = {}): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      const configEntries = Object.entries(configs).map(([name, value]) => ({ name, value }));
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions, configEntries })) });
    }
    await untilLeadersElected(admin, topics);
  } finally {
    await admin.disconnect();
  }
}

/** What a broker answers about a topic it has created but not yet propagated or elected leaders for. */
const TOPIC_SETTLING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
const TOPIC_SETTLE_TIMEOUT_MS = 30_000;

/**
 * Polls the topics' metadata until every partition has a leader. kafkajs's own `waitForLeaders` waits
 * out LEADER_NOT_AVAILABLE only, while a fresh broker first answers UNKNOWN_TOPIC_OR_PARTITION for a
 * topic it has just created (kafkajs issues 1222 and 815): a service booting on it then failed.
 */
async function untilLeadersElected(admin: Admin, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const deadline = Date.now() + TOPIC_SETTLE_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every(({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0))) return;
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (typeof type !== 'string' || !TOPIC_SETTLING.has(type) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after ${TOPIC_SETTLE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function toLogCreator(log: NonNullable<KafkaSettings['log']>): logCreator {
  return () =>
    ({ level, namespace, log: { message, ...fields } }) =>
      log(LEVEL_NAMES[level], message, { ...fields, logger: 'kafkajs', namespace });
}
