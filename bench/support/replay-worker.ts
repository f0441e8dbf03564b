// One replay in its own process, so the RSS it reports is the replaying process's alone.
// Usage: replay-worker.ts <database url> <batch size> <projection> <time limit s>; prints one JSON line on stdout.
// <projection>: `unit-counts` (reads the envelope only) or `decoding` (the same, and also reads every event and its recordedAt).
import { readFileSync } from 'node:fs';
import { type RequestEvent, requestCodec } from '@lib/contracts';
import { EventStore, type Projection, Projector, type StoredEvent } from '@lib/event-sourcing';
import { Pool, type PoolClient } from 'pg';
import { now } from './common';

export const UNIT_COUNTS_TABLE = 'unit_event_counts_v1';

export type ReplayProjection = 'unit-counts' | 'decoding';

/**
 * Counts events per unit: one upsert per batch, as a read model fed in batches would. It needs only
 * the envelope; `decodeEvents` makes it also read every event and its recordedAt, for the price of a
 * projection that looks at every field (StoredEvent decodes those on first access).
 */
export function unitEventCounts(decodeEvents = false): Projection<RequestEvent> {
  return {
    name: 'unit-event-counts',
    tables: [UNIT_COUNTS_TABLE],
    async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
      const counts = new Map<string, { events: number; lastPosition: string }>();
      let rejections = 0;
      for (const stored of events) {
        const { envelope, globalPosition } = stored;
        if (decodeEvents && stored.event.$case === 'requestRejected' && stored.event.value.requestId && stored.recordedAt.getTime() > 0) rejections++;
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
      if (decodeEvents && rejections !== events.length) throw new Error(`decoded ${rejections} rejections in a batch of ${events.length}`);
    },
  };
}

const peakRssFromKernel = (): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
};

async function main(): Promise<void> {
  const [url, batch, projectionName, limit] = process.argv.slice(2) as [string, string, ReplayProjection, string];
  const pool = new Pool({ connectionString: url, max: 2 });
  const store = new EventStore<RequestEvent>(pool, requestCodec);
  const projection = unitEventCounts(projectionName === 'decoding');
  const projector = new Projector(pool, store, projection, Number(batch));
  await pool.query('SELECT 1');
  const rssBefore = process.memoryUsage.rss();
  let peakSampled = rssBefore;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
  }, 25);
  const t0 = now();
  const deadline = t0 + Number(limit) * 1000;
  // Projector.rebuild() (reset, then catchUp's `while (await processBatch())`) with a time limit, so a
  // regression cannot stall the whole suite: a replay stopped by it is reported as incomplete.
  await projector.reset();
  let more = true;
  while (more && now() < deadline) more = await projector.processBatch();
  const seconds = (now() - t0) / 1000;
  clearInterval(sampler);
  peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
  const { rows } = await pool.query<{ events: string }>(`SELECT coalesce(sum(events), 0)::text AS events FROM ${UNIT_COUNTS_TABLE}`);
  await pool.end();
  process.stdout.write(
    `${JSON.stringify({ events: Number(rows[0].events), seconds, timedOut: more, rssBefore, peakSampled, peakRssKernel: peakRssFromKernel() })}\n`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
