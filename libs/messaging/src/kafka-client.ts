import { type ISocketFactory, Kafka, type KafkaConfig, type logCreator, logLevel, type SASLOptions } from 'kafkajs';

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
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, configEntries })) });
    }
  } finally {
    await admin.disconnect();
  }
}

function toLogCreator(log: NonNullable<KafkaSettings['log']>): logCreator {
  return () =>
    ({ level, namespace, log: { message, ...fields } }) =>
      log(LEVEL_NAMES[level], message, { ...fields, logger: 'kafkajs', namespace });
}
