import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopic, type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { publishForeignEvent } from '../../../test/support/foreign-events';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { evaluationDatabase } from '../src/migrations';
import { TenantTimeZones } from '../src/evaluation/queries/tenant-time-zones';

describe("evaluation learns each tenant's time zone from the request service", () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  // Topics of this run's own: the consumer reads from the beginning, and never wades through other runs' events.
  const topicPrefix = `int-eval-tz-${randomUUID().slice(0, 8)}.`;
  let db: TestDatabase;
  let app: INestApplication;

  const completed = (completedAt: string): RequestEvent => ({
    $case: 'requestCompleted',
    value: {
      requestId: randomUUID(),
      completedAt,
      completedOn: '',
      calendarId: '',
      elapsedWorkingDays: 1,
      metStandard: true,
      trackingCode: `KTP-${randomUUID().slice(0, 8)}`,
      serviceId: 'ktp-el',
    },
  });
  const settingsChanged = (utcOffsetMinutes: number, changedAt: string): RequestEvent => ({
    $case: 'tenantCalendarSettingsChanged',
    value: { tenantId, utcOffsetMinutes, cutiBersamaIsWorkingDay: false, reason: 'Kota di zona WITA', changedAt },
  });
  const publish = (event: RequestEvent, occurredAt: string, streamId: string) =>
    publishForeignEvent(`${topicPrefix}${topics.request}`, requestCodec, event, { tenantId, unitId, streamId, streamVersion: 1, occurredAt });

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_eval_tz');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: topicPrefix, KAFKA_TOPIC_PREFIX: topicPrefix },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('dates facts and deadlines in WITA once the tenant says so, and ignores an older settings event', async () => {
    const zones = app.get(TenantTimeZones);
    expect(await zones.offsetOf(tenantId)).toBe(420);

    await publish(settingsChanged(480, '2026-11-01T00:00:00Z'), '2026-11-01T00:00:00Z', `calendar-${tenantId}`);
    await eventually(async () => expect(await zones.offsetOf(tenantId)).toBe(480), { timeoutMs: 30_000 });
    // a replayed older event does not move the tenant back to WIB
    await publish(settingsChanged(420, '2026-10-01T00:00:00Z'), '2026-10-01T00:00:00Z', `calendar-${tenantId}`);

    // 16:30 UTC on 31 December is 00:30 on 1 January in WITA: the completion counts in 2027
    await publish(completed('2026-12-31T16:30:00Z'), '2026-12-31T16:30:00Z', `request-${randomUUID()}`);
    const admin = await bearer('admin-orpeg', { tenantId });
    await eventually(
      async () => {
        const facts = await request(app.getHttpServer()).get(`/tenants/${tenantId}/units/${unitId}/operational-facts?year=2027`).set(admin).expect(200);
        expect(facts.body).toMatchObject({ year: 2027, requests: { completed: 1, completedOnTime: 1 } });
      },
      { timeoutMs: 30_000 },
    );
    expect(await zones.offsetOf(tenantId)).toBe(480);
    expect(await zones.localDate(tenantId, new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it("keeps a unit's latest fact as lastEventAt, whatever order the unit's streams arrive in", async () => {
    // The relay orders each stream, not a unit's streams: a request completed earlier can arrive after one completed later.
    await publish(completed('2026-06-02T03:00:00Z'), '2026-06-02T03:00:00Z', `request-${randomUUID()}`);
    await publish(completed('2026-06-01T03:00:00Z'), '2026-06-01T03:00:00Z', `request-${randomUUID()}`);
    const admin = await bearer('admin-orpeg', { tenantId });
    await eventually(
      async () => {
        const facts = await request(app.getHttpServer()).get(`/tenants/${tenantId}/units/${unitId}/operational-facts?year=2026`).set(admin).expect(200);
        expect(facts.body).toMatchObject({ requests: { completed: 2 }, lastEventAt: '2026-06-02T03:00:00.000Z' });
      },
      { timeoutMs: 30_000 },
    );
  });

  it("never takes a tenant's time zone from another tenant's message: a payload naming another tenant is dead-lettered", async () => {
    const victim = `tenant-${randomUUID().slice(0, 8)}`;
    const attacker = `tenant-${randomUUID().slice(0, 8)}`;
    const forged = await publishForeignEvent(
      `${topicPrefix}${topics.request}`,
      requestCodec,
      { ...settingsChanged(540, '2026-11-02T00:00:00Z'), value: { ...settingsChanged(540, '2026-11-02T00:00:00Z').value, tenantId: victim } } as RequestEvent,
      { tenantId: attacker, unitId, streamId: `calendar-${attacker}`, streamVersion: 1, occurredAt: '2026-11-02T00:00:00Z' },
    );
    // Same unit, same partition: once this one is counted, the forged one before it was handled.
    await publishForeignEvent(`${topicPrefix}${topics.request}`, requestCodec, completed('2026-08-01T03:00:00Z'), {
      tenantId: victim,
      unitId,
      streamId: `request-${randomUUID()}`,
      streamVersion: 1,
      occurredAt: '2026-08-01T03:00:00Z',
    });
    const admin = await bearer('admin-orpeg', { tenantId: victim });
    await eventually(
      async () => {
        const facts = await request(app.getHttpServer()).get(`/tenants/${victim}/units/${unitId}/operational-facts?year=2026`).set(admin).expect(200);
        expect(facts.body).toMatchObject({ requests: { completed: 1 } });
      },
      { timeoutMs: 30_000 },
    );
    const zones = app.get(TenantTimeZones);
    expect(await zones.offsetOf(victim)).toBe(420);
    expect(await zones.offsetOf(attacker)).toBe(420);
    const dead = await readTopic(testKafka(), deadLetterTopic(`${topicPrefix}${topics.request}`), (read) =>
      read.some((m) => m.headers['event-id'] === forged.eventId),
    );
    expect(dead.find((m) => m.headers['event-id'] === forged.eventId)?.headers['dlq-reason']).toBe('PAYLOAD_TENANT_MISMATCH');
  });
});
