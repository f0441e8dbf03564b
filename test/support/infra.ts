import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = join(__dirname, '..', '..');

export interface Infra {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Undoes what this run started (containers, a local broker); no-op for infrastructure found running. */
  release(): Promise<void>;
}

const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_KAFKA = '127.0.0.1:9092';

/**
 * Picks the infrastructure for integration and e2e suites, in this order: DATABASE_URL and
 * KAFKA_BROKERS when both are set; Testcontainers when a Docker engine answers; otherwise the
 * PostgreSQL server on 127.0.0.1:5432 and Apache Kafka started by deploy/local/kafka.sh.
 * Never an in-memory stand-in.
 */
export async function resolveInfra(): Promise<Infra> {
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS) {
    return { databaseUrl: process.env.DATABASE_URL, kafkaBrokers: process.env.KAFKA_BROKERS, release: async () => undefined };
  }
  if (await dockerEngineAnswers()) return startContainers();
  return useLocalInfrastructure();
}

async function dockerEngineAnswers(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<Infra> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').withDatabase('postgres').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start(),
  ]);
  return {
    databaseUrl: postgres.getConnectionUri(),
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    async release() {
      await Promise.all([postgres.stop(), kafka.stop()]);
    },
  };
}

async function useLocalInfrastructure(): Promise<Infra> {
  const databaseUrl = process.env.DATABASE_URL ?? LOCAL_DATABASE_URL;
  const kafkaBrokers = process.env.KAFKA_BROKERS ?? LOCAL_KAFKA;
  if (!(await portAnswers('127.0.0.1', 5432)) && !process.env.DATABASE_URL) {
    throw new Error(
      'PostgreSQL is not answering on 127.0.0.1:5432. Start it (on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.',
    );
  }
  let startedKafka = false;
  if (!process.env.KAFKA_BROKERS && !(await portAnswers('127.0.0.1', 9092))) {
    await run('bash', [join(repoRoot, 'deploy/local/kafka.sh'), 'start'], { cwd: repoRoot, timeout: 180_000 });
    startedKafka = true;
  }
  return {
    databaseUrl,
    kafkaBrokers,
    async release() {
      if (startedKafka) await run('bash', [join(repoRoot, 'deploy/local/kafka.sh'), 'stop'], { cwd: repoRoot, timeout: 60_000 });
    },
  };
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
