import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };

describe('evaluation service: the portal overview reads (cycle list, all scores of a cycle, ruleset text)', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  // `weak` is scored by the evaluator, low on "Konsultasi dan Pengaduan"; `unscored` only saved a modest self-assessment.
  const weak = `dinkes-${randomUUID().slice(0, 8)}`;
  const unscored = `kecamatan-${randomUUID().slice(0, 8)}`;
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  const complaintCodes = pekppp2023.aspects.find((aspect) => aspect.code === 'e')!.indicators.map((indicator) => indicator.code);
  let admin: Headers, auditor: Headers, national: Headers, otherTenantAdmin: Headers, weakOperator: Headers, unscoredOperator: Headers, lead: Headers;
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const draft = (score: number) => ({ answers: codes.map((indicatorCode) => ({ indicatorCode, score, justification: 'uji' })) });

  beforeAll(async () => {
    [admin, auditor, national, otherTenantAdmin, weakOperator, unscoredOperator, lead] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('auditor-inspektorat', { tenantId }),
      bearer('national-auditor'),
      bearer('admin-banjar'),
      bearer('operator-dinkes', { tenantId, unitId: weak }),
      bearer('operator-kecamatan-utara', { tenantId, unitId: unscored }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [weak, unscored] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_overview');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-overview-${randomUUID().slice(0, 8)}.` },
    );

    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP ringkasan',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    cycleId = opened.body.cycleId;
    for (const unitId of [weak, unscored]) {
      await http()
        .put(`/cycles/${cycleId}/units/${unitId}`)
        .set(admin)
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
        .expect(200);
    }
    const assessment = (unitId: string, path = '') => `/cycles/${cycleId}/units/${unitId}/assessment${path}`;
    await http().put(assessment(weak, '/draft')).set(weakOperator).send(draft(4)).expect(200);
    await http().post(assessment(weak, '/submit')).set(weakOperator).expect(200);
    await http().post(assessment(weak, '/verify')).set(lead).expect(200);
    for (const code of codes) {
      const score = complaintCodes.includes(code) ? 0 : 3;
      await http()
        .put(assessment(weak, `/scores/${code}`))
        .set(lead)
        .send({ score, note: `deskriptor ${score}` })
        .expect(200);
    }
    await http().put(assessment(unscored, '/draft')).set(unscoredOperator).send(draft(2)).expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("lists the tenant's cycles with their unit lokus, and none of another tenant's", async () => {
    await eventually(async () => {
      const { body } = await http().get('/cycles').set(weakOperator).expect(200);
      expect(body).toEqual([expect.objectContaining({ cycleId, name: 'PEKPPP ringkasan', status: 'open', ruleset: { id: 'pekppp-2023', version: 1 } })]);
      expect(body[0].units.map((unit: { unitId: string }) => unit.unitId).sort()).toEqual([weak, unscored].sort());
    });
    expect((await http().get('/cycles').set(otherTenantAdmin).expect(200)).body).toEqual([]);
    expect((await http().get(`/cycles?tenantId=${tenantId}`).set(national).expect(200)).body).toHaveLength(1);
    await http().get(`/cycles?tenantId=${tenantId}`).set(otherTenantAdmin).expect(403);
  });

  it('answers "which units score C or below, and why" for the whole cycle, lowest IPP first', async () => {
    const body = await eventually(async () => {
      const { body: scores } = await http().get(`/cycles/${cycleId}/scores`).set(admin).expect(200);
      expect(scores.units).toHaveLength(2);
      expect(scores.units.find((line: { unitId: string }) => line.unitId === weak)).toMatchObject({ complete: true, assessmentStatus: 'verified' });
      expect(scores.units.find((line: { unitId: string }) => line.unitId === unscored)).toMatchObject({ explanation: { selfCategory: 'D' } });
      return scores;
    });
    expect(body).toMatchObject({ cycleId, name: 'PEKPPP ringkasan', status: 'open', ruleset: { id: 'pekppp-2023', version: 1, provisional: true } });
    expect(body.units.map((line: { unitId: string }) => line.unitId)).toEqual([unscored, weak]);

    const [notScored, scored] = body.units;
    // 3 of 5 everywhere except aspect e (10%) at 0: IPP 0.9 × 3 = 2.70, category C.
    expect(scored).toMatchObject({ ipp: { self: 4, evaluator: 2.7, final: 2.7 }, category: 'C', predicate: 'Cukup', provisional: true });
    expect(scored.explanation).toMatchObject({ basis: 'evaluator', selfMinusEvaluator: 1.3 });
    expect(scored.explanation.weakestAspects[0]).toEqual({ aspectCode: 'e', name: 'Konsultasi dan Pengaduan', value: 0 });
    // 28.e.Ak (30% of a 10% aspect) at 0 costs 0.15 IPP, as much as 14.b.K (30% of 25%) at 3.
    expect(scored.explanation.weakestIndicators.slice(0, 2)).toEqual([
      expect.objectContaining({ indicatorCode: '14.b.K', score: 3, ippLost: 0.15 }),
      expect.objectContaining({
        indicatorCode: '28.e.Ak',
        name: 'Tindak lanjut konsultasi/pengaduan',
        score: 0,
        selfScore: 4,
        evaluatorScore: 0,
        ippLost: 0.15,
      }),
    ]);
    expect(scored.explanation.largestGaps.map((gap: { indicatorCode: string }) => gap.indicatorCode).sort()).toEqual([...complaintCodes].sort());
    expect(notScored).toMatchObject({
      ipp: { self: 2, evaluator: 0 },
      complete: false,
      explanation: { basis: 'self', selfAnswered: codes.length, selfCategory: 'D', selfMinusEvaluator: null },
    });
  });

  it('lets an SKPD operator read its own line and nothing tenant-wide', async () => {
    const own = await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}/scores?unitId=${weak}`).set(weakOperator).expect(200);
      expect(body.units).toHaveLength(1);
      return body;
    });
    expect(own.units[0]).toMatchObject({ unitId: weak, category: 'C' });
    expect((await http().get(`/cycles/${cycleId}/scores`).set(weakOperator).expect(403)).body.code).toBe('AUTH.FORBIDDEN');
    await http().get(`/cycles/${cycleId}/scores?unitId=${unscored}`).set(weakOperator).expect(403);
  });

  it('lets auditors read every line, the national auditor in the tenant it names, and hides the cycle from another tenant', async () => {
    expect((await http().get(`/cycles/${cycleId}/scores`).set(auditor).expect(200)).body.units).toHaveLength(2);
    expect((await http().get(`/cycles/${cycleId}/scores?tenantId=${tenantId}`).set(national).expect(200)).body.units).toHaveLength(2);
    // a cycle id is only unique within its tenant: unnamed, the national auditor's own tenant has no such cycle
    expect((await http().get(`/cycles/${cycleId}/scores`).set(national).expect(404)).body.code).toBe('CYCLE.NOT_FOUND');
    expect((await http().get(`/cycles/${cycleId}/scores`).set(otherTenantAdmin).expect(404)).body.code).toBe('CYCLE.NOT_FOUND');
  });

  it('serves a ruleset version in full for the forms, and 404 for an unknown one', async () => {
    const { body } = await http().get('/rulesets/pekppp-2023/versions/1').set(weakOperator).expect(200);
    expect(body).toMatchObject({ id: 'pekppp-2023', version: 1, provisional: true });
    expect(body.aspects).toHaveLength(6);
    expect(body.aspects[0].indicators[0]).toMatchObject({ code: '1.a.Ak', descriptors: expect.any(Array) });
    expect(body.aspects[0].indicators[0].descriptors).toHaveLength(6);
    expect((await http().get('/rulesets/pekppp-2023/versions/99').set(weakOperator).expect(404)).body.code).toBe('RULESET.NOT_FOUND');
  });
});
