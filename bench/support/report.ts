// Merges the benches' *.tmp figures into bench/results/latest.json (with machine info) and prints a table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { KAFKA_BROKERS, parseArgs, RESULTS_DIR, serverSettings } from './common';

type Json = Record<string, unknown>;
// The parts of what append/replay/relay.bench.ts write that the table prints.
interface Rate {
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}
interface AppendBlock {
  results: Record<string, Rate>;
  ratios: { oursVsEmmett: number; oursVsPgbench: number } & Json;
}
interface AppendFigures {
  c1?: AppendBlock;
  c16?: AppendBlock;
}
interface ReplayRun {
  complete: boolean;
  eventsProjected: number;
  eventsPerSec: number;
  peakRssMb: number;
}
interface ReplayFigures {
  sizes?: {
    events: number;
    ours: ReplayRun;
    oursDecodingEvents: ReplayRun;
    rawCopy: { rowsPerSec: number };
    ratioOursVsCopy: number | null;
    ratioOursDecodingEventsVsCopy: number | null;
  }[];
  peakRssGrowthLargeVsSmallMb?: Json;
}
interface RelayFigures {
  events: number;
  relay?: {
    ours: { eventsPerSec: number | null; complete: boolean; runs: { published: number }[] };
    bareProducer: { eventsPerSec: number };
    ratios: Json;
  };
  consumers: {
    bare: { eventsPerSec: number };
    runnerNoop: { eventsPerSec: number };
    runnerInbox: { eventsPerSec: number };
    ratios: { runnerNoopVsBare: number } & Json;
  };
}

interface ProposalsFigures {
  latency: { ratePerSecond: number; measuredSeconds: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; eventsNeverSeen: number };
  throughput: {
    eventsPerRound: number;
    runnerNoop: { eventsPerSec: number };
    runnerInbox: { eventsPerSec: number };
    proposals: { eventsPerSec: number | null };
    ratios: { proposalsVsRunnerNoop: number | null } & Json;
  };
  targets: Record<'latencyP50Ms' | 'latencyP99Ms' | 'proposalsVsRunnerNoop', TargetCheck>;
}

const readPartial = (name: string): Json | undefined => {
  const path = join(RESULTS_DIR, `${name}.tmp`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : undefined;
};

interface TargetCheck {
  target: string;
  measured: number | null;
  met: boolean;
}

const atLeast = (measured: number | null | undefined, minimum: number): TargetCheck => ({
  target: `>= ${minimum}`,
  measured: measured ?? null,
  met: typeof measured === 'number' && measured >= minimum,
});

/**
 * Every issue-3 target against what this run measured (a bench that failed counts as not met).
 * Bounded memory: the replay's peak RSS at N may exceed its peak at N/10 by at most 10%.
 */
function checkTargets(
  append: AppendFigures | undefined,
  replay: ReplayFigures | undefined,
  relay: RelayFigures | undefined,
  proposals: ProposalsFigures | undefined,
  withProposals: boolean,
): Record<string, TargetCheck> {
  const largest = replay?.sizes?.[replay.sizes.length - 1];
  const smallest = replay?.sizes?.[0];
  const rssGrowth = largest && smallest && largest !== smallest ? largest.ours.peakRssMb / smallest.ours.peakRssMb - 1 : null;
  return {
    appendC1OursVsEmmett: atLeast(append?.c1?.ratios.oursVsEmmett, 2),
    appendC16OursVsEmmett: atLeast(append?.c16?.ratios.oursVsEmmett, 2),
    appendC1OursVsPgbench: atLeast(append?.c1?.ratios.oursVsPgbench, 0.7),
    appendC16OursVsPgbench: atLeast(append?.c16?.ratios.oursVsPgbench, 0.7),
    replayOursVsCopyAtLargestN: atLeast(largest?.ratioOursVsCopy, 0.5),
    replayPeakRssGrowthLargestVsSmallestN: {
      target: '<= 10%',
      measured: rssGrowth === null ? null : Number((rssGrowth * 100).toFixed(1)),
      met: rssGrowth !== null && rssGrowth <= 0.1 && largest?.ours.complete === true,
    },
    consumerRunnerNoopVsBare: atLeast(relay?.consumers?.ratios.runnerNoopVsBare, 0.8),
    // issue 20, measured by proposals.bench.ts (not in a --quick run)
    ...(withProposals
      ? {
          proposalLatencyP50Ms: proposals?.targets.latencyP50Ms ?? { target: '<= 100', measured: null, met: false },
          proposalLatencyP99Ms: proposals?.targets.latencyP99Ms ?? { target: '<= 1000', measured: null, met: false },
          proposalConsumerVsRunnerNoop: proposals?.targets.proposalsVsRunnerNoop ?? { target: '>= 0.5', measured: null, met: false },
        }
      : {}),
  };
}

const fmt = (value: unknown): string =>
  value === null || value === undefined ? 'n/a' : typeof value === 'number' ? value.toLocaleString('en-US') : String(value);

async function main(): Promise<void> {
  const args = parseArgs();
  const append = readPartial('append') as AppendFigures | undefined;
  const replay = readPartial('replay') as ReplayFigures | undefined;
  const relay = readPartial('relay') as RelayFigures | undefined;
  const proposals = readPartial('proposals') as ProposalsFigures | undefined;
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
    targets: checkTargets(append, replay, relay, proposals, !args.quick),
    append: append ?? { missing: 'append bench failed or did not run' },
    replay: replay ?? { missing: 'replay bench failed or did not run' },
    relay: relay ?? { missing: 'relay bench failed or did not run' },
    ...(args.quick ? {} : { proposals: proposals ?? { missing: 'proposals bench failed or did not run' } }),
  };
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);

  const lines: string[] = [`bench (${result.mode}) — ${result.machine.cpus} cores, PostgreSQL ${result.machine.postgres.server_version}`];
  if (append) {
    lines.push('', '1. single-event appends/s (p50 / p99 ms)');
    for (const c of ['c1', 'c16'] as const) {
      const block = append[c];
      if (!block) continue;
      for (const [name, r] of Object.entries(block.results))
        lines.push(`  ${c.padEnd(4)} ${name.padEnd(34)} ${fmt(r.opsPerSec).padStart(9)}/s  ${fmt(r.p50Ms)} / ${fmt(r.p99Ms)}`);
      lines.push(`  ${c.padEnd(4)} ratios ${JSON.stringify(block.ratios)}`);
    }
  }
  if (replay?.sizes) {
    lines.push('', '2. replay into a projection (events/s, peak RSS)');
    for (const size of replay.sizes) {
      const run = (r: ReplayRun) =>
        `${fmt(r.eventsPerSec)}/s ${r.complete ? '' : `INCOMPLETE (${fmt(r.eventsProjected)} projected) `}peak ${fmt(r.peakRssMb)} MB`;
      lines.push(
        `  N=${fmt(size.events)}: ours ${run(size.ours)}; decoding every event ${run(size.oursDecodingEvents)}; raw COPY ${fmt(size.rawCopy.rowsPerSec)}/s; ` +
          `ratio ${fmt(size.ratioOursVsCopy)} (decoding ${fmt(size.ratioOursDecodingEventsVsCopy)})`,
      );
    }
    lines.push(`  peak RSS growth large vs small: ${JSON.stringify(replay.peakRssGrowthLargeVsSmallMb)} MB`);
  }
  if (relay?.relay) {
    const r = relay.relay;
    lines.push('', `3. relay of ${fmt(relay.events)} events and consumers (events/s)`);
    lines.push(
      `  relay ${fmt(r.ours.eventsPerSec)}${r.ours.complete ? '' : ` INCOMPLETE (published ${r.ours.runs.map((x) => x.published).join(', ')})`}; ` +
        `bare producer ${fmt(r.bareProducer.eventsPerSec)}; ratios ${JSON.stringify(r.ratios)}`,
    );
    const c = relay.consumers;
    lines.push(
      `  consumer bare ${fmt(c.bare.eventsPerSec)}; runner no-op ${fmt(c.runnerNoop.eventsPerSec)}; runner + inbox ${fmt(c.runnerInbox.eventsPerSec)}; ratios ${JSON.stringify(c.ratios)}`,
    );
  }
  if (proposals) {
    const { latency: l, throughput: t } = proposals;
    lines.push('', '4. proposals (issue 20)');
    lines.push(
      `  source event → updated proposal at ${fmt(l.ratePerSecond)}/s over ${fmt(l.measuredSeconds)} s: p50 ${fmt(l.p50Ms)} ms, p95 ${fmt(l.p95Ms)} ms, ` +
        `p99 ${fmt(l.p99Ms)} ms, max ${fmt(l.maxMs)} ms${l.eventsNeverSeen > 0 ? `, ${fmt(l.eventsNeverSeen)} NEVER SEEN` : ''}`,
    );
    lines.push(
      `  backlog of ${fmt(t.eventsPerRound)}: runner no-op ${fmt(t.runnerNoop.eventsPerSec)}/s; runner + inbox ${fmt(t.runnerInbox.eventsPerSec)}/s; ` +
        `proposal consumer ${fmt(t.proposals.eventsPerSec)}/s; ratios ${JSON.stringify(t.ratios)}`,
    );
  }
  lines.push('', 'targets');
  for (const [name, check] of Object.entries(result.targets)) {
    lines.push(`  ${name.padEnd(40)} ${fmt(check.measured).padStart(6)} (${check.target})  ${check.met ? 'met' : 'MISSED'}`);
  }
  lines.push('', `written: ${join(RESULTS_DIR, 'latest.json')}`);
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
