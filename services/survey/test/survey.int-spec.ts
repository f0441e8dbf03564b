import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { envelopeToHeaders, type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { BackgroundWorkers } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';

describe('survey service on PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dpmptsp-${randomUUID().slice(0, 8)}`;
  let staff: { Authorization: string };
  const surveyPath = `/units/${unitId}/skm-surveys/quarter/2026-10-01`;
  let db: TestDatabase;
  let app: INestApplication;
  let publicLinkId: string;

  const answers = (values: number[]): { code: string; value: number }[] => values.map((value, i) => ({ code: `U${i + 1}`, value }));
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    staff = await bearer('operator-disdukcapil', { tenantId, unitId });
    db = await createTestDatabase([], 'pantau_survey');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `survey-int-${randomUUID().slice(0, 8)}.` },
    );
    const opened = await http().post(surveyPath).set(staff).send({ periodEnd: '2026-12-31' }).expect(201);
    publicLinkId = opened.body.publicLinkId;
    await eventually(async () => {
      await http().get(`/public/skm-surveys/${publicLinkId}`).expect(200);
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("refuses a staff command without a token, and another unit's operator", async () => {
    const response = await http().post(`${surveyPath}/close`).set({ 'X-Tenant-Id': tenantId, 'X-Actor-Id': 'x' }).expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.MISSING_TOKEN', status: 401 });
    const neighbour = await bearer('operator-dinkes', { tenantId, unitId: `dinkes-${randomUUID().slice(0, 8)}` });
    const forbidden = await http().post(`${surveyPath}/close`).set(neighbour).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'AUTH.FORBIDDEN', detail: expect.stringContaining('UNIT_OUT_OF_SCOPE') });
  });

  it('refuses extra unsur weights that do not sum to 1, naming the field', async () => {
    const response = await http()
      .post(`/units/${unitId}/skm-surveys/quarter/2027-01-01`)
      .set(staff)
      .send({
        periodEnd: '2027-03-31',
        extraUnsur: [{ code: 'X1', label: 'Aplikasi', weight: '1/2' }],
        regulationWeights: Object.fromEntries(answers([1, 1, 1, 1, 1, 1, 1, 1, 1]).map((a) => [a.code, '1/10'])),
      })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('extraUnsur[0].weight');
  });

  it('returns a 400 naming the field of an answer off the scale', async () => {
    const response = await http()
      .post(`/public/skm-surveys/${publicLinkId}/responses`)
      .send({ answers: answers([4, 4, 5, 4, 4, 4, 4, 4, 4]) })
      .expect(400);
    expect(response.body.code).toBe('INPUT.INVALID');
    expect(response.body.errors).toEqual([{ field: 'answers[2].value', rule: 'max', message: 'Kolom answers[2].value paling besar 4.' }]);
  });

  it('accepts one response citing a completed request of the unit, and refuses a second', async () => {
    const trackingCode = `SIUP-${randomUUID().slice(0, 6)}`;
    const completed: RequestEvent = {
      $case: 'requestCompleted',
      value: {
        requestId: randomUUID(),
        completedAt: '2026-11-20T03:00:00.000Z',
        completedOn: '2026-11-20',
        calendarId: 'id-national@2026-1',
        elapsedWorkingDays: 2,
        metStandard: true,
        trackingCode,
        serviceId: 'siup',
      },
    };
    const producer = testKafka().producer();
    await producer.connect();
    try {
      const envelope = {
        eventId: randomUUID(),
        eventType: requestCodec.typeOf(completed),
        streamId: `request-${completed.value.requestId}`,
        streamVersion: 4,
        occurredAt: completed.value.completedAt,
        tenantId,
        unitId,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actorId: 'officer-1',
        actorRole: 'officer',
      };
      await producer.send({
        topic: topics.request,
        messages: [{ key: unitId, value: Buffer.from(requestCodec.encode(completed)), headers: envelopeToHeaders(envelope) }],
      });
    } finally {
      await producer.disconnect();
    }
    await eventually(
      async () => {
        const { rows } = await db.pool.query(`SELECT unit_id FROM completed_requests_v1 WHERE tracking_code = $1`, [trackingCode]);
        expect(rows).toEqual([{ unit_id: unitId }]);
      },
      { timeoutMs: 30_000 },
    );

    const body = { answers: answers([4, 3, 3, 4, 3, 4, 4, 2, 3]), trackingCode, profile: { sex: 'P' }, suggestion: 'Ruang tunggu sempit' };
    const first = await http().post(`/public/skm-surveys/${publicLinkId}/responses`).send(body).expect(201);
    expect(first.body.recorded).toBe(true);
    const second = await http().post(`/public/skm-surveys/${publicLinkId}/responses`).send(body).expect(409);
    expect(second.body.code).toBe('SURVEY.DUPLICATE_REQUEST_RESPONSE');

    const unknown = await http()
      .post(`/public/skm-surveys/${publicLinkId}/responses`)
      .send({ ...body, trackingCode: 'NOT-COMPLETED' })
      .expect(409);
    expect(unknown.body.code).toBe('SURVEY.REQUEST_NOT_COMPLETED');
  });

  it('rejects a late response after close, and a projection rebuild gives the same IKM', async () => {
    await http()
      .post(`/public/skm-surveys/${publicLinkId}/responses`)
      .send({ answers: answers([3, 3, 3, 3, 2, 3, 3, 3, 3]) })
      .expect(201);
    await http()
      .post(`/public/skm-surveys/${publicLinkId}/responses`)
      .send({ answers: answers([2, 3, 4, 3, 3, 3, 4, 3, 3]) })
      .expect(201);
    await http().post(`${surveyPath}/close`).set(staff).expect(200);

    const late = await http()
      .post(`/public/skm-surveys/${publicLinkId}/responses`)
      .send({ answers: answers([4, 4, 4, 4, 4, 4, 4, 4, 4]) })
      .expect(409);
    expect(late.body.code).toBe('SURVEY.CLOSED');

    const live = await eventually(async () => {
      const response = await http().get(`${surveyPath}/result`).set(staff).expect(200);
      expect(response.body.final).toBe(true);
      return response.body;
    });
    expect(live.result).toMatchObject({ respondents: 3, population: 1, populationSource: 'completed-requests' });
    expect(live.result.ikm).toBeGreaterThan(0);
    expect(live.result.band).not.toBe('');

    const workers = app.get(BackgroundWorkers);
    for (const projector of workers.projectors) await projector.rebuild();
    const rebuilt = await http().get(`${surveyPath}/result`).set(staff).expect(200);
    expect(rebuilt.body).toEqual(live);
  });
});
