// One replay in its own process, so the RSS it reports is the replaying process's alone.
// Usage: replay-worker.ts <database url> <batch size> <shipped|fixed> <time limit s>; prints one JSON line on stdout.
// `fixed` is the diagnostic store of fixed-read-all.ts; `shipped` is EventStore as it is.
import { readFileSync } from 'node:fs';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { EventStore, inTransaction, lockCheckpoint, type Projection, Projector, resetCheckpoint, type StoredEvent } from '@lib/event-sourcing';
import { Pool, type PoolClient } from 'pg';
import { now } from './common';
import { FixedOrderEventStore } from './fixed-read-all';

export const UNIT_COUNTS_TABLE = 'unit_event_counts_v1';

/** Counts events per unit: one upsert per batch, as a read model fed in batches would. */
export const unitEventCounts: Projection<RequestEvent> = {
  name: 'unit-event-counts',
  tables: [UNIT_COUNTS_TABLE],
  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    const counts = new Map<string, { events: number; lastPosition: string }>();
    for (const { envelope, globalPosition } of events) {
      const row = counts.get(envelope.unitId);
      if (row) {
        row.events++;
        row.lastPosition = globalPosition;
      } else {
        counts.set(envelope.unitId, { events: 1, lastPosition: globalPosition });
      }
    }
    await tx.query({
      name: 'unit-event-counts-upsert',
      text: `INSERT INTO ${UNIT_COUNTS_TABLE} (unit_id, events, last_position)
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
             ON CONFLICT (unit_id) DO UPDATE
               SET events = ${UNIT_COUNTS_TABLE}.events + excluded.events, last_position = excluded.last_position`,
      values: [[...counts.keys()], [...counts.values()].map((c) => c.events), [...counts.values()].map((c) => c.lastPosition)],
    });
  },
};

const peakRssFromKernel = (): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
};

async function main(): Promise<void> {
  const [url, batch, variant, limit] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: 2 });
  const store = variant === 'fixed' ? new FixedOrderEventStore<RequestEvent>(pool, requestCodec) : new EventStore<RequestEvent>(pool, requestCodec);
  const projector = new Projector(pool, store, unitEventCounts, Number(batch));
  await pool.query('SELECT 1');
  const rssBefore = process.memoryUsage.rss();
  let peakSampled = rssBefore;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
  }, 25);
  const t0 = now();
  const deadline = t0 + Number(limit) * 1000;
  // Projector.rebuild() (reset, then catchUp's `while (await processBatch())`) with a time limit:
  // the shipped readAll sorts the whole remaining log for every batch, so a full replay can take hours.
  await inTransaction(pool, async (tx) => {
    await lockCheckpoint(tx, projector.name);
    for (const table of unitEventCounts.tables) await tx.query(`TRUNCATE ${table}`);
    await resetCheckpoint(tx, projector.name);
  });
  let more = true;
  while (more && now() < deadline) more = await projector.processBatch();
  const seconds = (now() - t0) / 1000;
  clearInterval(sampler);
  peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
  const { rows } = await pool.query<{ events: string }>(`SELECT coalesce(sum(events), 0)::text AS events FROM ${UNIT_COUNTS_TABLE}`);
  await pool.end();
  process.stdout.write(`${JSON.stringify({ events: Number(rows[0].events), seconds, timedOut: more, rssBefore, peakSampled, peakRssKernel: peakRssFromKernel() })}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
