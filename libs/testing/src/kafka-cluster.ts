import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const run = promisify(execFile);
const KAFKA_SH = join(__dirname, '..', '..', '..', 'deploy', 'local', 'kafka.sh');
/** A node's restart waits for the controller quorum and its log recovery; a cold start of all three takes longer. */
const COMMAND_TIMEOUT_MS = 180_000;

/**
 * The project's three-broker loopback cluster (`deploy/local/kafka.sh cluster-*`: replication factor 3,
 * min.insync.replicas 2, each node also a KRaft controller), for tests that need a broker to really go
 * down. Only one suite may use it at a time: a killed node is killed for every client of the cluster.
 */
export class LoopbackKafkaCluster {
  static readonly brokers = ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'];

  private constructor(private readonly startedHere: boolean) {}

  /** Starts whatever nodes of the cluster are not running (all of them the first time). */
  static async start(): Promise<LoopbackKafkaCluster> {
    const status = await kafkaSh('cluster-status').then(
      () => 0,
      (error: { code?: number }) => error.code ?? 1,
    );
    if (status !== 0) await kafkaSh('cluster-start');
    return new LoopbackKafkaCluster(status === 3);
  }

  kafka(clientId: string): Kafka {
    return new Kafka({ clientId, brokers: LoopbackKafkaCluster.brokers, logLevel: logLevel.NOTHING });
  }

  /** kill -9, as a crashed machine would go. */
  async killNode(node: 1 | 2 | 3): Promise<void> {
    await kafkaSh('cluster-kill-node', String(node));
  }

  /** Starts the node again and waits until it answers. */
  async startNode(node: 1 | 2 | 3): Promise<void> {
    await kafkaSh('cluster-start-node', String(node));
  }

  /** Stops the cluster if this test started it; otherwise leaves every node running, as it was found. */
  async release(): Promise<void> {
    await kafkaSh(this.startedHere ? 'cluster-stop' : 'cluster-start');
  }
}

async function kafkaSh(...args: string[]): Promise<void> {
  await run('bash', [KAFKA_SH, ...args], { timeout: COMMAND_TIMEOUT_MS });
}
