import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023KodeB, pekppp2023v2, scoredIndicators } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };

describe('evaluation service: a cycle with a Kode A (luring) and a Kode B (daring) unit lokus, each scored under its own ruleset', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const luring = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const daring = `mpp-daring-${randomUUID().slice(0, 8)}`;
  const kodeACodes = scoredIndicators(pekppp2023v2).map((indicator) => indicator.code);
  const kodeBCodes = scoredIndicators(pekppp2023KodeB).map((indicator) => indicator.code);
  const KODE_A = { id: 'pekppp-2023', version: 2 };
  const KODE_B = { id: pekppp2023KodeB.id, version: pekppp2023KodeB.version };
  let admin: Headers, lead: Headers, luringOperator: Headers, daringOperator: Headers;
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const assessment = (unitId: string, path = '') => `/cycles/${cycleId}/units/${unitId}/assessment${path}`;
  const assign = (unitId: string, kode?: string) =>
    http()
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1', ...(kode === undefined ? {} : { kode }) });

  beforeAll(async () => {
    [admin, lead, luringOperator, daringOperator] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [luring, daring] }),
      bearer('operator-disdukcapil', { tenantId, unitId: luring }),
      bearer('operator-disdukcapil', { tenantId, unitId: daring }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_kode_b');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-kode-b-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('pins the Kode B ruleset beside revision 2 and shows each lokus with its kode', async () => {
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP luring dan daring',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 2,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    cycleId = opened.body.cycleId;
    await assign(luring).expect(200);
    await assign(daring, 'B').expect(200);
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body).toMatchObject({ ruleset: KODE_A, kodeBRuleset: KODE_B });
      expect(body.units).toEqual(
        expect.arrayContaining([expect.objectContaining({ unitId: luring, kode: 'A' }), expect.objectContaining({ unitId: daring, kode: 'B' })]),
      );
      const list = await http().get('/cycles').set(admin).expect(200);
      expect(list.body.find((cycle: { cycleId: string }) => cycle.cycleId === cycleId).units).toEqual(
        expect.arrayContaining([expect.objectContaining({ unitId: daring, kode: 'B' })]),
      );
    });
  });

  it('refuses a kode other than A or B with a 400 in Indonesian naming the field', async () => {
    const { body } = await assign(daring, 'C').expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'kode', rule: 'isIn', message: expect.stringContaining('Kolom kode') })]);
  });

  it('refuses a Kode B lokus in a cycle whose ruleset has no Kode B form', async () => {
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP revisi 1',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    const { body } = await http()
      .put(`/cycles/${opened.body.cycleId}/units/${daring}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1', kode: 'B' })
      .expect(409);
    expect(body.code).toBe('CYCLE.NO_KODE_B_RULESET');
  });

  it("runs each unit's F-01 and F-02 on its kode's indicators: Kode B refuses 4.a.K, which it lacks", async () => {
    await http()
      .put(assessment(luring, '/draft'))
      .set(luringOperator)
      .send({ answers: kodeACodes.map((indicatorCode) => ({ indicatorCode, score: 4, justification: 'tersedia di loket' })) })
      .expect(200);
    await http()
      .put(assessment(daring, '/draft'))
      .set(daringOperator)
      .send({ answers: kodeBCodes.map((indicatorCode) => ({ indicatorCode, score: 5, justification: 'layanan sepenuhnya daring' })) })
      .expect(200);
    await http().post(assessment(luring, '/submit')).set(luringOperator).expect(200);
    await http().post(assessment(daring, '/submit')).set(daringOperator).expect(200);

    const lacking = await http().put(assessment(daring, '/scores/4.a.K')).set(lead).send({ score: 3, note: 'peninjauan SP' }).expect(409);
    expect(lacking.body.code).toBe('ASSESSMENT.UNKNOWN_INDICATOR');
    await http().put(assessment(luring, '/scores/4.a.K')).set(lead).send({ score: 3, note: 'peninjauan SP' }).expect(200);

    for (const code of kodeACodes)
      await http()
        .put(assessment(luring, `/scores/${code}`))
        .set(lead)
        .send({ score: 3, note: 'deskriptor 3' })
        .expect(200);
    for (const code of kodeBCodes)
      await http()
        .put(assessment(daring, `/scores/${code}`))
        .set(lead)
        .send({ score: 4, note: 'deskriptor 4' })
        .expect(200);

    await eventually(async () => {
      const a = await http().get(`/cycles/${cycleId}/units/${luring}/score`).set(admin).expect(200);
      expect(a.body).toMatchObject({ ruleset: KODE_A, complete: true, category: 'C' });
      expect(a.body.ipp).toMatchObject({ self: 4, evaluator: 3, final: 3 });
      expect(a.body.indicators).toHaveLength(kodeACodes.length);
      const b = await http().get(`/cycles/${cycleId}/units/${daring}/score`).set(admin).expect(200);
      expect(b.body).toMatchObject({ ruleset: { ...KODE_B, provisional: true }, complete: true, category: 'B' });
      expect(b.body.ipp).toMatchObject({ self: 5, evaluator: 4, final: 4 });
      expect(b.body.indicators).toHaveLength(kodeBCodes.length);
    });
  });

  it("fixes a lokus's kode once its F-01 is submitted, while its evaluators may still change", async () => {
    const { body } = await assign(daring, 'A').expect(409);
    expect(body.code).toBe('CYCLE.KODE_LOCKED');
    await http()
      .put(`/cycles/${cycleId}/units/${daring}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
    await eventually(async () => {
      const cycle = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(cycle.body.units).toEqual(
        expect.arrayContaining([expect.objectContaining({ unitId: daring, kode: 'B', evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'] })]),
      );
    });
  });

  it('publishes both results, each scored under its own ruleset', async () => {
    await http().post(`/cycles/${cycleId}/results`).set(admin).expect(201);
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}/scores`).set(admin).expect(200);
      const line = (unitId: string) => body.units.find((candidate: { unitId: string }) => candidate.unitId === unitId);
      expect(line(luring)).toMatchObject({ ruleset: KODE_A, published: { ipp: 3, category: 'C' } });
      expect(line(daring)).toMatchObject({ ruleset: KODE_B, published: { ipp: 4, category: 'B' } });
    });
    const { rows } = await db.pool.query<{ payload: { results: { unitId: string; ipp: number; missingIndicatorCodes?: string[] }[] } }>(
      `SELECT payload FROM events WHERE event_type = 'CycleResultsPublished' AND stream_id LIKE $1`,
      [`%/${cycleId}`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.results).toEqual(
      expect.arrayContaining([expect.objectContaining({ unitId: luring, ipp: 3 }), expect.objectContaining({ unitId: daring, ipp: 4 })]),
    );
  });
});
