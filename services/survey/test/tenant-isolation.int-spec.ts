import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { publishForeignEvent } from '../../../test/support/foreign-events';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';
import { announceCycle, openWhenSeen } from './pekppp-cycles';

type Headers = { Authorization: string };

/*
 * Two Pemdas both have a unit "disdukcapil" and survey the same quarter, and both run F-03 in a cycle
 * they each named "pekppp-2026": each gets its own survey and collection, and neither can reach the
 * other's by any route.
 */
describe('survey service: two tenants with the same unit ids and periods', () => {
  const run = randomUUID().slice(0, 8);
  const kota = `kota-banjarmasin-${run}`;
  const banjar = `kabupaten-banjar-${run}`;
  const unitId = 'disdukcapil';
  const quarter = `/units/${unitId}/skm-surveys/quarter/2026-10-01`;
  const cycleId = 'pekppp-2026';
  let operator: Record<string, Headers>;
  let admin: Record<string, Headers>;
  let national: Headers;
  let db: TestDatabase;
  let app: INestApplication;
  const links: Record<string, string> = {};

  const http = () => request(app.getHttpServer());
  // each response from its own form, so the duplicate check never mistakes two respondents for one
  const response = (value: number) => ({
    answers: Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value })),
    respondentToken: `tok${randomUUID().replace(/-/g, '')}`,
  });
  const items = (score: number) => Array.from({ length: 14 }, (_, i) => ({ item: i + 1, score }));
  // the same answers resent from one device within minutes are refused as a resend: respondents here answer apart
  const respondF03 = (tenantId: string, cycle: string, proof?: string, score = 4) =>
    http()
      .post(`/public/tenants/${tenantId}/f03/${cycle}/${unitId}/responses`)
      .send({ items: items(score), proof });

  beforeAll(async () => {
    const [kotaOperator, banjarOperator, kotaAdmin, banjarAdmin] = await Promise.all([
      bearer('operator-disdukcapil', { tenantId: kota }),
      bearer('operator-disdukcapil', { tenantId: banjar }),
      bearer('admin-orpeg', { tenantId: kota }),
      bearer('admin-banjar', { tenantId: banjar }),
    ]);
    operator = { [kota]: kotaOperator, [banjar]: banjarOperator };
    admin = { [kota]: kotaAdmin, [banjar]: banjarAdmin };
    national = await bearer('national-auditor');
    db = await createTestDatabase([], 'pantau_survey');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `survey-tenants-${run}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('opens each tenant its own SKM survey of the same unit and quarter', async () => {
    for (const tenantId of [kota, banjar]) {
      const opened = await http().post(quarter).set(operator[tenantId]).send({ periodEnd: '2026-12-31' }).expect(201);
      expect(opened.body).toMatchObject({ duplicate: false, streamId: `survey-${tenantId}/${unitId}/quarter/2026-10-01` });
      links[tenantId] = opened.body.publicLinkId;
    }
    expect(links[kota]).not.toBe(links[banjar]);
    await eventually(async () => {
      for (const tenantId of [kota, banjar]) await http().get(`/public/skm-surveys/${links[tenantId]}`).expect(200);
    });
  });

  it("counts each tenant's responses and completed requests in its own result only", async () => {
    for (const value of [4, 4]) await http().post(`/public/skm-surveys/${links[kota]}/responses`).send(response(value)).expect(201);
    await http().post(`/public/skm-surveys/${links[banjar]}/responses`).send(response(2)).expect(201);

    const trackingCode = `KTP-${run}`;
    const completed: RequestEvent = {
      $case: 'requestCompleted',
      value: {
        requestId: randomUUID(),
        completedAt: '2026-11-20T03:00:00.000Z',
        completedOn: '2026-11-20',
        calendarId: 'id-national@2026-1',
        elapsedWorkingDays: 1,
        metStandard: true,
        trackingCode,
        serviceId: 'ktp-el',
      },
    };
    await publishForeignEvent(topics.request, requestCodec, completed, {
      tenantId: kota,
      unitId,
      streamId: `request-${completed.value.requestId}`,
      streamVersion: 4,
      occurredAt: completed.value.completedAt,
    });
    await eventually(
      async () => {
        const { rows } = await db.pool.query(`SELECT tenant_id FROM completed_requests_v1 WHERE tracking_code = $1`, [trackingCode]);
        expect(rows).toEqual([{ tenant_id: kota }]);
      },
      { timeoutMs: 30_000 },
    );
    // the same unit id and tracking code mean nothing in the other Pemda
    const cited = await http()
      .post(`/public/skm-surveys/${links[banjar]}/responses`)
      .send({ ...response(3), trackingCode })
      .expect(409);
    expect(cited.body.code).toBe('SURVEY.REQUEST_NOT_COMPLETED');

    await eventually(async () => {
      const own = await http().get(`${quarter}/result`).set(operator[kota]).expect(200);
      expect(own.body.result).toMatchObject({ respondents: 2, ikmConverted: 100, population: 1 });
      const other = await http().get(`${quarter}/result`).set(operator[banjar]).expect(200);
      expect(other.body.result).toMatchObject({ respondents: 1, ikmConverted: 50, population: 0 });
    });
    for (const tenantId of [kota, banjar]) {
      const listed = await http().get(`/units/${unitId}/skm-surveys`).set(operator[tenantId]).expect(200);
      expect(listed.body.map((survey: { publicLinkId: string }) => survey.publicLinkId)).toEqual([links[tenantId]]);
      const read = await http().get(`${quarter}/result?tenantId=${tenantId}`).set(national).expect(200);
      expect(read.body.surveyId).toBe(links[tenantId]);
    }
  });

  it("answers another tenant's survey exactly like one nobody opened, and refuses naming that tenant", async () => {
    const onlyKota = `/units/${unitId}/skm-surveys/semester/2026-07-01`;
    const nobodys = `/units/${unitId}/skm-surveys/year/2026-01-01`;
    await http().post(onlyKota).set(operator[kota]).send({ periodEnd: '2026-12-31' }).expect(201);
    await eventually(async () => {
      await http().get(`${onlyKota}/result`).set(operator[kota]).expect(200);
    });

    const asBanjar = async (path: string) => {
      const answersOf = await Promise.all([
        http().get(`${path}/result`).set(operator[banjar]),
        http().post(`${path}/close`).set(operator[banjar]),
        http()
          .post(`${path}/publication`)
          .set(operator[banjar])
          .send({ media: ['website'], publishedOn: '2027-01-05' }),
        http().post(`${path}/follow-ups`).set(operator[banjar]).send({ itemId: 'rtl-1', unsurCode: 'U1', action: 'Tambah loket', dueDate: '2027-03-31' }),
      ]);
      return answersOf.map(({ status, body }) => [status, body.code]);
    };
    const hidden = await asBanjar(onlyKota);
    expect(hidden).toEqual(await asBanjar(nobodys));
    expect(hidden).toEqual([
      [404, 'SURVEY.NOT_FOUND'],
      [409, 'SURVEY.NOT_OPENED'],
      [409, 'SURVEY.NOT_OPENED'],
      [409, 'SURVEY.NOT_OPENED'],
    ]);

    const named = await http().get(`${onlyKota}/result?tenantId=${kota}`).set(operator[banjar]).expect(403);
    expect(named.body.code).toBe('AUTH.FORBIDDEN');
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE metadata->>'tenantId' = $1`, [banjar]);
    expect(rows[0].n).toBe(2); // its own survey and response; nothing it tried on the other tenant's
  });

  it("closes each tenant's survey with its own result", async () => {
    for (const tenantId of [kota, banjar]) await http().post(`${quarter}/close`).set(operator[tenantId]).expect(200);
    const final = async (tenantId: string) =>
      eventually(async () => {
        const { body } = await http().get(`${quarter}/result`).set(operator[tenantId]).expect(200);
        expect(body.final).toBe(true);
        return body.result;
      });
    expect(await final(kota)).toMatchObject({ respondents: 2, ikmConverted: 100, population: 1 });
    expect(await final(banjar)).toMatchObject({ respondents: 1, ikmConverted: 50, population: 0 });
  });

  it('runs each tenant its own F-03 collection in a cycle both named the same, and closes each on its own stream', async () => {
    const codes: Record<string, string[]> = {};
    for (const tenantId of [kota, banjar]) {
      await announceCycle(tenantId, cycleId, [unitId]);
      await openWhenSeen(() => http().post(`/f03-collections/${cycleId}/${unitId}`).set(admin[tenantId]).send({}));
      const issued = await http().post(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(admin[tenantId]).send({ count: 2 }).expect(201);
      codes[tenantId] = issued.body.codes;
    }
    // a code of the other tenant's collection of the same name is no proof here
    expect((await respondF03(banjar, cycleId, codes[kota][0]).expect(409)).body.code).toBe('F03.PROOF_INVALID');
    await respondF03(kota, cycleId, codes[kota][0]).expect(201);
    await respondF03(kota, cycleId, codes[kota][1], 5).expect(201);
    await respondF03(banjar, cycleId, codes[banjar][0]).expect(201);

    for (const [tenantId, respondents] of [
      [kota, 2],
      [banjar, 1],
    ] as const) {
      const report = await http().get(`/f03-collections/${cycleId}/${unitId}`).set(operator[tenantId]).expect(200);
      expect(report.body).toMatchObject({ status: 'open', respondents });
      await http().post(`/f03-collections/${cycleId}/${unitId}/close`).set(admin[tenantId]).expect(200);
    }
    const { rows } = await db.pool.query(
      `SELECT stream_id, metadata->>'tenantId' AS tenant_id, (payload->>'respondents')::int AS respondents FROM events WHERE event_type = 'F03Closed' ORDER BY stream_id`,
    );
    expect(rows).toEqual([
      { stream_id: `f03-${banjar}/${cycleId}/${unitId}`, tenant_id: banjar, respondents: 1 },
      { stream_id: `f03-${kota}/${cycleId}/${unitId}`, tenant_id: kota, respondents: 2 },
    ]);
  });

  it("answers another tenant's F-03 collection as missing, to its staff and to the public form", async () => {
    const onlyKota = 'pekppp-2027';
    await announceCycle(kota, onlyKota, [unitId]);
    await openWhenSeen(() => http().post(`/f03-collections/${onlyKota}/${unitId}`).set(admin[kota]).send({}));
    // the other tenant cannot open it either: the cycle is not one of its own
    const foreign = await http().post(`/f03-collections/${onlyKota}/${unitId}`).set(admin[banjar]).send({}).expect(404);
    expect(foreign.body.code).toBe('CYCLE.NOT_FOUND');

    const report = await http().get(`/f03-collections/${onlyKota}/${unitId}`).set(operator[banjar]).expect(404);
    expect(report.body.code).toBe('F03.NOT_FOUND');
    const response = await respondF03(banjar, onlyKota).expect(404);
    expect(response.body.code).toBe('F03.NOT_FOUND');
    const closed = await http().post(`/f03-collections/${onlyKota}/${unitId}/close`).set(admin[banjar]);
    const neverOpened = await http().post(`/f03-collections/pekppp-1999/${unitId}/close`).set(admin[banjar]);
    expect([closed.status, closed.body.code]).toEqual([409, 'F03.NOT_OPENED']);
    expect([neverOpened.status, neverOpened.body.code]).toEqual([409, 'F03.NOT_OPENED']);

    const stillOpen = await http().get(`/f03-collections/${onlyKota}/${unitId}`).set(operator[kota]).expect(200);
    expect(stillOpen.body).toMatchObject({ status: 'open', respondents: 0 });
  });
});
