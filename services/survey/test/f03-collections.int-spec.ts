import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EvaluationEvent, type EventEnvelope, envelopeToHeaders, evaluationCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';
import { announceCycle, openWhenSeen } from './pekppp-cycles';

// Issue 21: F-03 collections open only for a unit lokus of a cycle the evaluation service opened, with the
// quota of the ruleset it pinned; the public form tells a missing or closed collection apart; one
// respondent, one response.
describe('F-03 collections follow the cycles of the evaluation service', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dukcapil-${randomUUID().slice(0, 8)}`;
  const notLokus = `dinkes-${randomUUID().slice(0, 8)}`;
  const newCycle = () => `pekppp-${randomUUID().slice(0, 8)}`;
  let admin: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;

  const http = () => request(app.getHttpServer());
  const collection = (cycleId: string, unit = unitId) => `/f03-collections/${cycleId}/${unit}`;
  const publicForm = (cycleId: string, unit = unitId) => `/public/tenants/${tenantId}/f03/${cycleId}/${unit}`;
  const items = (score: number, item10 = score) => Array.from({ length: 14 }, (_, i) => ({ item: i + 1, score: i + 1 === 10 ? item10 : score }));
  const respond = (cycleId: string, body: object, userAgent = 'Mozilla/5.0 (Linux; Android 13)') =>
    http()
      .post(`${publicForm(cycleId)}/responses`)
      .set('User-Agent', userAgent)
      .send(body);
  const openOnceSeen = (cycleId: string) => openWhenSeen(() => http().post(collection(cycleId)).set(admin).send({}));

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId });
    db = await createTestDatabase([], 'pantau_survey_f03');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `survey-f03-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('opens nothing for a made-up cycle, whatever quota the call names', async () => {
    const madeUp = newCycle();
    const called = await http()
      .post(collection(madeUp))
      .set(admin)
      .send({ ruleset: 'pekppp-2023@1', quota: { minimum: 1, maximum: 1000 } });
    expect(called.status).not.toBe(201);
    const refused = await http().post(collection(madeUp)).set(admin).send({}).expect(404);
    expect(refused.body).toMatchObject({ code: 'CYCLE.NOT_FOUND', title: expect.stringContaining('Siklus') });
    expect((await http().get(collection(madeUp)).set(admin).expect(404)).body.code).toBe('F03.NOT_FOUND');
  });

  it('takes the quota and the ruleset from the cycle, never from the call', async () => {
    const cycleId = newCycle();
    await announceCycle(tenantId, cycleId, [unitId]);
    await openWhenSeen(() =>
      http()
        .post(collection(cycleId))
        .set(admin)
        .send({ ruleset: 'pekppp-2017@1', quota: { minimum: 1, maximum: 1000 } }),
    );
    const report = await http().get(collection(cycleId)).set(admin).expect(200);
    expect(report.body).toMatchObject({ quota: { minimum: 10, maximum: 20, provisional: true }, ruleset: 'pekppp-2023@1' });
  });

  it("opens a lokus' collection with the quota of the ruleset its cycle pinned, and refuses a unit that is not a lokus", async () => {
    const cycleId = newCycle();
    await announceCycle(tenantId, cycleId, [unitId]);
    await openOnceSeen(cycleId);
    const report = await http().get(collection(cycleId)).set(admin).expect(200);
    expect(report.body).toMatchObject({ status: 'open', quota: { minimum: 10, maximum: 20, provisional: true }, ruleset: 'pekppp-2023@1' });

    const other = await http().post(collection(cycleId, notLokus)).set(admin).send({}).expect(409);
    expect(other.body).toMatchObject({ code: 'F03.NOT_A_LOKUS', title: expect.stringContaining('lokus') });
  });

  it('refuses to open F-03 in a cycle whose ruleset has no user assessment', async () => {
    const cycleId = newCycle();
    await announceCycle(tenantId, cycleId, [unitId], null);
    await eventually(
      async () => {
        const refused = await http().post(collection(cycleId)).set(admin).send({});
        expect([refused.status, refused.body.code]).toEqual([409, 'F03.NOT_IN_RULESET']);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('answers the public form of a collection that does not exist with 404 and an Indonesian message', async () => {
    const missing = await http().get(publicForm(newCycle())).expect(404);
    expect(missing.body).toMatchObject({ code: 'F03.NOT_FOUND', title: expect.stringContaining('tidak ditemukan') });
  });

  it('serves the form of an open collection with the 14 items and their codes, and 409 once it is closed', async () => {
    const cycleId = newCycle();
    await announceCycle(tenantId, cycleId, [unitId]);
    await openOnceSeen(cycleId);
    const form = await eventually(async () => (await http().get(publicForm(cycleId)).expect(200)).body);
    expect(form.items).toHaveLength(14);
    expect(form.items[12]).toMatchObject({ item: 13, code: '14.d.T', aspect: 'IV', statement: 'Kemudahan akses informasi di lokasi layanan (tatap muka).' });
    expect(form.scale).toEqual({ min: 0, max: 5 });

    await http()
      .post(`${collection(cycleId)}/close`)
      .set(admin)
      .expect(200);
    await eventually(async () => {
      const closed = await http().get(publicForm(cycleId)).expect(409);
      expect(closed.body).toMatchObject({ code: 'F03.CLOSED', title: expect.stringContaining('ditutup') });
    });
  });

  it('records one response per form token, and refuses the same tokenless answers resent from one device', async () => {
    const cycleId = newCycle();
    await announceCycle(tenantId, cycleId, [unitId]);
    await openOnceSeen(cycleId);
    const token = `tok${randomUUID().replace(/-/g, '')}`;
    await respond(cycleId, { items: items(4), respondentToken: token }).expect(201);
    const again = await respond(cycleId, { items: items(3), respondentToken: token }).expect(409);
    expect(again.body).toMatchObject({ code: 'F03.DUPLICATE_RESPONDENT', title: expect.stringContaining('satu kali') });
    // a kiosk: the same device, a fresh token per respondent, the same answers
    await respond(cycleId, { items: items(4), respondentToken: `tok${randomUUID().replace(/-/g, '')}` }).expect(201);

    await respond(cycleId, { items: items(2) }, 'curl/8.5').expect(201);
    const resent = await respond(cycleId, { items: items(2) }, 'curl/8.5').expect(409);
    expect(resent.body.code).toBe('F03.DUPLICATE_SUBMISSION');
    await respond(cycleId, { items: items(2, 1) }, 'curl/8.5').expect(201);

    const report = await http().get(collection(cycleId)).set(admin).expect(200);
    expect(report.body).toMatchObject({ respondents: 0, unverifiedRespondents: 4 });
  });

  it('records a lokus once when its announcement arrives twice', async () => {
    const [cycleId, later] = [newCycle(), newCycle()];
    const assignment = (cycle: string): { key: string; value: Buffer; headers: ReturnType<typeof envelopeToHeaders> } => {
      const event: EvaluationEvent = { $case: 'unitLokusAssigned', value: { cycleId: cycle, unitId, evaluatorIds: ['e1'], leadEvaluatorId: 'e1', kode: 'A' } };
      const envelope: EventEnvelope = {
        eventId: randomUUID(),
        eventType: evaluationCodec.typeOf(event),
        streamId: `cycle-${tenantId}/${cycle}`,
        streamVersion: 2,
        occurredAt: '2026-03-02T01:00:00.000Z',
        tenantId,
        unitId,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actorId: 'evaluation-service',
        actorRole: 'system',
      };
      return { key: unitId, value: Buffer.from(evaluationCodec.encode(event)), headers: envelopeToHeaders(envelope) };
    };
    const twice = assignment(cycleId);
    const producer = testKafka().producer();
    await producer.connect();
    try {
      // one partition (one key): once the later cycle's lokus is in, both copies were handled
      await producer.send({ topic: topics.evaluation, messages: [twice, twice, assignment(later)] });
    } finally {
      await producer.disconnect();
    }
    const lokusRows = async (cycle: string): Promise<number> =>
      (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pekppp_unit_lokus_v1 WHERE tenant_id = $1 AND cycle_id = $2`, [tenantId, cycle]))
        .rows[0].n;
    await eventually(async () => expect(await lokusRows(later)).toBe(1), { timeoutMs: 30_000 });
    expect(await lokusRows(cycleId)).toBe(1);
  });
});
