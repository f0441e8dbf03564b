// Bench 1: single-event appends/s and latency at concurrency 1 and 16, side by side in one run:
// our EventStore.append, Emmett's PostgreSQL event store (appendToStream), and pgbench inserting one
// row per transaction into a table with the same columns and indexes. Same server, same durability
// settings (whatever the server has: nothing is turned off for anyone), same payload and metadata.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { EventStore, eventStoreMigrations } from '@lib/event-sourcing';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { Pool } from 'pg';
import {
  commandMeta, createScratchDatabase, log, median, now, parseArgs, percentile, REASON, REJECTED_AT, rejected, round, TENANT, writePartial,
} from './support/common';

const run = promisify(execFile);

/** Events per stream before a worker opens a new one: a request's life is a handful of events. */
const STREAM_LENGTH = 10;
const POOL_SIZE = 20;
const OURS = 'pantau EventStore.append';
const EMMETT = 'emmett-postgresql appendToStream';
const PGBENCH = 'pgbench INSERT';

interface Measured {
  ops: number;
  seconds: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

interface Contestant {
  name: string;
  measure(concurrency: number, seconds: number): Promise<Measured>;
  close(): Promise<void>;
}

/** An idle pooled connection terminated by the server (57P01: the final DROP DATABASE … WITH (FORCE)) is not a failure. */
function ignoreTermination(error: Error & { code?: string }): void {
  if (error.code !== '57P01') log(`append: idle connection error: ${error.message}`);
}

/** Runs `concurrency` closed-loop workers for `seconds`, each awaiting one append at a time. */
async function drive(concurrency: number, seconds: number, worker: () => () => Promise<void>): Promise<Measured> {
  const latencies: number[] = [];
  const start = now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const appendOne = worker();
      while (now() < deadline) {
        const t0 = now();
        await appendOne();
        latencies.push(now() - t0);
      }
    }),
  );
  const elapsed = (now() - start) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return { ops: sorted.length, seconds: round(elapsed, 3), opsPerSec: round(sorted.length / elapsed, 1), p50Ms: round(percentile(sorted, 50), 3), p99Ms: round(percentile(sorted, 99), 3) };
}

/** Each worker appends one event per call to its own stream at the version it knows, opening a new stream every STREAM_LENGTH events. */
function streamWorker(append: (streamId: string, requestId: string, expectedVersion: number) => Promise<void>): () => () => Promise<void> {
  return () => {
    let requestId = randomUUID();
    let version = 0;
    return async () => {
      await append(`request-${requestId}`, requestId, version);
      version++;
      if (version === STREAM_LENGTH) {
        requestId = randomUUID();
        version = 0;
      }
    };
  };
}

/** Our EventStore.append as shipped (one coalesced pg_notify after the commits, see announceAppend). */
function ours(db: TestDatabase): Contestant {
  const store = new EventStore<RequestEvent>(db.pool, requestCodec);
  return {
    name: OURS,
    measure: (concurrency, seconds) =>
      drive(concurrency, seconds, streamWorker(async (streamId, requestId, version) => {
        await store.append(streamId, version, [rejected(requestId)], commandMeta(`unit-${version}`, requestId));
      })),
    close: async () => undefined,
  };
}

async function emmett(url: string): Promise<Contestant> {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  pool.on('error', ignoreTermination);
  const store: PostgresEventStore = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    name: EMMETT,
    measure: (concurrency, seconds) =>
      drive(concurrency, seconds, streamWorker(async (streamId, requestId, version) => {
        await store.appendToStream(
          streamId,
          [{
            type: 'RequestRejected',
            data: { requestId, reason: REASON, rejectedAt: REJECTED_AT },
            metadata: {
              occurredAt: REJECTED_AT, tenantId: TENANT, unitId: `unit-${version}`, correlationId: requestId,
              causationId: requestId, actorId: 'user-1', actorRole: 'skpd-operator',
            },
          }],
          { expectedStreamVersion: BigInt(version) },
        );
      })),
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * pgbench, prepared statements, one INSERT per transaction into an `events` table made by our own
 * migration (same columns, defaults, indexes and append-only triggers): the plain-insert ceiling.
 */
function pgbench(db: TestDatabase): Contestant {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-pgbench-'));
  const requestId = '2f1c6a1e-7d0b-4c1e-9a43-5b0a8f6f2d11'; // payload and metadata as long as the other contestants'
  const payload = JSON.stringify(requestCodec.toPayload(rejected(requestId)));
  const metadata = JSON.stringify({ occurredAt: REJECTED_AT, tenantId: TENANT, unitId: 'unit-0', correlationId: requestId, causationId: requestId, actorId: 'user-1', actorRole: 'skpd-operator' });
  const script = join(dir, 'append.sql');
  writeFileSync(script, [
    '\\set r random(1, 9000000000000000)',
    `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ('request-' || :client_id || '-' || :r, 1, gen_random_uuid(), 'RequestRejected', '${payload}'::jsonb, '${metadata}'::jsonb);`,
    '',
  ].join('\n'));
  let runs = 0;
  return {
    name: PGBENCH,
    async measure(concurrency, seconds) {
      const prefix = join(dir, `run${runs++}`);
      const { stdout } = await run('/usr/bin/pgbench', [
        '-n', '-M', 'prepared', '-c', String(concurrency), '-j', String(Math.min(concurrency, 2)), '-T', String(seconds),
        '-f', script, '-l', `--log-prefix=${prefix}`, db.url,
      ], { maxBuffer: 16 << 20 });
      const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
      const latencies: number[] = [];
      for (const file of readdirSync(dir).filter((f) => join(dir, f).startsWith(`${prefix}.`))) {
        for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
          const fields = line.split(' ');
          if (fields.length >= 6) latencies.push(Number(fields[2]) / 1000);
        }
        rmSync(join(dir, file));
      }
      const sorted = Float64Array.from(latencies).sort();
      return { ops: sorted.length, seconds, opsPerSec: round(tps, 1), p50Ms: round(percentile(sorted, 50), 3), p99Ms: round(percentile(sorted, 99), 3) };
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const seconds = args.quick ? 3 : 10;
  const rounds = args.quick ? 1 : 3;
  const warmupSeconds = args.quick ? 1 : 3;
  const concurrencies = [1, 16];
  log(`append: ${rounds} round(s) of ${seconds}s per contestant and concurrency`);

  const ourDb = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  const emmettDb = await createScratchDatabase('pantau_bench');
  const pgbenchDb = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  // DROP DATABASE … WITH (FORCE) at the end terminates connections a pool may still be closing.
  ourDb.pool.on('error', ignoreTermination);
  pgbenchDb.pool.on('error', ignoreTermination);
  const contestants: Contestant[] = [];
  try {
    contestants.push(ours(ourDb), await emmett(emmettDb.url), pgbench(pgbenchDb));
    const checkpoint = () => ourDb.pool.query('CHECKPOINT');

    for (const contestant of contestants) {
      log(`warm-up ${contestant.name}`);
      await contestant.measure(16, warmupSeconds);
    }
    const samples = new Map<string, Measured[]>();
    for (let r = 0; r < rounds; r++) {
      for (const concurrency of concurrencies) {
        // Rotate who goes first, so no contestant always follows the same neighbour.
        const order = contestants.map((_, i) => contestants[(i + r) % contestants.length]);
        for (const contestant of order) {
          await checkpoint();
          const measured = await contestant.measure(concurrency, seconds);
          log(`round ${r + 1} c=${concurrency} ${contestant.name}: ${measured.opsPerSec}/s p50 ${measured.p50Ms}ms p99 ${measured.p99Ms}ms`);
          const key = `${contestant.name}|${concurrency}`;
          samples.set(key, [...(samples.get(key) ?? []), measured]);
        }
      }
    }

    const summary = (name: string, concurrency: number) => {
      const runs = samples.get(`${name}|${concurrency}`) ?? [];
      return {
        opsPerSec: round(median(runs.map((m) => m.opsPerSec)), 1),
        p50Ms: round(median(runs.map((m) => m.p50Ms)), 3),
        p99Ms: round(median(runs.map((m) => m.p99Ms)), 3),
        rounds: runs,
      };
    };
    const byConcurrency = Object.fromEntries(
      concurrencies.map((concurrency) => {
        const results = Object.fromEntries(contestants.map((c) => [c.name, summary(c.name, concurrency)]));
        const rate = (name: string) => results[name]?.opsPerSec ?? NaN;
        return [`c${concurrency}`, {
          results,
          ratios: {
            oursVsEmmett: round(rate(OURS) / rate(EMMETT), 2),
            oursVsPgbench: round(rate(OURS) / rate(PGBENCH), 2),
          },
          // The same ratios within each round (contestants measured back to back), to show how much
          // of the spread between rounds is the shared machine rather than the code.
          ratiosPerRound: {
            oursVsEmmett: results[OURS].rounds.map((m, r) => round(m.opsPerSec / results[EMMETT].rounds[r].opsPerSec, 2)),
            oursVsPgbench: results[OURS].rounds.map((m, r) => round(m.opsPerSec / results[PGBENCH].rounds[r].opsPerSec, 2)),
          },
        }];
      }),
    );
    writePartial('append', {
      description:
        'Single-event appends, closed loop. Each worker appends one event per call to its own stream at the version it knows, ' +
        `opening a new stream every ${STREAM_LENGTH} events (1 in ${STREAM_LENGTH} appends creates a stream). Same RequestRejected payload and ` +
        'envelope metadata for all. pgbench: -M prepared, one INSERT per transaction into an events table made by our migration (same ' +
        'columns, defaults, indexes, append-only triggers; like ours, no NOTIFY inside the transaction). Figures are medians over rounds.',
      secondsPerRound: seconds,
      rounds,
      poolSize: POOL_SIZE,
      targets: { oursVsEmmett: '>= 2.0', oursVsPgbench: '>= 0.7' },
      ...byConcurrency,
    });
  } finally {
    for (const contestant of contestants) await contestant.close().catch(() => undefined);
    await Promise.allSettled([ourDb.drop(), emmettDb.drop(), pgbenchDb.drop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
