import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { publishForeignEvent } from '../../../test/support/foreign-events';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';
import { announceCycle, openWhenSeen } from './pekppp-cycles';

const PORTAL = 'https://pantau.banjarmasinkota.go.id/survei';

describe('public survey forms: poster QR code, duplicate detection, F-03 report', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dinkes-${randomUUID().slice(0, 8)}`;
  // The unit's operator runs its SKM; Bagian Organisasi opens F-03 collections as part of the PEKPPP cycle.
  let staff: { Authorization: string };
  let admin: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  let publicLinkId: string;

  const http = () => request(app.getHttpServer());
  const answers = (value: number) => Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value }));
  const respond = (body: object, userAgent = 'Mozilla/5.0 (Linux; Android 10; K)') =>
    http().post(`/public/skm-surveys/${publicLinkId}/responses`).set('User-Agent', userAgent).send(body);
  const respondents = async (): Promise<number> => {
    const result = await http().get(`/units/${unitId}/skm-surveys/quarter/2026-10-01/result`).set(staff).expect(200);
    return result.body.result.respondents as number;
  };

  beforeAll(async () => {
    [staff, admin] = await Promise.all([bearer('operator-dinkes', { tenantId, unitId }), bearer('admin-orpeg', { tenantId })]);
    db = await createTestDatabase([], 'pantau_survey');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `survey-forms-${randomUUID().slice(0, 8)}.`,
        PUBLIC_SURVEY_BASE_URL: PORTAL,
      },
    );
    const opened = await http().post(`/units/${unitId}/skm-surveys/quarter/2026-10-01`).set(staff).send({ periodEnd: '2026-12-31' }).expect(201);
    publicLinkId = opened.body.publicLinkId;
    await eventually(async () => {
      await http().get(`/public/skm-surveys/${publicLinkId}`).expect(200);
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('serves a poster QR code that scans to the public form on the portal', async () => {
    const png = await http().get(`/public/skm-surveys/${publicLinkId}/qr.png`).buffer(true).expect('Content-Type', 'image/png').expect(200);
    const image = PNG.sync.read(png.body as Buffer);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(`${PORTAL}/${publicLinkId}`);

    const svg = await http()
      .get(`/public/skm-surveys/${publicLinkId}/qr.svg`)
      .buffer(true)
      .expect('Content-Type', /image\/svg\+xml/)
      .expect(200);
    expect((svg.body as Buffer).toString('utf8')).toMatch(/^<svg/);
    const form = await http().get(`/public/skm-surveys/${publicLinkId}`).expect(200);
    expect(form.body.publicUrl).toBe(`${PORTAL}/${publicLinkId}`);
  });

  it('answers 404 for the QR code of an unknown survey', async () => {
    const response = await http().get(`/public/skm-surveys/${randomUUID()}/qr.svg`).expect(404);
    expect(response.body.code).toBe('SURVEY.NOT_FOUND');
  });

  it('accepts one response per form token and tells a second one apart', async () => {
    const token = `tok${randomUUID().replace(/-/g, '')}`;
    await respond({ answers: answers(4), respondentToken: token }).expect(201);
    const second = await respond({ answers: answers(3), respondentToken: token }).expect(409);
    expect(second.body.code).toBe('SURVEY.DUPLICATE_RESPONDENT');
    // a kiosk: the same device, a fresh token per respondent, the same answers
    await respond({ answers: answers(4), respondentToken: `tok${randomUUID().replace(/-/g, '')}` }).expect(201);
    await eventually(async () => expect(await respondents()).toBe(2));
  });

  it('refuses the same tokenless submission sent twice, and accepts other answers from the same device', async () => {
    const before = await respondents();
    const body = { answers: answers(2), suggestion: 'Ruang tunggu panas' };
    await respond(body, 'curl/8.5').expect(201);
    const resent = await respond({ ...body, suggestion: ' ruang tunggu PANAS ' }, 'curl/8.5').expect(409);
    expect(resent.body.code).toBe('SURVEY.DUPLICATE_SUBMISSION');
    await respond({ ...body, answers: answers(1) }, 'curl/8.5').expect(201);
    await eventually(async () => expect(await respondents()).toBe(before + 2));
  });

  it('counts a tokenless device by its IPv6 /64, as the rate limit does, so rotating within the prefix sends no second response', async () => {
    const body = { answers: answers(3), suggestion: 'Antrean lama' };
    // from loopback, which TRUST_PROXY trusts by default: the client is the X-Forwarded-For address
    const from = (address: string) => respond(body, 'Mozilla/5.0 (X11; Linux)').set('X-Forwarded-For', address);
    await from('2001:db8:5:1::a').expect(201);
    expect((await from('2001:db8:5:1::b').expect(409)).body.code).toBe('SURVEY.DUPLICATE_SUBMISSION');
    await from('2001:db8:5:2::a').expect(201);
  });

  it('names the field of a malformed form token', async () => {
    const response = await respond({ answers: answers(4), respondentToken: 'short' }).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'respondentToken', rule: 'matches' })]);
  });

  it('reports an F-03 collection per item and aspect, and 404 to another tenant', async () => {
    const cycleId = `pekppp-${randomUUID().slice(0, 8)}`;
    await announceCycle(tenantId, cycleId, [unitId]);
    await openWhenSeen(() => http().post(`/f03-collections/${cycleId}/${unitId}`).set(admin).send({}));
    const scores = (toilet: number) => Array.from({ length: 14 }, (_, i) => ({ item: i + 1, score: i + 1 === 10 ? toilet : 4 }));
    // two respondents, each with a one-time code the unit handed out with the service
    const issued = await http().post(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(admin).send({ count: 2 }).expect(201);
    const [first, second] = issued.body.codes as string[];
    await http()
      .post(`/public/tenants/${tenantId}/f03/${cycleId}/${unitId}/responses`)
      .send({ items: scores(1), proof: first })
      .expect(201);
    await http()
      .post(`/public/tenants/${tenantId}/f03/${cycleId}/${unitId}/responses`)
      .send({ items: scores(2), proof: second })
      .expect(201);

    const report = await http().get(`/f03-collections/${cycleId}/${unitId}`).set(staff).expect(200);
    expect(report.body).toMatchObject({
      status: 'open',
      respondents: 2,
      unverifiedRespondents: 0,
      quota: { minimum: 10, maximum: 20, met: false, provisional: true },
      weakestItems: [10],
    });
    expect(report.body.items[9]).toEqual({ item: 10, aspect: 'III', name: 'Toilet', mean: 1.5 });
    // (13×4×2 + 1 + 2) / 28
    expect(report.body.score).toBe(3.82);

    const otherTenant = await http()
      .get(`/f03-collections/${cycleId}/${unitId}`)
      .set(await bearer('operator-dinkes', { tenantId: 'kabupaten-lain', unitId }))
      .expect(404);
    expect(otherTenant.body.code).toBe('F03.NOT_FOUND');
  });

  it('counts a request completed after midnight WIT in the next local period, as the request service dated it', async () => {
    const survey = `/units/${unitId}/skm-surveys/semester/2026-07-01`;
    await http().post(survey).set(staff).send({ periodEnd: '2026-12-31' }).expect(201);
    const completion = (completedAt: string, completedOn: string): RequestEvent => ({
      $case: 'requestCompleted',
      value: {
        requestId: randomUUID(),
        completedAt,
        completedOn,
        calendarId: 'id-national@2026-1,2027-provisional-1+tenant-jayapura@1',
        elapsedWorkingDays: 1,
        metStandard: true,
        trackingCode: `KIA-${randomUUID().slice(0, 8)}`,
        serviceId: 'kia',
      },
    });
    const origin = (event: RequestEvent, occurredAt: string) => ({
      tenantId,
      unitId,
      streamId: `request-${randomUUID()}`,
      streamVersion: 3,
      occurredAt,
      event,
    });
    // 15:30 UTC on 31 December is 22:30 WIB but 00:30 WIT on 1 January: the next quarter in Papua
    for (const [completedAt, completedOn] of [
      ['2026-12-31T08:00:00.000Z', '2026-12-31'],
      ['2026-12-31T15:30:00.000Z', '2027-01-01'],
    ]) {
      const { event, ...where } = origin(completion(completedAt, completedOn), completedAt);
      await publishForeignEvent(topics.request, requestCodec, event, where);
    }
    await eventually(
      async () => {
        const { rows } = await db.pool.query<{ completed_on: string }>(
          `SELECT completed_on::text FROM completed_requests_v1 WHERE unit_id = $1 ORDER BY completed_on`,
          [unitId],
        );
        expect(rows.map((row) => row.completed_on)).toEqual(['2026-12-31', '2027-01-01']);
      },
      { timeoutMs: 30_000 },
    );
    // the survey's read row comes from a projection, which may still be behind the consumer
    const result = await eventually(() => http().get(`${survey}/result`).set(staff).expect(200), { timeoutMs: 30_000 });
    expect(result.body.result).toMatchObject({ population: 1, populationSource: 'completed-requests' });
  });
});
