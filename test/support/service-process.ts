import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_DEV_SIGNING_SECRET } from '@lib/platform';
import { applicationDatabaseUrl } from '@lib/testing';
import type { ServiceName } from './platform-under-test';

const ROOT = resolve(__dirname, '../..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
const READY_TIMEOUT_MS = 90_000;

/** A service running as its own operating-system process, from its entrypoint (main.ts), as deploy/local/start.sh runs it. */
export interface ServiceProcess {
  url: string;
  port: number;
  pid: number;
  /** `kill -9`: no shutdown hook runs, open transactions and uncommitted offsets are lost. Resolves once the process is gone. */
  kill(): Promise<ProcessExit>;
  /** SIGTERM: the graceful shutdown a deployment asks for. */
  stop(): Promise<ProcessExit>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What a process wrote to stderr last, to explain a failed start. */
function stderrTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_000)));
  return () => tail;
}

function runEntrypoint(service: ServiceName, args: string[], env: Record<string, string>): ChildProcess {
  // Only what the process needs: the test worker's environment names the test server, not a service database.
  const inherited = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return spawn(process.execPath, [...TS_NODE, `services/${service}/src/main.ts`, ...args], {
    cwd: ROOT,
    env: { ...inherited, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const exited = (child: ChildProcess): Promise<ProcessExit> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));

/**
 * The migration step (`main.ts --migrate-only`) as the schema owner (`ownerUrl`), before the service
 * starts: what deploy/local/migrate.sh and a deployment's migration job run. It grants the
 * application role what the service needs, and nothing more.
 */
export async function migrateServiceDatabase(service: ServiceName, ownerUrl: string): Promise<void> {
  const child = runEntrypoint(service, ['--migrate-only'], { DATABASE_MIGRATION_URL: ownerUrl, LOG_LEVEL: 'warn' });
  const output = stderrTail(child);
  const { code, signal } = await exited(child);
  if (code !== 0) throw new Error(`${service} --migrate-only ended with ${signal ?? `exit code ${code}`}:\n${output()}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Starts a migrated service's entrypoint as a process of its own and waits until /health/ready
 * answers 200. It connects as the application role (never the owner, so it cannot migrate nor change
 * stored events), with dev tokens signed as ./auth.ts signs them; `env` adds or overrides settings
 * (the broker, the consumer group and topic prefixes, a `PORT` to come back on after a crash).
 */
export async function startServiceProcess(service: ServiceName, ownerUrl: string, env: Record<string, string>): Promise<ServiceProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = runEntrypoint(service, [], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    AUTH_MODE: 'dev',
    AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
    REDIS_KEY_PREFIX: `pantau-test-${randomUUID()}:`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...env,
    PORT: String(port),
    DATABASE_URL: applicationDatabaseUrl(ownerUrl),
  });
  const output = stderrTail(child);
  // A test worker that ends without stopping it (a timeout, an interrupted run) leaves no service behind.
  const killWithWorker = (): void => void child.kill('SIGKILL');
  process.once('exit', killWithWorker);
  child.once('exit', () => process.removeListener('exit', killWithWorker));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${service} ended before it was ready (${child.signalCode ?? `exit code ${child.exitCode}`}):\n${output()}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${service} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
    }
    await new Promise((retry) => setTimeout(retry, 200));
  }
  const pid = child.pid ?? 0;
  const signal = (name: NodeJS.Signals): Promise<ProcessExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited(child);
  };
  return { url, port, pid, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
