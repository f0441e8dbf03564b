import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RequestEvent } from '@lib/contracts';
import type { CommandMeta } from '@lib/event-sourcing';
import { databaseUrl } from '@lib/testing';
import { Pool } from 'pg';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// createTestDatabase (libs/testing) reads the server from DATABASE_URL.
process.env.DATABASE_URL = SERVER_URL;

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface BenchArgs {
  quick: boolean;
  /** Relay bench: relay once (the topic the consumers read), then only the consumer rounds. */
  consumersOnly: boolean;
  /** Replay size (bench 2); the small replay size is a tenth of it. */
  events: number;
  /** Events relayed and consumed (bench 3). */
  relayEvents: number;
  /** Seconds of source events whose proposal latency is measured (proposals bench). */
  proposalSeconds: number;
  /** Source events per second during those seconds (proposals bench; issue 20's target is at 100). */
  proposalRate: number;
  /** Source events on the backlog the proposal consumer and the runner no-op read from offset 0 (proposals bench). */
  proposalEvents: number;
}

export function parseArgs(argv = process.argv.slice(2)): BenchArgs {
  const quick = argv.includes('--quick');
  const valueOf = (flag: string): number | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const value = Number(argv[i + 1]);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer, got ${argv[i + 1]}`);
    return value;
  };
  return {
    quick,
    consumersOnly: argv.includes('--consumers-only'),
    events: valueOf('--events') ?? (quick ? 50_000 : 1_000_000),
    relayEvents: valueOf('--relay-events') ?? (quick ? 5_000 : 100_000),
    proposalSeconds: valueOf('--proposal-seconds') ?? (quick ? 10 : 60),
    proposalRate: valueOf('--proposal-rate') ?? 100,
    proposalEvents: valueOf('--proposal-events') ?? (quick ? 2_000 : 20_000),
  };
}

export const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

export const now = (): number => performance.now();

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Writes one bench's figures where bench/support/report.ts picks them up (git-ignored *.tmp). */
export function writePartial(name: string, data: unknown): void {
  writeFileSync(join(RESULTS_DIR, `${name}.tmp`), `${JSON.stringify(data, null, 2)}\n`);
}

/** An empty scratch database (no migrations), for the baselines that bring their own schema. */
export async function createScratchDatabase(prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { name, url: databaseUrl(SERVER_URL, name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function adminQuery(sql: string): Promise<void> {
  const admin = new Pool({ connectionString: databaseUrl(SERVER_URL, 'postgres'), max: 1 });
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Server settings that decide what a commit costs; recorded so figures can be compared across machines. */
export async function serverSettings(): Promise<Record<string, string>> {
  const pool = new Pool({ connectionString: databaseUrl(SERVER_URL, 'postgres'), max: 1 });
  try {
    const names = [
      'server_version',
      'fsync',
      'synchronous_commit',
      'wal_sync_method',
      'full_page_writes',
      'shared_buffers',
      'max_wal_size',
      'commit_delay',
      'work_mem',
    ];
    const result = await pool.query<{ name: string; setting: string }>(`SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`, [
      names,
    ]);
    return Object.fromEntries(result.rows.map((row) => [row.name, row.setting]));
  } finally {
    await pool.end();
  }
}

// One fixture for every contestant, so all of them write the same bytes.
export const TENANT = 'kota-banjarmasin';
export const REASON = 'Persyaratan belum lengkap: fotokopi KTP dan kartu keluarga belum dilampirkan';
export const REJECTED_AT = '2026-11-23T01:00:00.000Z';

export const rejected = (requestId: string): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason: REASON, rejectedAt: REJECTED_AT },
});

export const commandMeta = (unitId: string, correlationId: string): CommandMeta => ({
  correlationId,
  tenantId: TENANT,
  unitId,
  actor: { id: 'user-1', role: 'skpd-operator' },
  occurredAt: REJECTED_AT,
});

/**
 * SQL that appends `count` RequestRejected events after position `from` (10 events per stream, 200
 * units) in the project's `events` table, in transactions of `chunk` rows, with the same payload and
 * metadata shape EventStore.append writes. Generated in SQL so ten million rows take minutes, not hours.
 */
export function generateEventsSql(from: number, to: number): string {
  return `
    INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
    SELECT 'request-' || s.id, (g % 10) + 1, gen_random_uuid(), 'RequestRejected',
      jsonb_build_object('requestId', s.id, 'reason', '${REASON}', 'rejectedAt', '${REJECTED_AT}'),
      jsonb_build_object('occurredAt', '${REJECTED_AT}', 'tenantId', '${TENANT}', 'unitId', 'unit-' || ((g / 10) % 200),
        'correlationId', s.id, 'causationId', s.id, 'actorId', 'user-1', 'actorRole', 'skpd-operator')
    FROM generate_series(${from}::bigint, ${to - 1}::bigint) AS g,
      LATERAL (SELECT md5('stream-' || (g / 10))::uuid::text AS id) AS s`;
}

export async function generateEvents(pool: Pool, from: number, to: number, chunk = 200_000): Promise<void> {
  for (let start = from; start < to; start += chunk) {
    await pool.query(generateEventsSql(start, Math.min(to, start + chunk)));
  }
}
