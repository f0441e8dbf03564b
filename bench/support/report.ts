// Merges the benches' *.tmp figures into bench/results/latest.json (with machine info) and prints a table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { KAFKA_BROKERS, parseArgs, RESULTS_DIR, serverSettings } from './common';

type Json = Record<string, unknown>;
// The parts of what append/replay/relay.bench.ts write that the table prints.
interface Rate { opsPerSec: number; p50Ms: number; p99Ms: number }
interface AppendFigures { c1?: { results: Record<string, Rate>; ratios: Json }; c16?: { results: Record<string, Rate>; ratios: Json } }
interface ReplayRun { complete: boolean; eventsProjected: number; eventsPerSec: number; peakRssMb: number }
interface ReplayFigures {
  sizes?: { events: number; ours: ReplayRun; oursDecodingEvents: ReplayRun; rawCopy: { rowsPerSec: number }; ratioOursVsCopy: number | null; ratioOursDecodingEventsVsCopy: number | null }[];
  peakRssGrowthLargeVsSmallMb?: Json;
}
interface RelayFigures {
  events: number;
  relay?: {
    ours: { eventsPerSec: number | null; complete: boolean; runs: { published: number }[] };
    bareProducer: { eventsPerSec: number };
    ratios: Json;
  };
  consumers: { bare: { eventsPerSec: number }; runnerNoop: { eventsPerSec: number }; runnerInbox: { eventsPerSec: number }; ratios: Json };
}

const readPartial = (name: string): Json | undefined => {
  const path = join(RESULTS_DIR, `${name}.tmp`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : undefined;
};

const fmt = (value: unknown): string => (value === null || value === undefined ? 'n/a' : typeof value === 'number' ? value.toLocaleString('en-US') : String(value));

async function main(): Promise<void> {
  const args = parseArgs();
  const append = readPartial('append') as AppendFigures | undefined;
  const replay = readPartial('replay') as ReplayFigures | undefined;
  const relay = readPartial('relay') as RelayFigures | undefined;
  const result = {
    generatedAt: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    args,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      kernel: release(),
      loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
      node: process.version,
      postgres: await serverSettings(),
      kafkaBrokers: KAFKA_BROKERS,
    },
    append: append ?? { missing: 'append bench failed or did not run' },
    replay: replay ?? { missing: 'replay bench failed or did not run' },
    relay: relay ?? { missing: 'relay bench failed or did not run' },
  };
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);

  const lines: string[] = [`bench (${result.mode}) — ${result.machine.cpus} cores, PostgreSQL ${result.machine.postgres.server_version}`];
  if (append) {
    lines.push('', '1. single-event appends/s (p50 / p99 ms)');
    for (const c of ['c1', 'c16'] as const) {
      const block = append[c];
      if (!block) continue;
      for (const [name, r] of Object.entries(block.results)) lines.push(`  ${c.padEnd(4)} ${name.padEnd(34)} ${fmt(r.opsPerSec).padStart(9)}/s  ${fmt(r.p50Ms)} / ${fmt(r.p99Ms)}`);
      lines.push(`  ${c.padEnd(4)} ratios ${JSON.stringify(block.ratios)}`);
    }
  }
  if (replay?.sizes) {
    lines.push('', '2. replay into a projection (events/s, peak RSS)');
    for (const size of replay.sizes) {
      const run = (r: ReplayRun) => `${fmt(r.eventsPerSec)}/s ${r.complete ? '' : `INCOMPLETE (${fmt(r.eventsProjected)} projected) `}peak ${fmt(r.peakRssMb)} MB`;
      lines.push(`  N=${fmt(size.events)}: ours ${run(size.ours)}; decoding every event ${run(size.oursDecodingEvents)}; raw COPY ${fmt(size.rawCopy.rowsPerSec)}/s; ` +
        `ratio ${fmt(size.ratioOursVsCopy)} (decoding ${fmt(size.ratioOursDecodingEventsVsCopy)})`);
    }
    lines.push(`  peak RSS growth large vs small: ${JSON.stringify(replay.peakRssGrowthLargeVsSmallMb)} MB`);
  }
  if (relay?.relay) {
    const r = relay.relay;
    lines.push('', `3. relay of ${fmt(relay.events)} events and consumers (events/s)`);
    lines.push(`  relay ${fmt(r.ours.eventsPerSec)}${r.ours.complete ? '' : ` INCOMPLETE (published ${r.ours.runs.map((x) => x.published).join(', ')})`}; ` +
      `bare producer ${fmt(r.bareProducer.eventsPerSec)}; ratios ${JSON.stringify(r.ratios)}`);
    const c = relay.consumers;
    lines.push(`  consumer bare ${fmt(c.bare.eventsPerSec)}; runner no-op ${fmt(c.runnerNoop.eventsPerSec)}; runner + inbox ${fmt(c.runnerInbox.eventsPerSec)}; ratios ${JSON.stringify(c.ratios)}`);
  }
  lines.push('', `written: ${join(RESULTS_DIR, 'latest.json')}`);
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
