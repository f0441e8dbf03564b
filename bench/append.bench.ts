// Bench 1: single-event appends/s and latency at concurrency 1 and 16, side by side in one run:
// our EventStore.append, Emmett's PostgreSQL event store (appendToStream), and pgbench inserting one
// row per transaction into a table with the same columns and indexes. Same server, same durability
// settings (whatever the server has: nothing is turned off for anyone), same payload and metadata.
// Two more figures without a target explain the ones with: our append with an idempotency key (what a
// command caused by a Kafka message does), and pgbench's INSERT sent from this Node.js process through
// node-postgres (the ceiling of a Node.js client, for comparison with pgbench's C client).
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
  commandMeta,
  createScratchDatabase,
  log,
  median,
  now,
  parseArgs,
  percentile,
  REASON,
  REJECTED_AT,
  rejected,
  round,
  TENANT,
  writePartial,
} from './support/common';

const run = promisify(execFile);

/** Events per stream before a worker opens a new one: a request's life is a handful of events. */
const STREAM_LENGTH = 10;
const POOL_SIZE = 20;
const OURS = 'pantau EventStore.append';
const OURS_WITH_KEY = 'pantau EventStore.append + idempotency key';
const EMMETT = 'emmett-postgresql appendToStream';
const PGBENCH = 'pgbench INSERT';
const NODE_INSERT = 'node-postgres INSERT (reference)';

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

/**
 * A pool of POOL_SIZE for one measurement, with `concurrency` connections opened before the clock starts
 * (pgbench's rate also leaves out connecting), and closed after it: five contestants keeping idle
 * connections would exceed the server's max_connections, which other users of the server share.
 */
async function withPool<T>(url: string, concurrency: number, fn: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  pool.on('error', ignoreTermination);
  try {
    const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
    for (const client of clients) client.release();
    return await fn(pool);
  } finally {
    if (!pool.ending) await pool.end(); // Emmett's close() may have ended it already
  }
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
  return {
    ops: sorted.length,
    seconds: round(elapsed, 3),
    opsPerSec: round(sorted.length / elapsed, 1),
    p50Ms: round(percentile(sorted, 50), 3),
    p99Ms: round(percentile(sorted, 99), 3),
  };
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

/**
 * Our EventStore.append as shipped (one statement per append, concurrent appends grouped into one
 * statement by GroupCommit; pg_notify after the commits, at most one per 10 ms, see announceAppend).
 * `withKey`: every append carries a fresh idempotency key.
 */
function ours(db: TestDatabase, withKey: boolean): Contestant {
  return {
    name: withKey ? OURS_WITH_KEY : OURS,
    measure: (concurrency, seconds) =>
      withPool(db.url, concurrency, (pool) => {
        const store = new EventStore<RequestEvent>(pool, requestCodec);
        return drive(
          concurrency,
          seconds,
          streamWorker(async (streamId, requestId, version) => {
            const meta = commandMeta(`unit-${version}`, requestId);
            await store.append(streamId, version, [rejected(requestId)], withKey ? { ...meta, idempotencyKey: `bench/${randomUUID()}` } : meta);
          }),
        );
      }),
    close: async () => undefined,
  };
}

/** pgbench's statement (a new stream, version 1, no version check, no key) sent through node-postgres from this process. */
function nodeInsert(db: TestDatabase): Contestant {
  return {
    name: NODE_INSERT,
    measure: (concurrency, seconds) =>
      withPool(db.url, concurrency, (pool) =>
        drive(concurrency, seconds, () => async () => {
          const requestId = randomUUID();
          await pool.query({
            name: 'bench-node-insert',
            text: `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ($1, 1, $2, 'RequestRejected', $3, $4)`,
            values: [
              `request-${requestId}`,
              randomUUID(),
              JSON.stringify(requestCodec.toPayload(rejected(requestId))),
              JSON.stringify({
                occurredAt: REJECTED_AT,
                tenantId: TENANT,
                unitId: 'unit-0',
                correlationId: requestId,
                causationId: requestId,
                actorId: 'user-1',
                actorRole: 'skpd-operator',
              }),
            ],
          });
        }),
      ),
    close: async () => undefined,
  };
}

async function emmett(url: string): Promise<Contestant> {
  await withPool(url, 1, async (pool) => {
    const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
    await store.schema.migrate();
    await store.close();
  });
  return {
    name: EMMETT,
    measure: (concurrency, seconds) =>
      withPool(url, concurrency, async (pool) => {
        const store: PostgresEventStore = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
        try {
          return await drive(
            concurrency,
            seconds,
            streamWorker(async (streamId, requestId, version) => {
              await store.appendToStream(
                streamId,
                [
                  {
                    type: 'RequestRejected',
                    data: { requestId, reason: REASON, rejectedAt: REJECTED_AT },
                    metadata: {
                      occurredAt: REJECTED_AT,
                      tenantId: TENANT,
                      unitId: `unit-${version}`,
                      correlationId: requestId,
                      causationId: requestId,
                      actorId: 'user-1',
                      actorRole: 'skpd-operator',
                    },
                  },
                ],
                { expectedStreamVersion: BigInt(version) },
              );
            }),
          );
        } finally {
          await store.close();
        }
      }),
    close: async () => undefined,
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
  const metadata = JSON.stringify({
    occurredAt: REJECTED_AT,
    tenantId: TENANT,
    unitId: 'unit-0',
    correlationId: requestId,
    causationId: requestId,
    actorId: 'user-1',
    actorRole: 'skpd-operator',
  });
  const script = join(dir, 'append.sql');
  writeFileSync(
    script,
    [
      '\\set r random(1, 9000000000000000)',
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ('request-' || :client_id || '-' || :r, 1, gen_random_uuid(), 'RequestRejected', '${payload}'::jsonb, '${metadata}'::jsonb);`,
      '',
    ].join('\n'),
  );
  let runs = 0;
  return {
    name: PGBENCH,
    async measure(concurrency, seconds) {
      const prefix = join(dir, `run${runs++}`);
      const { stdout } = await run(
        '/usr/bin/pgbench',
        [
          '-n',
          '-M',
          'prepared',
          '-c',
          String(concurrency),
          '-j',
          String(Math.min(concurrency, 2)),
          '-T',
          String(seconds),
          '-f',
          script,
          '-l',
          `--log-prefix=${prefix}`,
          db.url,
        ],
        { maxBuffer: 16 << 20 },
      );
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
  // Five rounds with the order rotating: every contestant runs once in every position, and a median of
  // five holds against the one or two rounds in which the shared machine slows one contestant.
  const rounds = args.quick ? 1 : 5;
  const warmupSeconds = args.quick ? 1 : 3;
  const concurrencies = [1, 16];
  log(`append: ${rounds} round(s) of ${seconds}s per contestant and concurrency`);

  const ourDb = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  const ourKeyedDb = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  const emmettDb = await createScratchDatabase('pantau_bench');
  const pgbenchDb = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  const nodeInsertDb = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  // DROP DATABASE … WITH (FORCE) at the end terminates connections a pool may still be closing.
  for (const db of [ourDb, ourKeyedDb, pgbenchDb, nodeInsertDb]) db.pool.on('error', ignoreTermination);
  const contestants: Contestant[] = [];
  try {
    contestants.push(ours(ourDb, false), ours(ourKeyedDb, true), await emmett(emmettDb.url), pgbench(pgbenchDb), nodeInsert(nodeInsertDb));
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
        const oursVsEmmett = round(rate(OURS) / rate(EMMETT), 2);
        const oursVsPgbench = round(rate(OURS) / rate(PGBENCH), 2);
        return [
          `c${concurrency}`,
          {
            results,
            ratios: {
              oursVsEmmett,
              oursVsPgbench,
              oursWithKeyVsPgbench: round(rate(OURS_WITH_KEY) / rate(PGBENCH), 2),
              nodeInsertVsPgbench: round(rate(NODE_INSERT) / rate(PGBENCH), 2),
              oursVsNodeInsert: round(rate(OURS) / rate(NODE_INSERT), 2),
            },
            met: { oursVsEmmett: oursVsEmmett >= 2, oursVsPgbench: oursVsPgbench >= 0.7 },
            // The same ratios within each round (contestants measured back to back), to show how much
            // of the spread between rounds is the shared machine rather than the code.
            ratiosPerRound: {
              oursVsEmmett: results[OURS].rounds.map((m, r) => round(m.opsPerSec / results[EMMETT].rounds[r].opsPerSec, 2)),
              oursVsPgbench: results[OURS].rounds.map((m, r) => round(m.opsPerSec / results[PGBENCH].rounds[r].opsPerSec, 2)),
              oursVsNodeInsert: results[OURS].rounds.map((m, r) => round(m.opsPerSec / results[NODE_INSERT].rounds[r].opsPerSec, 2)),
            },
          },
        ];
      }),
    );
    writePartial('append', {
      description:
        'Single-event appends, closed loop. Each worker appends one event per call to its own stream at the version it knows, ' +
        `opening a new stream every ${STREAM_LENGTH} events (1 in ${STREAM_LENGTH} appends creates a stream). Same RequestRejected payload and ` +
        'envelope metadata for all. pgbench: -M prepared, one INSERT per transaction into an events table made by our migration (same ' +
        'columns, defaults, indexes, append-only triggers; like ours, no NOTIFY inside the transaction). Ours sends one statement per ' +
        'append (version check, insert and, with a key, the idempotency row), as pgbench does, and needs no BEGIN/COMMIT round trips; ' +
        'while two of its statements are running, further appends wait and leave together as one statement and one transaction ' +
        '(group commit, the shipped default: at c1 every append goes alone). ' +
        "Without a target: ours with a fresh idempotency key per append, and node-postgres INSERT (pgbench's statement sent through " +
        'node-postgres from the bench process, so the same Node.js client cost as ours). All five share the server; the bench process ' +
        'shares the 2 cores with PostgreSQL. Figures are medians over rounds.',
      secondsPerRound: seconds,
      rounds,
      poolSize: POOL_SIZE,
      targets: { oursVsEmmett: '>= 2.0', oursVsPgbench: '>= 0.7' },
      ...byConcurrency,
    });
  } finally {
    for (const contestant of contestants) await contestant.close().catch(() => undefined);
    await Promise.allSettled([ourDb.drop(), ourKeyedDb.drop(), emmettDb.drop(), pgbenchDb.drop(), nodeInsertDb.drop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
