// Processes under test and the HTTP calls a bench makes to them (bench/http.bench.ts, bench/proposals.bench.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';

const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** Keep-alive connections shared by every call; destroy it when the bench ends. */
export const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function call(port: number, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function expectOk(reply: Promise<Reply>, what: string): Promise<Record<string, unknown>> {
  const { status, body } = await reply;
  if (status >= 300) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

// e.g. BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the processes under load
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');

/** Runs a TypeScript entry point as a child process (ts-node, transpile-only), its stderr prefixed with `name`. */
export function startProcess(name: string, script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...TS_NODE, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  return child;
}

/** Waits (up to 120 s) until `path` on `port` answers below 500. */
export async function waitForPort(port: number, path: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await call(port, 'GET', path, {})).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nothing answered on port ${port} within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Sends SIGTERM and waits (up to `timeoutMs`) for the process to exit, so it finishes what it holds before the next phase. */
export async function stopProcess(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}
