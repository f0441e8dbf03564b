import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';

describe("survey service: a unit's SKM surveys listed for the portal", () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  let operator: { Authorization: string };
  let otherUnitOperator: { Authorization: string };
  let admin: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const answers = (value: number) => Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value }));

  beforeAll(async () => {
    [operator, otherUnitOperator, admin] = await Promise.all([
      bearer('operator-disdukcapil', { tenantId, unitId }),
      bearer('operator-dinkes', { tenantId, unitId: `dinkes-${randomUUID().slice(0, 8)}` }),
      bearer('admin-orpeg', { tenantId }),
    ]);
    db = await createTestDatabase([], 'pantau_survey_list');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `survey-list-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists the surveys newest period first, with the public link id and the final IKM once closed', async () => {
    const first = await http()
      .post(`/units/${unitId}/skm-surveys/quarter/2026-07-01`)
      .set(operator)
      .send({ periodEnd: '2026-09-30', declaredPopulation: 100, declaredPopulationSource: 'Data kunjungan loket 2026' })
      .expect(201);
    const second = await http().post(`/units/${unitId}/skm-surveys/quarter/2026-10-01`).set(operator).send({ periodEnd: '2026-12-31' }).expect(201);
    await eventually(async () => {
      await http().get(`/public/skm-surveys/${first.body.publicLinkId}`).expect(200);
    });
    await http()
      .post(`/public/skm-surveys/${first.body.publicLinkId}/responses`)
      .send({ answers: answers(4), respondentToken: `tok${randomUUID().replace(/-/g, '')}` })
      .expect(201);
    await eventually(async () => {
      const { body } = await http().get(`/units/${unitId}/skm-surveys/quarter/2026-07-01/result`).set(operator).expect(200);
      expect(body.result.respondents).toBe(1);
    });
    await http().post(`/units/${unitId}/skm-surveys/quarter/2026-07-01/close`).set(operator).expect(200);

    const list = await eventually(async () => {
      const { body } = await http().get(`/units/${unitId}/skm-surveys`).set(operator).expect(200);
      expect(body).toHaveLength(2);
      expect(body[1].status).toBe('closed');
      return body;
    });
    expect(list[0]).toMatchObject({
      surveyId: second.body.surveyId,
      publicLinkId: second.body.publicLinkId,
      unitId,
      periodKind: 'quarter',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      status: 'open',
      final: null,
    });
    expect(list[1]).toMatchObject({
      publicLinkId: first.body.publicLinkId,
      respondents: 1,
      final: { ikmConverted: 100, band: 'A', weakestUnsur: expect.any(String) },
    });
  });

  it("shows Bagian Organisasi any unit's list and refuses another unit's operator", async () => {
    expect((await http().get(`/units/${unitId}/skm-surveys`).set(admin).expect(200)).body).toHaveLength(2);
    expect((await http().get(`/units/${unitId}/skm-surveys`).set(otherUnitOperator).expect(403)).body.code).toBe('AUTH.FORBIDDEN');
    await http().get(`/units/${unitId}/skm-surveys`).expect(401);
  });
});
