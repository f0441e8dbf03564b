import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ReadGateWatch } from '@lib/event-sourcing';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { PublicEndpoint } from './auth/require-permission.decorator';
import { BackgroundWorkers } from './background-workers';
import { SharedCounters } from './shared-counters';
import { KAFKA } from './tokens';

/**
 * Beyond this, a transaction holding the read gate back makes the service degraded: its read tables and
 * the other services miss what was committed since (a long migration, a forgotten psql session).
 */
const READ_GATE_DEGRADED_AFTER_SECONDS = 30;

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

/** How long a consumer may wait for its database or broker before /health says degraded (a token, so a test can shorten it). */
export const CONSUMER_RETRY_DEGRADED_AFTER_MS = Symbol('CONSUMER_RETRY_DEGRADED_AFTER_MS');

/**
 * Liveness says the process runs; readiness says it can do its job: PostgreSQL answers and the
 * Kafka cluster has a controller. Load balancers route on readiness, orchestrators restart on liveness.
 * Readiness also reports, as `degraded` (still up: the service answers, and taking it out of rotation
 * would mend nothing), a projection that is failing or has quarantined events (`projections`), a
 * consumer retrying for an unavailable database or broker longer than a threshold (`consumers`: only
 * its effects lag), a read gate held back too long (`readGate`), and Redis not answering (`redis`:
 * citizen writes are refused until it does, everything else works).
 */
@ApiTags('health')
@PublicEndpoint()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly workers: BackgroundWorkers,
    @Optional() @Inject(CONSUMER_RETRY_DEGRADED_AFTER_MS) private readonly degradedAfterMs: number = 30_000,
    private readonly readGate: ReadGateWatch,
    private readonly counters: SharedCounters,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is running' })
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get(['ready', ''])
  @HealthCheck()
  @ApiOperation({
    summary: 'PostgreSQL and Kafka answer; consumers retrying for an unavailable database or broker too long, and an unreachable Redis, are reported degraded',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.postgres(),
      () => this.broker(),
      () => this.projections(),
      () => this.consumers(),
      () => this.queueWorkers(),
      () => this.readGateHeld(),
      () => this.redis(),
    ]);
  }

  private async projections() {
    const indicator = this.indicators.check('projections');
    try {
      const { failing, quarantined } = await withTimeout(this.workers.projectionTrouble(), 3_000, 'PostgreSQL');
      return indicator.up({
        degraded: failing.length > 0 || quarantined.size > 0,
        failing: failing.map(({ projection, failures, since, retryAt, error }) => ({
          projection,
          failures,
          since,
          retryAt,
          error: (error as Error)?.message ?? String(error),
        })),
        quarantinedEvents: Object.fromEntries(quarantined),
      });
    } catch (error) {
      // PostgreSQL's own check reports the database down; the projections' state is only unknown
      return indicator.up({ degraded: true, message: (error as Error).message });
    }
  }

  private async postgres() {
    const indicator = this.indicators.check('postgres');
    try {
      await withTimeout(this.pool.query('SELECT 1'), 3_000, 'PostgreSQL');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private consumers() {
    const retrying = this.workers.retryingConsumers();
    return this.indicators.check('consumers').up({
      degraded: retrying.some(({ retryingForMs }) => retryingForMs >= this.degradedAfterMs),
      retrying: retrying.map(({ group, topic, retryingForMs, error }) => ({ group, topic, retryingForSeconds: Math.floor(retryingForMs / 1000), error })),
    });
  }

  private queueWorkers() {
    const now = Date.now();
    const failing = this.workers.failingWorkers();
    return this.indicators.check('queueWorkers').up({
      degraded: failing.some(({ since }) => now - since >= this.degradedAfterMs),
      failing: failing.map(({ worker, since, error }) => ({ worker, failingForSeconds: Math.floor((now - since) / 1000), error })),
    });
  }

  private async readGateHeld() {
    const indicator = this.indicators.check('readGate');
    try {
      const holder = await withTimeout(this.readGate.oldestHolder(), 3_000, 'PostgreSQL');
      const heldSeconds = Math.round(holder?.seconds ?? 0);
      if (!holder || heldSeconds <= READ_GATE_DEGRADED_AFTER_SECONDS) return indicator.up({ degraded: false, heldSeconds });
      const { pid, database, applicationName } = holder;
      return indicator.up({ degraded: true, heldSeconds, heldBy: { pid, database, applicationName } });
    } catch (error) {
      return indicator.up({ degraded: true, message: (error as Error).message });
    }
  }

  /** Without Redis citizen writes are refused (503) while staff work goes on: degraded, not down. */
  private async redis() {
    const indicator = this.indicators.check('redis');
    try {
      await this.counters.ping();
      return indicator.up({ degraded: false });
    } catch (error) {
      return indicator.up({ degraded: true, message: (error as Error).message });
    }
  }

  private async broker() {
    const indicator = this.indicators.check('kafka');
    const admin = this.kafka.admin();
    try {
      await withTimeout(admin.connect(), 3_000, 'Kafka');
      const cluster = await withTimeout(admin.describeCluster(), 3_000, 'Kafka');
      return indicator.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
