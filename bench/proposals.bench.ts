/**
 * Issue 20 benchmark: evaluation's indicator proposals, moved by the request topic.
 * 1. Latency. The evaluation service runs as its own process (main.ts: relay, projections and all its
 *    consumers) on a fresh database and this run's topics. 50 units are lokus of an open cycle.
 *    Complaint events (each complaint's ComplaintReceived via SP4N-LAPOR!, then its ComplaintResolved)
 *    are published at a steady 100 events/s (--proposal-rate), as the request service's relay publishes them
 *    (KafkaPublisher, keyed by stream, envelope in the headers). An event's latency runs from just
 *    before its publish to the moment this process sees the unit's 28.e.Ak proposal row name it among
 *    its source events (see Detector for how, and why that does not slow the service).
 * 2. Throughput, in one run. A backlog of source events of another tenant already on a fresh topic is
 *    read from offset 0, one after the other, by: ConsumerRunner with a no-op EventConsumer (what
 *    relay.bench.ts measures), ConsumerRunner with an InboxConsumer writing one row per event (the
 *    ceiling of any inbox consumer), and the proposal consumer itself (the service's own
 *    RequestProposalFiguresConsumer with its inbox and recompute, wired by its AppModule, nothing else
 *    of the service running). A fresh topic and tenant per round.
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/proposals.bench.ts \
 *     [--quick] [--proposal-seconds N] [--proposal-rate N] [--proposal-events N]
 * Writes bench/results/proposals.json, and bench/results/proposals.tmp for bench/support/report.ts.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic, type EventEnvelope, envelopeToHeaders, type RequestEvent, requestCodec, requestPb, topics } from '@lib/contracts';
import type { OutgoingMessage } from '@lib/event-sourcing';
import {
  ConsumerRunner,
  createKafka,
  DeadLetterCipher,
  type Delivery,
  DEVELOPMENT_DLQ_ENCRYPTION_KEY,
  ensureTopics,
  type EventConsumer,
  type InboxConsumer,
  KafkaPublisher,
} from '@lib/messaging';
import {
  createLogger,
  createPool,
  DEFAULT_DEV_SIGNING_SECRET,
  DEV_USERS,
  issueDevToken,
  loadServiceConfig,
  PinoNestLogger,
  runWithContext,
} from '@lib/platform';
import { applicationDatabaseUrl, ensureApplicationRole } from '@lib/testing';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Kafka, Partitioners } from 'kafkajs';
import { Client, Pool, type PoolClient } from 'pg';
import { AppModule } from '../services/evaluation/src/app.module';
import { EvaluationConfig } from '../services/evaluation/src/config';
import { FindingsRecomputeWorker } from '../services/evaluation/src/evaluation/commands/findings-recompute.worker';
import { RequestProposalFiguresConsumer } from '../services/evaluation/src/evaluation/consumers/request-proposal-figures.consumer';
import { createScratchDatabase, KAFKA_BROKERS, log, median, now, parseArgs, percentile, RESULTS_DIR, round, SERVER_URL, writePartial } from './support/common';
import { agent, call, expectOk, startProcess, stopProcess, waitForPort } from './support/service-process';

/** About the OPDs of a kota. */
const UNITS = 50;
const PORT = 3204;
const PRODUCE_BATCH = 500;
/** The indicator whose source events are every event of every complaint of the unit. */
const WATCHED_INDICATOR = '28.e.Ak';
/** The indicators events can evidence (pekppp-2023): each lokus has that many proposals from its assignment on. */
const PROPOSED_INDICATORS = 10;
/** A check the service's NOTIFY did not trigger, in case a commit changed the row without appending. */
const FALLBACK_POLL_MS = 200;
const LATENCY_TARGETS = { ratePerSecond: 100, p50Ms: 100, p99Ms: 1000 };
const RATIO_TARGET = 0.5;

const runId = randomBytes(4).toString('hex');
const unitIds = Array.from({ length: UNITS }, (_, i) => `opd-${String(i + 1).padStart(2, '0')}`);

interface Tenant {
  tenantId: string;
  cycleId: string;
}

// ── source events ─────────────────────────────────────────────────────────────────────────────

/**
 * The i-th source event of a tenant: even i receives complaint i/2 (through SP4N-LAPOR!), odd i
 * resolves it, for unit (i/2) mod UNITS. Both change the figures of 26–28 (received, resolved).
 */
function sourceEvent(tenantId: string, i: number, complaintIds: string[], occurredAt: string): { event: RequestEvent; envelope: EventEnvelope } {
  const complaint = Math.floor(i / 2);
  complaintIds[complaint] ??= randomUUID();
  const complaintId = complaintIds[complaint];
  const unitId = unitIds[complaint % UNITS];
  const event: RequestEvent =
    i % 2 === 0
      ? {
          $case: 'complaintReceived',
          value: {
            complaintId,
            unitId,
            channel: requestPb.ComplaintChannel.COMPLAINT_CHANNEL_LAPOR,
            category: requestPb.ComplaintCategory.COMPLAINT_CATEGORY_GRIEVANCE,
            laporReference: `LAPOR-${complaint}`,
            subject: '',
            description: '',
            receivedAt: occurredAt,
            statusDueDate: '2026-12-31',
            resolutionDueDate: '2026-12-31',
            ruleset: 'complaints-2018@1',
            provisional: false,
            reporterRef: `ref-${complaint}`,
            calendarId: 'id-national@2026-1',
            deadlinesProvisional: false,
          },
        }
      : { $case: 'complaintResolved', value: { complaintId, resolvedAt: occurredAt, withinDeadline: true, viaLapor: true } };
  const envelope: EventEnvelope = {
    eventId: randomUUID(),
    eventType: requestCodec.typeOf(event),
    streamId: `complaint-${complaintId}`,
    streamVersion: (i % 2) + 1,
    occurredAt,
    tenantId,
    unitId,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actorId: 'bench-producer',
    actorRole: 'system',
  };
  return { event, envelope };
}

/** As the request service's relay sends it: keyed by stream, protobuf value, envelope in the headers. */
const toMessage = ({ event, envelope }: { event: RequestEvent; envelope: EventEnvelope }): OutgoingMessage => ({
  key: envelope.streamId,
  value: Buffer.from(requestCodec.encode(event)),
  headers: envelopeToHeaders(envelope),
});

// ── setup through the service's HTTP API ──────────────────────────────────────────────────────

async function openCycle(tenant: Tenant): Promise<void> {
  const token = await issueDevToken({ ...DEV_USERS['admin-orpeg'], tenantId: tenant.tenantId }, DEFAULT_DEV_SIGNING_SECRET, new Date());
  const admin = { Authorization: `Bearer ${token}` };
  await expectOk(
    call(PORT, 'POST', '/cycles', admin, {
      cycleId: tenant.cycleId,
      name: 'PEKPPP 2026',
      rulesetId: 'pekppp-2023',
      rulesetVersion: 1,
      windowStart: '2026-01-01',
      windowEnd: '2099-12-31',
      selfAssessmentDue: '2099-12-30',
    }),
    'open the cycle',
  );
  for (const unitId of unitIds) {
    await expectOk(
      call(PORT, 'PUT', `/cycles/${tenant.cycleId}/units/${unitId}`, admin, { evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' }),
      `assign ${unitId}`,
    );
  }
}

/** Until every unit is a lokus in the cycle read model and has its first proposals (UnitLokusProposalsConsumer). */
async function untilProposed(pool: Pool, tenants: Tenant[]): Promise<void> {
  const deadline = now() + 120_000;
  for (;;) {
    const { rows } = await pool.query<{ ready: boolean }>(
      `SELECT bool_and(
         (SELECT count(*) FROM cycles_v1 c, jsonb_object_keys(c.state -> 'units') WHERE c.tenant_id = t.tenant_id AND c.cycle_id = t.cycle_id AND c.status = 'open') = $3::int
         AND (SELECT count(*) FROM indicator_proposals_v1 p WHERE p.tenant_id = t.tenant_id AND p.cycle_id = t.cycle_id) = $3::int * $4::int) AS ready
       FROM unnest($1::text[], $2::text[]) AS t(tenant_id, cycle_id)`,
      [tenants.map((t) => t.tenantId), tenants.map((t) => t.cycleId), UNITS, PROPOSED_INDICATORS],
    );
    if (rows[0].ready) return;
    if (now() > deadline) throw new Error('the units had no proposals within 120 s of their assignment');
    await sleep(250);
  }
}

// ── latency ───────────────────────────────────────────────────────────────────────────────────

interface Sent {
  unitId: string;
  sentAt: number;
  /** Seconds into the measured window; undefined during the warm-up. */
  second?: number;
}

/**
 * Sees when each sent event is in the proposals. It LISTENs on `events_appended`, the channel the
 * service's relay already listens on: the recompute appends IndicatorProposalChanged in the very
 * transaction that rewrites the proposal row, and a NOTIFY inside a transaction is delivered when it
 * commits. On each notification it asks, in one indexed query, which events still outstanding the
 * watched proposal rows of their units now name; an event is seen when that query returns, so a
 * latency is late by at most one query (detectorCheckMedianMs), never early. The service does no extra
 * work for it: one more listener on a channel, and at most one small read per commit. A poll every
 * FALLBACK_POLL_MS catches a row changed without an append; what the poll saw first is counted.
 */
class Detector {
  readonly outstanding = new Map<string, Sent>();
  /** Latency of each measured event, by the second of the measured window it was sent in. */
  readonly latenciesMs: number[][] = [];
  /** Events a poll saw before any notification did: it ran between a commit and its NOTIFY's arrival, or no NOTIFY came. */
  foundByFallbackPoll = 0;
  checks = 0;
  private readonly checkMs: number[] = [];
  private checking = false;
  private again = false;
  private notified = false;
  private poller?: NodeJS.Timeout;
  private allSeen?: () => void;

  constructor(
    private readonly listener: Client,
    private readonly reader: Client,
    private readonly tenant: Tenant,
  ) {}

  async start(): Promise<void> {
    this.listener.on('notification', () => {
      this.notified = true;
      void this.check();
    });
    await this.listener.query('LISTEN events_appended');
    this.poller = setInterval(() => void this.check(), FALLBACK_POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.poller);
    await this.listener.query('UNLISTEN events_appended');
  }

  sent(eventId: string, sent: Sent): void {
    this.outstanding.set(eventId, sent);
  }

  /** Resolves once nothing is outstanding, or after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<void> {
    if (this.outstanding.size === 0) return;
    await Promise.race([new Promise<void>((resolve) => (this.allSeen = resolve)), sleep(timeoutMs)]);
  }

  medianCheckMs(): number {
    return round(median(this.checkMs), 2);
  }

  private async check(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        const byNotification = this.notified;
        this.notified = false;
        if (this.outstanding.size === 0) continue;
        const ids = [...this.outstanding.keys()];
        const began = now();
        const { rows } = await this.reader.query<{ event_id: string }>({
          name: 'seen',
          text: `SELECT p.event_id FROM unnest($3::text[], $4::text[]) AS p(unit_id, event_id)
                 JOIN indicator_proposals_v1 r ON r.tenant_id = $1 AND r.cycle_id = $2 AND r.unit_id = p.unit_id AND r.indicator_code = $5
                 WHERE p.event_id = ANY (r.source_event_ids)`,
          values: [this.tenant.tenantId, this.tenant.cycleId, ids.map((id) => this.outstanding.get(id)?.unitId), ids, WATCHED_INDICATOR],
        });
        const seenAt = now();
        this.checks++;
        this.checkMs.push(seenAt - began);
        for (const { event_id: eventId } of rows) {
          const sent = this.outstanding.get(eventId);
          if (!sent) continue;
          this.outstanding.delete(eventId);
          if (sent.second !== undefined) (this.latenciesMs[sent.second] ??= []).push(seenAt - sent.sentAt);
          if (!byNotification) this.foundByFallbackPoll++;
        }
        if (this.outstanding.size === 0) this.allSeen?.();
      } while (this.again);
    } finally {
      this.checking = false;
    }
  }
}

interface LatencyFigures {
  ratePerSecond: number;
  warmUpSeconds: number;
  measuredSeconds: number;
  eventsSent: number;
  eventsMeasured: number;
  eventsSeen: number;
  eventsNeverSeen: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  produceAckP50Ms: number;
  produceAckP99Ms: number;
  scheduleLagMaxMs: number;
  /** Per second of the measured window, by when the events were sent: a growing p50 means the service fell behind. */
  timeline: { second: number; p50Ms: number; maxMs: number }[];
  /** Transactions of the service that recomputed proposals after source events, and what they held on average. */
  recomputeTransactions: number;
  sourceEventsPerRecomputeTransaction: number;
  /** Units whose proposals a transaction changed, summed over the transactions: what the service recomputed per source event. */
  unitRecomputesPerSourceEvent: number;
  /**
   * What the IndicatorProposalChanged events caused by the source events weigh in the event store
   * (payload and metadata, as stored): each carries every source event id behind its proposal.
   */
  proposalChangedBytesPerSourceEvent: number;
  proposalChangedBytesLargest: number;
  /** Commits in the evaluation database (all of the service's workers, read-only ones too) per source event, from pg_stat_database. */
  databaseCommitsPerSourceEvent: number;
  foundByFallbackPoll: number;
  detectorChecks: number;
  detectorCheckMedianMs: number;
  proposalsMatchEvents: boolean;
  deadLettered: number;
  met: { p50: boolean; p99: boolean };
}

async function measureLatency(
  kafka: Kafka,
  ratePerSecond: number,
  ownerUrl: string,
  tenant: Tenant,
  requestTopic: string,
  seconds: number,
  warmUpSeconds: number,
): Promise<LatencyFigures> {
  const listener = new Client({ connectionString: ownerUrl });
  const reader = new Client({ connectionString: ownerUrl });
  await Promise.all([listener.connect(), reader.connect()]);
  const detector = new Detector(listener, reader, tenant);
  const publisher = new KafkaPublisher(kafka);
  const complaintIds: string[] = [];
  const acks: number[] = [];
  const publishes: Promise<void>[] = [];
  const sentIds: string[] = [];
  let scheduleLagMaxMs = 0;
  const commitsBefore = await databaseCommits(reader);
  try {
    await detector.start();
    const total = (warmUpSeconds + seconds) * ratePerSecond;
    const measuredFrom = warmUpSeconds * ratePerSecond;
    const intervalMs = 1000 / ratePerSecond;
    const start = now() + 50;
    log(`latency: ${total} source events at ${ratePerSecond}/s (the first ${measuredFrom} are a warm-up)`);
    for (let i = 0; i < total; i++) {
      const due = start + i * intervalMs;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      const source = sourceEvent(tenant.tenantId, i, complaintIds, new Date().toISOString());
      const message = toMessage(source);
      const sentAt = now();
      scheduleLagMaxMs = Math.max(scheduleLagMaxMs, sentAt - due);
      sentIds.push(source.envelope.eventId);
      detector.sent(source.envelope.eventId, {
        unitId: source.envelope.unitId,
        sentAt,
        second: i >= measuredFrom ? Math.floor((i - measuredFrom) / ratePerSecond) : undefined,
      });
      publishes.push(publisher.publish(requestTopic, [message]).then(() => void acks.push(now() - sentAt)));
    }
    await Promise.all(publishes);
    await detector.drained(30_000);
  } finally {
    await detector.stop().catch(() => undefined);
    await publisher.disconnect().catch(() => undefined);
  }
  const neverSeen = detector.outstanding.size;
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const latencies = sorted(detector.latenciesMs.flat());
  acks.sort((a, b) => a - b);
  const eventsSent = sentIds.length;
  // less the detector's own queries, each a transaction of its own
  const commits = (await databaseCommits(reader)) - commitsBefore - detector.checks;
  const changes = (
    await reader.query<{ transactions: number; unit_recomputes: number; bytes: string; largest: number }>(
      `SELECT count(DISTINCT transaction_id)::int AS transactions, count(DISTINCT (transaction_id, stream_id))::int AS unit_recomputes,
              sum(pg_column_size(payload) + pg_column_size(metadata)) AS bytes, max(pg_column_size(payload) + pg_column_size(metadata)) AS largest
       FROM events WHERE event_type = 'IndicatorProposalChanged' AND metadata ->> 'causationId' = ANY ($1::text[])`,
      [sentIds],
    )
  ).rows[0];
  const proposalsMatchEvents = await complaintsCounted(reader, tenant, complaintIds.length);
  await Promise.all([listener.end(), reader.end()]);
  const figures = {
    ratePerSecond,
    warmUpSeconds,
    measuredSeconds: seconds,
    eventsSent,
    eventsMeasured: seconds * ratePerSecond,
    eventsSeen: eventsSent - neverSeen,
    eventsNeverSeen: neverSeen,
    p50Ms: round(percentile(latencies, 50), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(latencies[latencies.length - 1] ?? NaN, 1),
    produceAckP50Ms: round(percentile(acks, 50), 1),
    produceAckP99Ms: round(percentile(acks, 99), 1),
    scheduleLagMaxMs: round(scheduleLagMaxMs, 1),
    timeline: detector.latenciesMs.map((values, second) => {
      const ordered = sorted(values ?? []);
      return { second, p50Ms: round(percentile(ordered, 50), 1), maxMs: round(ordered[ordered.length - 1] ?? NaN, 1) };
    }),
    recomputeTransactions: changes.transactions,
    sourceEventsPerRecomputeTransaction: round(eventsSent / changes.transactions, 2),
    unitRecomputesPerSourceEvent: round(changes.unit_recomputes / eventsSent, 3),
    proposalChangedBytesPerSourceEvent: Math.round(Number(changes.bytes) / eventsSent),
    proposalChangedBytesLargest: changes.largest,
    databaseCommitsPerSourceEvent: round(commits / eventsSent, 2),
    foundByFallbackPoll: detector.foundByFallbackPoll,
    detectorChecks: detector.checks,
    detectorCheckMedianMs: detector.medianCheckMs(),
    proposalsMatchEvents,
    deadLettered: await highWatermarkTotal(kafka, deadLetterTopic(requestTopic)),
  };
  // the target is at 100 events/s: a slower run measures something else
  const complete = neverSeen === 0 && proposalsMatchEvents && figures.deadLettered === 0 && ratePerSecond >= LATENCY_TARGETS.ratePerSecond;
  return {
    ...figures,
    met: { p50: complete && figures.p50Ms <= LATENCY_TARGETS.p50Ms, p99: complete && figures.p99Ms <= LATENCY_TARGETS.p99Ms },
  };
}

/** Commits in the connected database so far, read-only ones included; approximate, as a backend reports them at most once a second. */
async function databaseCommits(db: Pick<Client, 'query'>): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0].n);
}

/** Every unit's 28.e.Ak counts each of its complaints once, received and resolved: nothing lost, nothing twice. */
async function complaintsCounted(db: Pick<Client, 'query'>, tenant: Tenant, complaints: number): Promise<boolean> {
  const { rows } = await db.query<{ unit_id: string; received: number; resolved: number }>(
    `SELECT unit_id, (figures ->> 'received')::int AS received, (figures ->> 'resolved')::int AS resolved
     FROM indicator_proposals_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND indicator_code = $3`,
    [tenant.tenantId, tenant.cycleId, WATCHED_INDICATOR],
  );
  const expected = (unit: number) => Math.floor(complaints / UNITS) + (unit < complaints % UNITS ? 1 : 0);
  const byUnit = new Map(rows.map((row) => [row.unit_id, row]));
  return unitIds.every((unitId, k) => byUnit.get(unitId)?.received === expected(k) && byUnit.get(unitId)?.resolved === expected(k));
}

// ── throughput ────────────────────────────────────────────────────────────────────────────────

async function highWatermarkTotal(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return 0;
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

type Contestant = 'runner-noop' | 'runner-inbox' | 'proposals';
const CONTESTANTS: readonly Contestant[] = ['runner-noop', 'runner-inbox', 'proposals'];

interface Consumed {
  messages: number;
  /** From the first message handed to the handler to the last one done: steady state, without the group join. */
  eventsPerSec: number;
  secondsIncludingJoin: number;
  /**
   * The proposal consumer only: from the first message to the last batch's figures written, before the
   * recompute worker has drained the units it marked (not what the ratio counts; shows where the time goes).
   */
  eventsPerSecBeforeRecomputeDrained?: number;
  /** Batches the runner rolled back and redid one by one (a valid run has none). */
  rolledBack: number;
  /** Every event recorded in the contestant's inbox (always true for the no-op). */
  complete: boolean;
  /** The proposal consumer's statements, from the first message to the last. */
  profile?: ReturnType<ConsumerProfile['stop']>;
}

interface Backlog {
  topic: string;
  tenant: Tenant;
  eventIds: string[];
  complaints: number;
}

/** M source events of a fresh tenant on a fresh topic, produced before any contestant reads it. */
async function produceBacklog(kafka: Kafka, tenant: Tenant, round: number, events: number): Promise<Backlog> {
  const topic = `bench-${runId}.backlog-${round}.${topics.request}`; // under the run's prefix: deleted with the service's topics
  await ensureTopics(kafka, [topic]);
  const complaintIds: string[] = [];
  const occurredAt = new Date().toISOString();
  const sources = Array.from({ length: events }, (_, i) => sourceEvent(tenant.tenantId, i, complaintIds, occurredAt));
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    for (let start = 0; start < sources.length; start += PRODUCE_BATCH) {
      await producer.send({ topic, acks: -1, messages: sources.slice(start, start + PRODUCE_BATCH).map(toMessage) });
    }
  } finally {
    await producer.disconnect();
  }
  const produced = await highWatermarkTotal(kafka, topic);
  if (produced !== events) throw new Error(`the backlog has ${produced} of ${events} events`);
  return { topic, tenant, eventIds: sources.map((s) => s.envelope.eventId), complaints: complaintIds.length };
}

type Phase = 'apply' | 'recompute' | 'runner';

/** One kind of statement the proposal consumer sent: in which phase, how often per source event, how long it waited for PostgreSQL. */
interface StatementFigure {
  statement: string;
  phase: Phase;
  perSourceEvent: number;
  msTotal: number;
  msMean: number;
}

/**
 * Where the proposal consumer's time goes, by phase: `apply` (each event into the figure tables),
 * `recompute` (afterApply: the proposals of each unit the transaction touched) and `runner` (the
 * rest: BEGIN, the locks, the inbox, COMMIT, Kafka, decoding). Every statement sent through the
 * service's pool while it is on is timed from the call to the answer (the consumer awaits each before
 * the next, so that is its wait for PostgreSQL, round trip included), told apart by its first words.
 */
class ConsumerProfile {
  private readonly byStatement = new Map<string, { phase: Phase; count: number; ms: number }>();
  private on = false;
  private phase: Phase = 'runner';
  private readonly phaseMs = { apply: 0, recompute: 0 };
  private unitRecomputes = 0;

  constructor(pool: Pool) {
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const answer = query(...args);
        const config = args[0] as string | { text?: string } | undefined;
        const text = typeof config === 'string' ? config : config?.text;
        if (this.on && text && answer instanceof Promise) {
          const began = now();
          const phase = this.phase;
          const done = () => this.record(text, phase, now() - began);
          answer.then(done, done);
        }
        return answer;
      };
    });
  }

  start(): void {
    this.byStatement.clear();
    this.phaseMs.apply = 0;
    this.phaseMs.recompute = 0;
    this.unitRecomputes = 0;
    this.on = true;
  }

  /** Runs `work` as `phase` (one transaction at a time: the consumer never overlaps two). */
  async in<T>(phase: Exclude<Phase, 'runner'>, work: () => Promise<T>): Promise<T> {
    const began = now();
    this.phase = phase;
    try {
      return await work();
    } finally {
      this.phase = 'runner';
      this.phaseMs[phase] += now() - began;
    }
  }

  recomputed(units: number): void {
    this.unitRecomputes += units;
  }

  stop(sourceEvents: number, wallMs: number) {
    this.on = false;
    const rows = [...this.byStatement.entries()].sort(([, a], [, b]) => b.ms - a.ms);
    const sum = (phase: Phase | undefined, field: 'count' | 'ms') =>
      rows.filter(([, r]) => phase === undefined || r.phase === phase).reduce((total, [, r]) => total + r[field], 0);
    const runnerMs = wallMs - this.phaseMs.apply - this.phaseMs.recompute;
    return {
      statementsPerSourceEvent: round(sum(undefined, 'count') / sourceEvents, 2),
      waitingForPostgresShare: round(sum(undefined, 'ms') / wallMs, 2),
      unitRecomputesPerSourceEvent: round(this.unitRecomputes / sourceEvents, 3),
      phases: {
        apply: { msPerSourceEvent: round(this.phaseMs.apply / sourceEvents, 3), statementsPerSourceEvent: round(sum('apply', 'count') / sourceEvents, 2) },
        recompute: {
          msPerUnitRecompute: round(this.phaseMs.recompute / this.unitRecomputes, 2),
          statementsPerUnitRecompute: round(sum('recompute', 'count') / this.unitRecomputes, 2),
          msPerSourceEvent: round(this.phaseMs.recompute / sourceEvents, 3),
        },
        runner: { msPerSourceEvent: round(runnerMs / sourceEvents, 3), statementsPerSourceEvent: round(sum('runner', 'count') / sourceEvents, 2) },
      },
      statements: rows.map(([statement, r]): StatementFigure => ({
        statement,
        phase: r.phase,
        perSourceEvent: round(r.count / sourceEvents, 3),
        msTotal: round(r.ms, 0),
        msMean: round(r.ms / r.count, 2),
      })),
    };
  }

  private record(text: string, phase: Phase, ms: number): void {
    const statement = text.replace(/\s+/g, ' ').trim().slice(0, 80);
    const key = `${phase} ${statement}`;
    const entry = this.byStatement.get(key) ?? { phase, count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    this.byStatement.set(key, entry);
  }
}

interface ThroughputContext {
  kafka: Kafka;
  /** The service's pool (the application role), which the proposal consumer writes through. */
  appPool: Pool;
  /** The schema owner's pool, for the bench's effect table and the checks. */
  ownerPool: Pool;
  proposals: RequestProposalFiguresConsumer;
  /** The service's recompute worker, run beside the proposal consumer as BackgroundWorkers runs it. */
  recompute: FindingsRecomputeWorker;
  profile: ConsumerProfile;
}

/**
 * Runs the recompute worker until `stop` is called and no unit is left marked: woken by a poll every
 * 10 ms instead of NOTIFY (the bench's pool has no listener), one unit per transaction as in the service.
 */
function runRecomputeWorker(ctx: ThroughputContext): { stop: () => Promise<number> } {
  let stopping = false;
  let units = 0;
  const loop = (async () => {
    for (;;) {
      const more = await ctx.profile.in('recompute', () => ctx.recompute.next());
      if (more) units++;
      else if (stopping) return;
      else await sleep(10);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
      return units;
    },
  };
}

async function consume(ctx: ThroughputContext, backlog: Backlog, kind: Contestant): Promise<Consumed> {
  const target = backlog.eventIds.length;
  const tag = randomBytes(4).toString('hex');
  let count = 0;
  let first = 0;
  let last = 0;
  let rolledBack = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = () => {
    if (first === 0) first = now();
  };
  const handled = (n: number) => {
    count += n;
    if (count >= target && last === 0) {
      last = now();
      done();
    }
  };
  const deadLetterCipher = new DeadLetterCipher(DEVELOPMENT_DLQ_ENCRYPTION_KEY);
  let runner: ConsumerRunner<RequestEvent>;
  let inboxName: string | undefined;
  if (kind === 'runner-noop') {
    // as relay.bench.ts: a tick per message, nothing else
    const noop: EventConsumer<RequestEvent> = {
      groupId: `bench-noop-${tag}`,
      topic: backlog.topic,
      handle: async () => {
        started();
        handled(1);
      },
    };
    runner = new ConsumerRunner(ctx.kafka, noop, requestCodec, { deadLetterCipher });
  } else if (kind === 'runner-inbox') {
    inboxName = `bench-inbox-${tag}`;
    const inbox: InboxConsumer<RequestEvent> = {
      groupId: inboxName,
      topic: backlog.topic,
      pool: ctx.ownerPool,
      apply: async (delivery: Delivery<RequestEvent>, tx: PoolClient) => {
        started();
        await tx.query({
          name: 'bench-effect',
          text: 'INSERT INTO bench_effects (consumer, event_id) VALUES ($1, $2)',
          values: [inboxName, delivery.envelope.eventId],
        });
      },
      afterApply: async (applied) => handled(applied.length),
    };
    runner = new ConsumerRunner(ctx.kafka, inbox, requestCodec, { deadLetterCipher });
  } else {
    const { proposals } = ctx;
    inboxName = proposals.groupId;
    // the service's consumer, on this round's topic (as BackgroundWorkers puts it on its prefixed topic)
    const inbox: InboxConsumer<RequestEvent> = {
      groupId: proposals.groupId,
      topic: backlog.topic,
      pool: proposals.pool,
      apply: (delivery, tx) => {
        started();
        return ctx.profile.in('apply', () => proposals.apply(delivery, tx));
      },
      beforeApply: (toApply, tx) => ctx.profile.in('apply', () => proposals.beforeApply(toApply, tx)),
      afterApply: async (applied, tx) => {
        await ctx.profile.in('apply', () => proposals.afterApply(applied, tx));
        handled(applied.length);
      },
    };
    // the options BackgroundWorkers gives every consumer of the service
    runner = new ConsumerRunner(ctx.kafka, inbox, requestCodec, {
      groupIdPrefix: `bench-${tag}.`,
      deadLetterCipher,
      probeDatabase: () => ctx.appPool.query('SELECT 1'),
      withContext: (envelope, fn) => (envelope ? runWithContext({ correlationId: envelope.correlationId, causationId: envelope.eventId }, fn) : fn()),
      log: (level, message, fields) => {
        if (message.startsWith('inbox batch rolled back')) rolledBack++;
        if (level !== 'info') log(`proposal consumer ${level}: ${message} ${JSON.stringify(fields)}`);
      },
    });
  }
  const t0 = now();
  if (kind === 'proposals') ctx.profile.start();
  const worker = kind === 'proposals' ? runRecomputeWorker(ctx) : undefined;
  await runner.start();
  await finished;
  const figuresWritten = last;
  if (worker) {
    // the proposal consumer is done when the last unit it marked is recomputed
    ctx.profile.recomputed(await worker.stop());
    last = now();
  }
  const profile = kind === 'proposals' ? ctx.profile.stop(target, last - first) : undefined;
  await runner.stop();
  const complete =
    inboxName === undefined
      ? true
      : (
          await ctx.ownerPool.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = ANY ($2::uuid[])`, [
            inboxName,
            backlog.eventIds,
          ])
        ).rows[0].n === target &&
        (kind !== 'proposals' || (await complaintsCounted(ctx.ownerPool, backlog.tenant, backlog.complaints)));
  return {
    messages: target,
    eventsPerSec: round((target - 1) / ((last - first) / 1000), 0),
    secondsIncludingJoin: round((last - t0) / 1000, 2),
    eventsPerSecBeforeRecomputeDrained: worker ? round((target - 1) / ((figuresWritten - first) / 1000), 0) : undefined,
    rolledBack,
    complete,
    profile,
  };
}

/**
 * The service's modules wired as main.ts wires them, without initialising the app: no relay,
 * projection or consumer starts, so the bench runs the proposal consumer alone, with the very
 * instance (and dependencies, and pool) the service would run.
 */
async function wireService(env: Record<string, string | undefined>): Promise<INestApplication> {
  const { config, auth } = loadServiceConfig(EvaluationConfig, env);
  const logger = createLogger('evaluation', config.LOG_LEVEL);
  return NestFactory.create(AppModule.register(config, logger, auth), { logger: new PinoNestLogger(logger), bodyParser: false });
}

/** Deletes this run's topics: the service's own (request, survey and evaluation, and their dead letters) and the backlogs. */
async function deleteRunTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const made = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (made.length > 0) await admin.deleteTopics({ topics: made });
  } catch (error) {
    log(`could not delete topics: ${String(error)}`);
  } finally {
    await admin.disconnect();
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const args = parseArgs();
  const rounds = args.quick ? 1 : 3;
  const warmUpSeconds = args.quick ? 2 : 5;
  const topicPrefix = `bench-${runId}.`;
  const latencyTenant: Tenant = { tenantId: `bench-${runId}-latency`, cycleId: randomUUID() };
  const backlogTenants: Tenant[] = Array.from({ length: rounds }, (_, r) => ({ tenantId: `bench-${runId}-backlog-${r}`, cycleId: randomUUID() }));
  await ensureApplicationRole(SERVER_URL);
  const db = await createScratchDatabase('pantau_bench_evaluation');
  const kafka = createKafka({ brokers: KAFKA_BROKERS, clientId: 'pantau-bench' });
  const logger = createLogger('bench', 'warn');
  const serviceEnv = {
    NODE_ENV: 'development',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_MIGRATION_URL: db.url,
    DATABASE_URL: applicationDatabaseUrl(db.url),
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    KAFKA_CLIENT_ID: 'pantau-evaluation-bench',
    KAFKA_CONSUMER_GROUP_PREFIX: topicPrefix,
    // this run's own topics: the tests' consumers, which read theirs from the beginning, never see them
    KAFKA_TOPIC_PREFIX: topicPrefix,
    AUTH_MODE: 'dev',
    AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
    LOG_LEVEL: 'warn',
  };
  const service = startProcess('evaluation', 'services/evaluation/src/main.ts', serviceEnv);
  let ownerPool: Pool | undefined;
  let wired: INestApplication | undefined;
  try {
    await waitForPort(PORT, '/health/live');
    ownerPool = createPool(db.url, logger, 4);
    log(`evaluation service up; ${1 + rounds} tenants with ${UNITS} units each, lokus of an open cycle`);
    for (const tenant of [latencyTenant, ...backlogTenants]) await openCycle(tenant);
    await untilProposed(ownerPool, [latencyTenant, ...backlogTenants]);

    const requestTopic = `${topicPrefix}${topics.request}`;
    const latency = await measureLatency(kafka, args.proposalRate, db.url, latencyTenant, requestTopic, args.proposalSeconds, warmUpSeconds);
    log(`latency: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms (${latency.eventsNeverSeen} never seen)`);
    await stopProcess(service);

    await ownerPool.query(`CREATE TABLE bench_effects (consumer text NOT NULL, event_id uuid NOT NULL, PRIMARY KEY (consumer, event_id))`);
    wired = await wireService({ ...process.env, ...serviceEnv });
    const appPool = wired.get(Pool);
    const ctx: ThroughputContext = {
      kafka,
      appPool,
      ownerPool,
      proposals: wired.get(RequestProposalFiguresConsumer),
      recompute: wired.get(FindingsRecomputeWorker),
      profile: new ConsumerProfile(appPool),
    };
    const samples: Record<Contestant, Consumed[]> = { 'runner-noop': [], 'runner-inbox': [], proposals: [] };
    for (let r = 0; r < rounds; r++) {
      const backlog = await produceBacklog(kafka, backlogTenants[r], r, args.proposalEvents);
      if (r === 0) await consume(ctx, backlog, 'runner-noop'); // warm-up: the runner's code and the broker's pages
      for (let i = 0; i < CONTESTANTS.length; i++) {
        const kind = CONTESTANTS[(i + r) % CONTESTANTS.length];
        const result = await consume(ctx, backlog, kind);
        samples[kind].push(result);
        log(`throughput round ${r + 1} ${kind}: ${result.eventsPerSec} ev/s over ${result.messages}${result.complete ? '' : ' INCOMPLETE'}`);
      }
    }

    const rate = (kind: Contestant) => round(median(samples[kind].map((s) => s.eventsPerSec)), 0);
    const valid = samples.proposals.every((s) => s.complete && s.rolledBack === 0);
    const ratio = valid ? round(rate('proposals') / rate('runner-noop'), 3) : null;
    const figures = {
      description:
        `Latency: the evaluation service as its own process (main.ts with relay, projections and all consumers) on a fresh database; ${UNITS} units lokus ` +
        `of an open cycle; complaint events (ComplaintReceived via SP4N-LAPOR!, then ComplaintResolved) at ${args.proposalRate}/s published with ` +
        `KafkaPublisher as the request relay does; from just before each publish until this process sees the unit's ${WATCHED_INDICATOR} proposal ` +
        "row name the event (a LISTEN on the service's own events_appended NOTIFY, sent from the recompute's transaction, then one indexed " +
        `query; a fallback poll every ${FALLBACK_POLL_MS} ms). Throughput: a backlog of the same kind of events of a fresh tenant on a fresh ` +
        '3-partition topic per round, read from offset 0 by ConsumerRunner with a no-op EventConsumer (as relay.bench.ts), ConsumerRunner with an ' +
        "InboxConsumer writing one row per event, and the service's RequestProposalFiguresConsumer with its inbox and recompute (wired by its AppModule, " +
        'nothing else of the service running), interleaved; ' +
        'rates from the first message handled to the last; medians over rounds.',
      units: UNITS,
      latency,
      throughput: {
        eventsPerRound: args.proposalEvents,
        rounds,
        runnerNoop: { eventsPerSec: rate('runner-noop'), runs: samples['runner-noop'] },
        runnerInbox: { eventsPerSec: rate('runner-inbox'), runs: samples['runner-inbox'] },
        proposals: { eventsPerSec: valid ? rate('proposals') : null, complete: valid, runs: samples.proposals },
        ratios: {
          proposalsVsRunnerNoop: ratio,
          runnerInboxVsRunnerNoop: round(rate('runner-inbox') / rate('runner-noop'), 3),
          proposalsVsRunnerInbox: valid ? round(rate('proposals') / rate('runner-inbox'), 3) : null,
        },
        ratiosPerRound: {
          proposalsVsRunnerNoop: samples.proposals.map((s, r) => round(s.eventsPerSec / samples['runner-noop'][r].eventsPerSec, 3)),
        },
      },
      targets: {
        latencyP50Ms: { target: `<= ${LATENCY_TARGETS.p50Ms}`, measured: latency.p50Ms, met: latency.met.p50 },
        latencyP99Ms: { target: `<= ${LATENCY_TARGETS.p99Ms}`, measured: latency.p99Ms, met: latency.met.p99 },
        proposalsVsRunnerNoop: { target: `>= ${RATIO_TARGET}`, measured: ratio, met: ratio !== null && ratio >= RATIO_TARGET },
      },
    };
    writePartial('proposals', figures);
    const result = {
      generatedAt: new Date().toISOString(),
      mode: args.quick ? 'quick' : 'full',
      args,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
      ...figures,
    };
    writeFileSync(join(RESULTS_DIR, 'proposals.json'), `${JSON.stringify(result, null, 2)}\n`);
    printTable(figures);
  } finally {
    await stopProcess(service);
    await wired?.close();
    await ownerPool?.end();
    await deleteRunTopics(kafka, topicPrefix);
    await db.drop().catch(() => undefined);
    agent.destroy();
  }
}

function printTable(figures: {
  latency: LatencyFigures;
  throughput: {
    runnerNoop: { eventsPerSec: number };
    runnerInbox: { eventsPerSec: number };
    proposals: { eventsPerSec: number | null; runs: Consumed[] };
    ratios: Record<string, number | null>;
  };
}): void {
  const { latency: l, throughput: t } = figures;
  const mark = (met: boolean) => (l.ratePerSecond < LATENCY_TARGETS.ratePerSecond ? `target at ${LATENCY_TARGETS.ratePerSecond}/s` : met ? 'met' : 'MISSED');
  const lines = [
    `proposals bench — ${cpus().length} cores`,
    `  source event → updated proposal at ${l.ratePerSecond}/s over ${l.measuredSeconds} s (${l.eventsMeasured} events): ` +
      `p50 ${l.p50Ms} ms (${mark(l.met.p50)}), p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms (${mark(l.met.p99)}), max ${l.maxMs} ms; ` +
      `never seen ${l.eventsNeverSeen}, found first by the fallback poll ${l.foundByFallbackPoll}, publish ack p50 ${l.produceAckP50Ms} ms`,
    `  the service meanwhile: ${l.sourceEventsPerRecomputeTransaction} source events per recompute transaction, ` +
      `${l.unitRecomputesPerSourceEvent} unit recomputes per source event, ${l.proposalChangedBytesPerSourceEvent.toLocaleString('en-US')} bytes ` +
      `of IndicatorProposalChanged per source event (largest event ${l.proposalChangedBytesLargest.toLocaleString('en-US')})`,
    `  backlog read from offset 0 (events/s): runner no-op ${t.runnerNoop.eventsPerSec.toLocaleString('en-US')}, ` +
      `runner + inbox ${t.runnerInbox.eventsPerSec.toLocaleString('en-US')}, proposal consumer ${t.proposals.eventsPerSec?.toLocaleString('en-US') ?? 'n/a'}`,
    `  proposal consumer vs runner no-op ${t.ratios.proposalsVsRunnerNoop ?? 'n/a'}× (target ≥ ${RATIO_TARGET}×); ` +
      `runner + inbox vs runner no-op ${t.ratios.runnerInboxVsRunnerNoop}×`,
    ...t.proposals.runs.map(
      ({ profile }, r) =>
        `  proposal consumer round ${r + 1}: ${profile?.statementsPerSourceEvent} statements per source event, ` +
        `${Math.round((profile?.waitingForPostgresShare ?? 0) * 100)}% of its time waiting for PostgreSQL; ` +
        `apply ${profile?.phases.apply.msPerSourceEvent} ms per event, recompute ${profile?.phases.recompute.msPerUnitRecompute} ms per unit ` +
        `(${profile?.phases.recompute.statementsPerUnitRecompute} statements, ${profile?.unitRecomputesPerSourceEvent} per event), ` +
        `runner ${profile?.phases.runner.msPerSourceEvent} ms per event`,
    ),
    `  proposal consumer before the recompute worker drained its marks (events/s, by round): ${t.proposals.runs
      .map(({ eventsPerSecBeforeRecomputeDrained }) => eventsPerSecBeforeRecomputeDrained?.toLocaleString('en-US'))
      .join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
