import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Clock } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { RequestConfig } from '../src/config';
import { requestDatabase } from '../src/migrations';

/** The value of one series of a Prometheus text exposition, or undefined when it is not there. */
function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && wanted.every((pair) => (match[2] ?? '').split(',').includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('read models of the request service when one projection fails or an event cannot be decoded', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  let officer: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  const standard = (serviceId: string) => ({
    serviceId,
    unitId,
    name: `Layanan ${serviceId}`,
    components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: ['website'] })),
    completionWorkingDays: 3,
    costRupiah: 0,
    requirements: ['kartu-keluarga'],
    product: 'Dokumen',
    effectiveAt: '2026-01-01T00:00:00+07:00',
  });
  const publishStandard = async (serviceId: string) => {
    await http().post('/service-standards').set(officer).send(standard(serviceId)).expect(201);
    await eventually(() => http().get(`/service-standards/${serviceId}`).set(officer).expect(200));
  };
  const health = async () => (await http().get('/health').expect(200)).body.details.projections;
  const metrics = async () => (await http().get('/metrics').expect(200)).text;

  beforeAll(async () => {
    officer = await bearer('operator-disdukcapil', { tenantId, unitId });
    db = await createTestDatabase([], 'pantau_faults');
    app = await startService(
      { name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `faults-int-${randomUUID().slice(0, 8)}.` },
    );
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date('2026-09-22T02:00:00.000Z'));
    await publishStandard(`ktp-${randomUUID().slice(0, 8)}`);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('keeps the other read models current while one projection fails, reports it degraded, and catches it up once mended', async () => {
    expect(await health()).toMatchObject({ status: 'up', degraded: false, failing: [], quarantinedEvents: {} });
    const serviceId = `kk-${randomUUID().slice(0, 8)}`;
    await publishStandard(serviceId);
    // A fault the requests projection cannot get past: its table refuses every new row (the schema owner's doing).
    await db.pool.query(`ALTER TABLE requests_v1 ADD CONSTRAINT refuses_every_row CHECK (false) NOT VALID`);
    const submitted = await http()
      .post('/requests')
      .set(officer)
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga'] })
      .expect(201);

    await eventually(async () =>
      expect(await health()).toMatchObject({ status: 'up', degraded: true, failing: [expect.objectContaining({ projection: 'requests_v1' })] }),
    );
    await publishStandard(`akta-${randomUUID().slice(0, 8)}`); // the other projections go on
    expect(sample(await metrics(), 'pantau_projection_consecutive_failures', { projection: 'requests_v1' })).toBeGreaterThanOrEqual(1);
    expect(sample(await metrics(), 'pantau_projection_consecutive_failures', { projection: 'service_standards_v1' })).toBe(0);

    await db.pool.query(`ALTER TABLE requests_v1 DROP CONSTRAINT refuses_every_row`);
    await eventually(async () => {
      const { body } = await http().get(`/requests?unitId=${unitId}`).set(officer).expect(200);
      expect(body.items).toContainEqual(expect.objectContaining({ requestId: submitted.body.requestId }));
    });
    await eventually(async () => expect(await health()).toMatchObject({ degraded: false, failing: [] }));
  });

  it('quarantines an event no projection can decode any more, goes on past it, and reports it', async () => {
    const removed = randomUUID();
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ($1, 1, $2, 'RequestWithdrawn', '{"requestId": "gone"}', $3)`,
      [`request-${removed}`, removed, JSON.stringify({ tenantId, unitId, correlationId: removed })],
    );
    await publishStandard(`sktm-${randomUUID().slice(0, 8)}`);
    await eventually(async () =>
      expect(await health()).toMatchObject({ degraded: true, failing: [], quarantinedEvents: expect.objectContaining({ service_standards_v1: 1 }) }),
    );
    expect(sample(await metrics(), 'pantau_projection_quarantined_events', { projection: 'service_standards_v1' })).toBe(1);
    expect((await db.pool.query(`SELECT DISTINCT event_id, event_type FROM quarantined_events`)).rows).toEqual([
      { event_id: removed, event_type: 'RequestWithdrawn' },
    ]);
  });
});
