// Bench 2: replaying the whole log into a projection with our readAll + Projector, against a raw
// `COPY (SELECT … ORDER BY …) TO STDOUT` of the same rows and columns (psql to /dev/null:
// pg-copy-streams is not installed). Then the same at a tenth of the size, to show the replaying
// process's peak RSS does not grow with the number of events.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventStoreMigrations } from '@lib/event-sourcing';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { generateEvents, log, median, now, parseArgs, round, writePartial } from './support/common';
import { type ReplayProjection, UNIT_COUNTS_TABLE } from './support/replay-worker';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '..');
const BATCH_SIZE = 1000; // the Projector's default
const MB = 1024 * 1024;

// The columns EventStore.readAll selects, in its order.
const COPY_SQL = `COPY (SELECT global_position::text, transaction_id::text, stream_id, stream_version, event_id, event_type, payload, metadata, recorded_at
  FROM events ORDER BY transaction_id, global_position) TO STDOUT`;

interface WorkerResult {
  events: number;
  timedOut: boolean;
  seconds: number;
  rssBefore: number;
  peakSampled: number;
  peakRssKernel: number;
}

async function replayOurs(db: TestDatabase, projection: ReplayProjection, limitSeconds: number): Promise<WorkerResult> {
  const { stdout } = await run(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'support', 'replay-worker.ts'),
      db.url,
      String(BATCH_SIZE),
      projection,
      String(limitSeconds),
    ],
    { cwd: REPO_ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as WorkerResult;
}

async function copyRaw(db: TestDatabase): Promise<number> {
  const t0 = now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-c', COPY_SQL], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited with ${code}`))));
  });
  return (now() - t0) / 1000;
}

async function loadTo(db: TestDatabase, from: number, to: number): Promise<number> {
  const t0 = now();
  await generateEvents(db.pool, from, to);
  await db.pool.query('VACUUM (ANALYZE) events');
  return round((now() - t0) / 1000, 1);
}

const summarise = (events: number, runs: WorkerResult[]) => {
  const projected = Math.min(...runs.map((o) => o.events));
  return {
    complete: projected === events,
    eventsProjected: projected,
    stoppedAtTimeLimit: runs.some((o) => o.timedOut),
    eventsPerSec: round(median(runs.map((o) => o.events / o.seconds)), 0),
    seconds: runs.map((o) => round(o.seconds, 2)),
    rssBeforeMb: round(Math.max(...runs.map((o) => o.rssBefore)) / MB, 1),
    peakRssMb: round(Math.max(...runs.map((o) => o.peakRssKernel)) / MB, 1),
    peakRssSampledMb: round(Math.max(...runs.map((o) => o.peakSampled)) / MB, 1),
  };
};

/**
 * At the current table size, interleaves the raw COPY, the Projector with the envelope-only
 * projection (`ours`) and the Projector with a projection that also decodes every event
 * (`oursDecodingEvents`), rotating who goes first each round.
 */
async function measureAt(db: TestDatabase, events: number, rounds: number, limitSeconds: number) {
  const runs: Record<ReplayProjection, WorkerResult[]> = { 'unit-counts': [], decoding: [] };
  const copies: number[] = [];
  await copyRaw(db); // warm-up: every contestant then reads from the same warm cache
  const replay = (projection: ReplayProjection) => async () => {
    const result = await replayOurs(db, projection, limitSeconds);
    runs[projection].push(result);
    log(
      `replay ${events}: Projector (${projection}) ${result.events} events${result.timedOut ? ' (time limit)' : ''}, ${round(result.events / result.seconds)} ev/s, peak RSS ${round(result.peakRssKernel / MB, 1)} MB`,
    );
  };
  for (let r = 0; r < rounds; r++) {
    const steps: (() => Promise<void>)[] = [
      async () => {
        copies.push(await copyRaw(db));
        log(`replay ${events}: COPY ${round(events / copies[copies.length - 1])} rows/s`);
      },
      replay('unit-counts'),
      replay('decoding'),
    ];
    for (let i = 0; i < steps.length; i++) await steps[(i + r) % steps.length]();
  }
  const copyRate = median(copies.map((s) => events / s));
  const ours = summarise(events, runs['unit-counts']);
  const decoding = summarise(events, runs.decoding);
  return {
    events,
    ours,
    oursDecodingEvents: decoding,
    rawCopy: { rowsPerSec: round(copyRate, 0), seconds: copies.map((s) => round(s, 2)) },
    // A replay that did not project every event has no honest throughput ratio.
    ratioOursVsCopy: ours.complete ? round(ours.eventsPerSec / copyRate, 2) : null,
    ratioOursDecodingEventsVsCopy: decoding.complete ? round(decoding.eventsPerSec / copyRate, 2) : null,
  };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const large = args.events;
  const smallSize = Math.max(10, Math.round(large / 100) * 10); // a tenth, whole streams
  const roundsSmall = args.quick ? 1 : 2;
  const roundsLarge = 1;
  // A safety net, not a measurement: at the slowest rate seen so far (~35k events/s under load) a
  // replay of N takes N/35k s; a replay stopped by the limit is reported as incomplete, with no ratio.
  const limitSeconds = Math.max(60, Math.ceil(large / 10_000));
  const db = await createTestDatabase(eventStoreMigrations, 'pantau_bench');
  try {
    await db.pool.query(`CREATE TABLE ${UNIT_COUNTS_TABLE} (unit_id text PRIMARY KEY, events bigint NOT NULL, last_position bigint NOT NULL)`);
    log(`replay: loading ${smallSize} events`);
    const loadSmall = await loadTo(db, 0, smallSize);
    const atSmall = await measureAt(db, smallSize, roundsSmall, limitSeconds);
    writePartial('replay', { partial: true, atSmall });
    log(`replay: loading up to ${large} events`);
    const loadLarge = await loadTo(db, smallSize, large);
    const atLarge = await measureAt(db, large, roundsLarge, limitSeconds);
    const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM events ORDER BY transaction_id, global_position`);
    const { rows: size } = await db.pool.query<{ bytes: string }>(`SELECT pg_total_relation_size('events')::text AS bytes`);
    writePartial('replay', {
      description:
        'Full replay (Projector.rebuild: truncate, then readAll + apply + checkpoint per batch of ' +
        BATCH_SIZE +
        ', in a child process) ' +
        'into a projection that upserts per-unit counts once per batch, vs psql running COPY (SELECT <readAll columns> FROM events ' +
        'ORDER BY transaction_id, global_position) TO STDOUT into /dev/null (pg-copy-streams is not installed). Data generated in SQL ' +
        '(RequestRejected, 10 events per stream, 200 units), then VACUUM ANALYZE; one warm-up COPY before each size. `ours` is the ' +
        'shipped Projector and EventStore with the per-unit count projection, which reads only envelope and position (StoredEvent ' +
        'decodes event, envelope and recordedAt on first access, so it never pays for the payload). `oursDecodingEvents` is the same ' +
        'projection also reading every event and recordedAt: what a projection that looks at every field pays. Peak RSS is the ' +
        "replaying process's VmHWM (kernel high-water mark), with a 25 ms sampled peak beside it; rssBefore is after start-up, before " +
        'the replay. A replay is stopped after timeLimitSeconds (a safety net; stoppedAtTimeLimit, complete=false, no ratio).',
      batchSize: BATCH_SIZE,
      timeLimitSeconds: limitSeconds,
      target: { ratioOursVsCopy: '>= 0.5', peakRss: 'does not grow with N' },
      copyPlan: rows.map((r) => r['QUERY PLAN'].trim()).join(' / '),
      eventsTableBytesAtLarge: Number(size[0].bytes),
      loadSeconds: { small: loadSmall, large: loadLarge },
      sizes: [atSmall, atLarge],
      peakRssGrowthLargeVsSmallMb: {
        ours: round(atLarge.ours.peakRssMb - atSmall.ours.peakRssMb, 1),
        oursDecodingEvents: round(atLarge.oursDecodingEvents.peakRssMb - atSmall.oursDecodingEvents.peakRssMb, 1),
      },
    });
  } finally {
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
