/**
 * Replays a dead-letter topic to its original topic, once the cause is fixed:
 *   npm run dlq:replay -- --topic request.events.v1.dlq [--service evaluation] [--from-offset N | P:N,P:N…] [--dry-run]
 * The broker settings are the services' own: KAFKA_BROKERS (127.0.0.1:9092 when unset), KAFKA_SSL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, and DLQ_ENCRYPTION_KEY to open the
 * sealed values (the development key when unset, except with NODE_ENV=production). Prints one line per dead letter it
 * replays (or would), and where a later run can start.
 */
import { parseArgs } from 'node:util';
import { DeadLetterCipher, DEVELOPMENT_DLQ_ENCRYPTION_KEY } from './dead-letter-cipher';
import { type DeadLetter, replayDeadLetters } from './dead-letter-replay';
import { createKafka, type KafkaSettings } from './kafka-client';

const USAGE = 'usage: npm run dlq:replay -- --topic <topic>.dlq [--service <service>] [--from-offset <offset> | <partition>:<offset>,…] [--dry-run]';
const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

function kafkaSettings(env: NodeJS.ProcessEnv): KafkaSettings {
  const mechanism = env.KAFKA_SASL_MECHANISM || undefined;
  if (mechanism !== undefined && !SASL_MECHANISMS.includes(mechanism as (typeof SASL_MECHANISMS)[number])) {
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}`);
  }
  return {
    brokers: (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((broker) => broker.trim()),
    clientId: 'pantau-dlq-replay',
    ssl: env.KAFKA_SSL === 'true',
    sasl: mechanism
      ? { mechanism: mechanism as (typeof SASL_MECHANISMS)[number], username: env.KAFKA_SASL_USERNAME ?? '', password: env.KAFKA_SASL_PASSWORD ?? '' }
      : undefined,
    log: (level, message) => {
      if (level === 'error') console.error(`kafka: ${message}`);
    },
  };
}

function deadLetterCipher(env: NodeJS.ProcessEnv): DeadLetterCipher {
  const key = env.DLQ_ENCRYPTION_KEY || undefined;
  if (env.NODE_ENV === 'production' && (key === undefined || key === DEVELOPMENT_DLQ_ENCRYPTION_KEY)) {
    throw new Error("DLQ_ENCRYPTION_KEY (the services' own, not the development key) is required when NODE_ENV=production");
  }
  return new DeadLetterCipher(key ?? DEVELOPMENT_DLQ_ENCRYPTION_KEY);
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

const describe = (letter: DeadLetter): string =>
  `${letter.partition}@${letter.offset} → ${letter.sourceTopic}${letter.sourcePartition === undefined ? '' : `[${letter.sourcePartition}]`}` +
  ` event ${letter.eventId ?? '?'} (${letter.consumer ?? 'unknown consumer'}: ${letter.error ?? 'no reason recorded'})`;

function parseFromOffset(value: string): bigint | Map<number, bigint> {
  if (!value.includes(':')) return BigInt(value);
  return new Map(
    value.split(',').map((pair) => {
      const [partition, offset] = pair.split(':');
      return [Number(partition), BigInt(offset)];
    }),
  );
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      topic: { type: 'string' },
      service: { type: 'string' },
      'from-offset': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const topic = values.topic;
  if (!topic?.endsWith('.dlq')) throw new Error(`--topic must name a dead-letter topic (<topic>.dlq)\n${USAGE}`);
  const fromOffset = values['from-offset'];
  if (fromOffset !== undefined && !/^(\d+|\d+:\d+(,\d+:\d+)*)$/.test(fromOffset)) {
    throw new Error(`--from-offset must be an offset for every partition, or <partition>:<offset> pairs separated by commas\n${USAGE}`);
  }

  const report = await replayDeadLetters(createKafka(kafkaSettings(process.env)), {
    topic,
    service: values.service,
    fromOffset: fromOffset === undefined ? undefined : parseFromOffset(fromOffset),
    dryRun: values['dry-run'],
    cipher: deadLetterCipher(process.env),
  });
  const verb = report.dryRun ? 'would replay' : 'replayed';
  for (const letter of report.replayed) say(`${verb} ${topic} ${describe(letter)}`);
  for (const letter of report.skipped) say(`skipped ${topic} ${describe(letter)}: not a consumer of ${values.service}`);
  say(`${verb} ${report.replayed.length}, skipped ${report.skipped.length} of ${topic}`);
  say(`to replay only what arrives later: --from-offset ${report.nextOffsets.map(({ partition, offset }) => `${partition}:${offset}`).join(',')}`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
