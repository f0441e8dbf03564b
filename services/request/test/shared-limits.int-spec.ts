import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Clock } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { RequestConfig } from '../src/config';
import { REQUEST_ERRORS } from '../src/request/domain/error-codes';
import { requestDatabase } from '../src/migrations';

const RATE_LIMIT = 5;
const UNIT_CAP = 3;

/**
 * Two replicas of the request service on one database and one Redis: the per-address limit and the
 * per-unit hourly cap hold across them. Clients are told apart by X-Forwarded-For (the test connects
 * from loopback, which TRUST_PROXY trusts by default), so each case has budgets of its own.
 */
describe('limits shared by the replicas of a service', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const otherUnitId = `dinkes-${randomUUID().slice(0, 8)}`;
  const serviceId = `ktp-${randomUUID().slice(0, 8)}`;
  const otherServiceId = `sehat-${randomUUID().slice(0, 8)}`;
  const groupPrefix = `shared-limits-${randomUUID().slice(0, 8)}.`;
  const env = (db: TestDatabase, extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix,
    KAFKA_TOPIC_PREFIX: groupPrefix,
    PUBLIC_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    ONLINE_SUBMISSIONS_PER_UNIT_PER_HOUR: String(UNIT_CAP),
    ...extra,
  });
  const boot = (extra: Record<string, string>) =>
    startService({ name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase }, env(db, extra));
  let db: TestDatabase;
  let replicas: [INestApplication, INestApplication];
  let withoutRedis: INestApplication;
  const http = (app: INestApplication) => request(app.getHttpServer());
  const client = () => `198.51.100.${Math.floor(Math.random() * 254) + 1}`;
  const standard = (id: string, unit: string) => ({
    serviceId: id,
    unitId: unit,
    name: 'Layanan',
    components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: [] })),
    completionWorkingDays: 3,
    costRupiah: 0,
    requirements: [],
    product: 'Dokumen',
    effectiveAt: '2026-01-01T00:00:00+07:00',
  });
  const submit = (app: INestApplication, unit = unitId, id = serviceId) =>
    http(app)
      .post(`/public/tenants/${tenantId}/units/${unit}/requests`)
      .set('X-Forwarded-For', client())
      .set('Idempotency-Key', randomUUID())
      .send({ serviceId: id, suppliedRequirements: [] });
  const complain = (app: INestApplication, unit = unitId) =>
    http(app)
      .post(`/public/tenants/${tenantId}/complaints`)
      .set('X-Forwarded-For', client())
      .send({ unitId: unit, category: 'grievance', subject: 'Antre', description: 'Antrean panjang', reporter: { name: 'Warga' } });

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_req_shared_limits');
    // the same key prefix: two replicas of one deployment
    const REDIS_KEY_PREFIX = `pantau-test-${randomUUID().slice(0, 8)}:`;
    replicas = [await boot({ REDIS_KEY_PREFIX }), await boot({ REDIS_KEY_PREFIX })];
    withoutRedis = await boot({ REDIS_URL: 'redis://127.0.0.1:1' });
    for (const app of [...replicas, withoutRedis]) {
      // due dates come from the working-day calendar of the day: a fixed Monday keeps them inside its years
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date('2026-11-23T02:00:00.000Z'));
    }
    for (const [id, unit] of [
      [serviceId, unitId],
      [otherServiceId, otherUnitId],
    ]) {
      const officer = await bearer('operator-disdukcapil', { tenantId, unitId: unit });
      await http(replicas[0]).post('/service-standards').set(officer).send(standard(id, unit)).expect(201);
      await eventually(() => http(replicas[0]).get(`/service-standards/${id}`).set(officer).expect(200), { timeoutMs: 15_000 });
    }
  });

  afterAll(async () => {
    await Promise.all([...(replicas ?? []), withoutRedis].map((app) => app?.close()));
    await db?.drop();
  });

  it('counts one client across both replicas: requests split between them hit 429 at the limit', async () => {
    const address = client();
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      statuses.push(
        (
          await http(replicas[i % 2])
            .get('/public/requests/PTN-0000000000')
            .set('X-Forwarded-For', address)
        ).status,
      );
    }
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(404), 429]);
  });

  it("caps a unit's online requests and complaints per hour across clients and replicas, with Retry-After and the unit's limit", async () => {
    await submit(replicas[0]).expect(201);
    await complain(replicas[1]).expect(201);
    await submit(replicas[1]).expect(201);

    for (const refused of [await submit(replicas[0]), await complain(replicas[1])]) {
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        status: 429,
        code: 'REQUEST.UNIT_HOURLY_LIMIT',
        title: REQUEST_ERRORS['REQUEST.UNIT_HOURLY_LIMIT'],
        details: { unitId, limitPerHour: UNIT_CAP },
      });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.body.details.retryAfterSeconds).toBe(retryAfter);
    }
    // another unit of the same tenant has a budget of its own
    await submit(replicas[0], otherUnitId, otherServiceId).expect(201);
  });

  it('refuses citizen writes with 503 while Redis is unreachable, still answers reads, and reports Redis degraded', async () => {
    const refused = await complain(withoutRedis).expect(503);
    expect(refused.body).toMatchObject({ status: 503, code: 'RATE_LIMIT.UNAVAILABLE', title: expect.stringMatching(/coba lagi/) });
    await http(withoutRedis).get('/public/requests/PTN-0000000000').expect(404);

    const health = await http(withoutRedis).get('/health/ready').expect(200);
    expect(health.body.info.redis).toMatchObject({ status: 'up', degraded: true, message: expect.any(String) });
    const healthy = await http(replicas[0]).get('/health/ready').expect(200);
    expect(healthy.body.info.redis).toMatchObject({ status: 'up', degraded: false });
  });
});
