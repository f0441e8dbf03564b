import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { eventStoreMigrations, ReadGateWatch } from '@lib/event-sourcing';
import { applicationDatabaseUrl, createTestDatabase, eventually, type TestDatabase, testKafka } from '@lib/testing';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { BackgroundWorkers } from './background-workers';
import { HealthController } from './health.controller';
import { DEVELOPMENT_REDIS_URL } from './load-config';
import { SharedCounters } from './shared-counters';
import { KAFKA } from './tokens';

describe('HealthController on PostgreSQL and Kafka', () => {
  let db: TestDatabase;
  let pool: Pool;
  let now = 0;
  let controller: HealthController;
  const counters = new SharedCounters(new Redis(DEVELOPMENT_REDIS_URL));

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    pool = new Pool({ connectionString: applicationDatabaseUrl(db.url), max: 3 });
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [
        { provide: Pool, useValue: pool },
        { provide: KAFKA, useValue: testKafka('health-spec') },
        // A transaction of another role: its start is hidden from the service's role, so the watch counts
        // from when it first saw it, on this clock.
        { provide: ReadGateWatch, useValue: new ReadGateWatch(pool, () => now) },
        // Readiness's projections and consumers parts, which need a whole service, are tested with the services; here none is in trouble.
        {
          provide: BackgroundWorkers,
          useValue: { projectionTrouble: async () => ({ failing: [], quarantined: new Map() }), retryingConsumers: () => [], failingWorkers: () => [] },
        },
        // Redis reported degraded when it does not answer is tested with the request service (shared-limits.int-spec.ts).
        { provide: SharedCounters, useValue: counters },
      ],
    }).compile();
    controller = moduleRef.get(HealthController);
  });
  afterAll(async () => {
    await counters.onApplicationShutdown();
    await pool.end();
    await db.drop();
  });

  it('stays up but says degraded, and who holds the gate, once a transaction holds the read gate back for long', async () => {
    const owner = await db.pool.connect();
    try {
      await owner.query(`SET application_name = 'forgotten-psql'`);
      await owner.query('BEGIN');
      const { rows } = await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_current_xact_id()');
      // Other suites share the server: wait until this transaction is the oldest one on it.
      await eventually(
        async () => {
          const { info } = await controller.ready();
          expect(info?.readGate).toEqual({ status: 'up', degraded: false, heldSeconds: 0 });
          expect((await new ReadGateWatch(pool).oldestHolder())?.pid).toBe(rows[0].pid);
        },
        { timeoutMs: 30_000 },
      );
      now += 45_000;
      const { status, info } = await controller.ready();
      expect(status).toBe('ok');
      expect(info?.postgres?.status).toBe('up');
      expect(info?.readGate).toEqual({
        status: 'up',
        degraded: true,
        heldSeconds: 45,
        heldBy: { pid: rows[0].pid, database: db.name, applicationName: 'forgotten-psql' },
      });
    } finally {
      await owner.query('COMMIT');
      owner.release();
    }
  });
});
