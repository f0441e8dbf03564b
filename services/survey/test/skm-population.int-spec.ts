import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type SurveyEvent, surveyPb } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';

/*
 * A unit whose requests Pantau does not record: its SKM sample is judged on the population Bagian
 * Organisasi declares for the period, corrected as often as needed until the period closes.
 */
describe('survey service: the population of an SKM period', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `rsud-${randomUUID().slice(0, 8)}`;
  const surveyPath = `/units/${unitId}/skm-surveys/quarter/2026-10-01`;
  const SIAK = 'Data pemohon SIAK 2026 triwulan IV';
  let operator: { Authorization: string };
  let otherUnitOperator: { Authorization: string };
  let admin: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const response = () => ({
    answers: Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value: 3 })),
    respondentToken: `tok${randomUUID().replace(/-/g, '')}`,
  });
  const result = async (path: string) => (await http().get(`${path}/result`).set(admin).expect(200)).body;

  beforeAll(async () => {
    [operator, otherUnitOperator, admin] = await Promise.all([
      bearer('operator-disdukcapil', { tenantId, unitId }),
      bearer('operator-dinkes', { tenantId, unitId: `dinkes-${randomUUID().slice(0, 8)}` }),
      bearer('admin-orpeg', { tenantId }),
    ]);
    db = await createTestDatabase([], 'pantau_survey_population');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `survey-population-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('judges 12 responses of a unit without completed requests on population 0, never adequate', async () => {
    const opened = await http().post(surveyPath).set(operator).send({ periodEnd: '2026-12-31' }).expect(201);
    await eventually(async () => {
      await http().get(`/public/skm-surveys/${opened.body.publicLinkId}`).expect(200);
    });
    for (let i = 0; i < 12; i++) await http().post(`/public/skm-surveys/${opened.body.publicLinkId}/responses`).send(response()).expect(201);
    const running = await eventually(async () => {
      const body = await result(surveyPath);
      expect(body.result.respondents).toBe(12);
      return body.result;
    });
    expect(running).toMatchObject({
      population: 0,
      populationSource: 'completed-requests',
      declaredPopulationSource: '',
      populationDeclaredAt: '',
      completedRequests: 0,
      requiredSample: 0,
      sampleAdequate: false,
    });
  });

  it('lets Bagian Organisasi declare the population with its source and correct it; the latest is used', async () => {
    await http().put(`${surveyPath}/population`).set(admin).send({ population: 1000, source: 'Perkiraan awal' }).expect(200);
    const corrected = await http()
      .put(`${surveyPath}/population`)
      .set(admin)
      .send({ population: 12, source: ` ${SIAK} ` })
      .expect(200);
    const again = await http().put(`${surveyPath}/population`).set(admin).send({ population: 12, source: SIAK }).expect(200);
    expect(again.body).toMatchObject({ appended: 0, version: corrected.body.version });

    const running = await eventually(async () => {
      const body = await result(surveyPath);
      expect(body.version).toBe(corrected.body.version);
      return body;
    });
    expect(running.final).toBe(false);
    expect(running.result).toMatchObject({
      respondents: 12,
      population: 12,
      populationSource: 'declared',
      declaredPopulationSource: SIAK,
      populationDeclaredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      requiredSample: 12,
      sampleAdequate: true,
    });
  });

  it('refuses a declaration without a whole population or a source, naming the fields in Indonesian', async () => {
    const invalid = await http().put(`${surveyPath}/population`).set(admin).send({ population: 0, source: '   ' }).expect(400);
    expect(invalid.body.code).toBe('INPUT.INVALID');
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'population', rule: 'min', message: 'Kolom population paling kecil 1.' },
        { field: 'source', rule: 'isNotEmpty', message: 'Kolom source wajib diisi.' },
      ]),
    );
    const tooLong = await http()
      .put(`${surveyPath}/population`)
      .set(admin)
      .send({ population: 12, source: 'x'.repeat(201) })
      .expect(400);
    expect(tooLong.body.errors).toEqual([{ field: 'source', rule: 'maxLength', message: 'Kolom source paling banyak 200 karakter.' }]);
    const unsourced = await http()
      .post(`/units/${unitId}/skm-surveys/quarter/2027-01-01`)
      .set(operator)
      .send({ periodEnd: '2027-03-31', declaredPopulation: 50 });
    expect(unsourced.status).toBe(400);
    expect(unsourced.body.errors.map((e: { field: string }) => e.field)).toContain('declaredPopulationSource');
  });

  it("refuses another unit's operator and a caller without a token", async () => {
    const forbidden = await http().put(`${surveyPath}/population`).set(otherUnitOperator).send({ population: 12, source: SIAK }).expect(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    await http().put(`${surveyPath}/population`).send({ population: 12, source: SIAK }).expect(401);
  });

  it('fixes the declared population in the closed result, and refuses a declaration after closing', async () => {
    await http().post(`${surveyPath}/close`).set(operator).expect(200);
    const closed = await eventually(async () => {
      const body = await result(surveyPath);
      expect(body.final).toBe(true);
      return body.result;
    });
    expect(closed).toMatchObject({
      population: 12,
      populationSource: 'declared',
      declaredPopulationSource: SIAK,
      completedRequests: 0,
      requiredSample: 12,
      sampleAdequate: true,
    });

    const late = await http().put(`${surveyPath}/population`).set(admin).send({ population: 13, source: SIAK }).expect(409);
    expect(late.body).toMatchObject({
      code: 'SURVEY.POPULATION_FIXED',
      title: 'Periode survei sudah ditutup: populasi yang dipakai sudah tercatat dalam hasil dan tidak dapat diubah lagi.',
    });

    const list = (await http().get(`/units/${unitId}/skm-surveys`).set(operator).expect(200)).body;
    expect(list.find((s: { periodStart: string }) => s.periodStart === '2026-10-01')).toMatchObject({
      respondents: 12,
      declaredPopulation: { population: 12, source: SIAK },
      final: { population: 12, populationSource: 'declared', declaredPopulationSource: SIAK, requiredSample: 12, sampleAdequate: true },
    });
  });

  it('opens with a declared population and its source', async () => {
    const path = `/units/${unitId}/skm-surveys/semester/2026-07-01`;
    await http()
      .post(path)
      .set(operator)
      .send({ periodEnd: '2026-12-31', declaredPopulation: 300, declaredPopulationSource: 'Register loket 2026' })
      .expect(201);
    const running = await eventually(async () => (await result(path)).result);
    expect(running).toMatchObject({ population: 300, populationSource: 'declared', declaredPopulationSource: 'Register loket 2026', requiredSample: 169 });
  });

  it('reads and corrects a population an opening recorded before declarations were events of their own', async () => {
    const path = `/units/${unitId}/skm-surveys/quarter/2026-07-01`;
    const openedAt = '2026-07-01T01:00:00.000Z';
    const legacy: SurveyEvent = {
      $case: 'surveyOpened',
      value: {
        surveyId: randomUUID(),
        unitId,
        tenantId,
        periodKind: surveyPb.PeriodKind.PERIOD_KIND_QUARTER,
        periodStart: '2026-07-01',
        periodEnd: '2026-09-30',
        ruleset: 'skm-2017@1',
        extraUnsur: [],
        weights: Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, weight: 1 / 9, weightNumerator: 1, weightDenominator: 9 })),
        declaredPopulation: 100,
        openedAt,
      },
    };
    await app.get<EventStore<SurveyEvent>>(EventStore).append(`survey-${tenantId}/${unitId}/quarter/2026-07-01`, 0, [legacy], {
      correlationId: randomUUID(),
      tenantId,
      unitId,
      actor: { id: 'test', role: 'system' },
      occurredAt: openedAt,
    });
    const before = await eventually(async () => (await result(path)).result);
    expect(before).toMatchObject({ population: 100, populationSource: 'declared', declaredPopulationSource: '', populationDeclaredAt: openedAt });

    const corrected = await http().put(`${path}/population`).set(admin).send({ population: 120, source: SIAK }).expect(200);
    const after = await eventually(async () => {
      const body = await result(path);
      expect(body.version).toBe(corrected.body.version);
      return body.result;
    });
    expect(after).toMatchObject({ population: 120, populationSource: 'declared', declaredPopulationSource: SIAK });
  });
});
