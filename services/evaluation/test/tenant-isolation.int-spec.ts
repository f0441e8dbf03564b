import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { publishForeignEvent } from '../../../test/support/foreign-events';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators, shippedRulesets } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };
const SHIPPED = shippedRulesets.filter((ruleset) => ruleset.id === 'pekppp-2023').map((ruleset) => ruleset.version);
/** The first version of pekppp-2023 a tenant may publish: above every shipped one. */
const OWN = Math.max(...SHIPPED) + 1;

/*
 * Two Pemdas evaluate a unit each calls "disdukcapil", in cycles opened under the same client-chosen
 * id, and each publishes its own version 2 of the national ruleset: every cycle, assessment, F-03
 * score and ruleset version stays with its tenant, and the other tenant cannot reach it by any route.
 */
describe('evaluation service: two tenants with the same cycle and unit ids', () => {
  const run = randomUUID().slice(0, 8);
  const kota = `kota-banjarmasin-${run}`;
  const banjar = `kabupaten-banjar-${run}`;
  const unitId = 'disdukcapil';
  const sharedCycleId = randomUUID();
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  let admin: Record<string, Headers>;
  let operator: Record<string, Headers>;
  let national: Headers;
  let db: TestDatabase;
  let app: INestApplication;

  const http = () => request(app.getHttpServer());
  const openCycle = (tenantId: string, cycleId: string, name: string, rulesetVersion = 1) =>
    http()
      .post('/cycles')
      .set(admin[tenantId])
      .send({ cycleId, name, rulesetId: 'pekppp-2023', rulesetVersion, windowStart: '2020-01-01', windowEnd: '2099-12-31', selfAssessmentDue: '2099-12-30' });
  const assignUnit = (tenantId: string, cycleId: string) =>
    http()
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin[tenantId])
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
  const cycleOf = async (tenantId: string, cycleId = sharedCycleId) => (await http().get(`/cycles/${cycleId}`).set(admin[tenantId]).expect(200)).body;
  const publishRuleset = (tenantId: string, version: number, title: string) =>
    http()
      .post('/rulesets')
      .set(admin[tenantId])
      .send({ reason: `versi ${title}`, ruleset: { ...pekppp2023, version, title } });

  beforeAll(async () => {
    const [kotaAdmin, banjarAdmin, kotaOperator, banjarOperator] = await Promise.all([
      bearer('admin-orpeg', { tenantId: kota }),
      bearer('admin-banjar', { tenantId: banjar }),
      bearer('operator-disdukcapil', { tenantId: kota }),
      bearer('operator-disdukcapil', { tenantId: banjar }),
    ]);
    admin = { [kota]: kotaAdmin, [banjar]: banjarAdmin };
    operator = { [kota]: kotaOperator, [banjar]: banjarOperator };
    national = await bearer('national-auditor');
    db = await createTestDatabase([], 'pantau_eval');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `eval-tenants-${run}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('opens each tenant its own cycle under the same client-chosen id', async () => {
    for (const [tenantId, name] of [
      [kota, 'PEKPPP Kota'],
      [banjar, 'PEKPPP Kabupaten'],
    ]) {
      const opened = await openCycle(tenantId, sharedCycleId, name).expect(201);
      expect(opened.body).toMatchObject({ cycleId: sharedCycleId, streamId: `cycle-${tenantId}/${sharedCycleId}`, appended: 1 });
      await assignUnit(tenantId, sharedCycleId);
    }
    await eventually(async () => {
      expect(await cycleOf(kota)).toMatchObject({ name: 'PEKPPP Kota', units: [{ unitId }] });
      expect(await cycleOf(banjar)).toMatchObject({ name: 'PEKPPP Kabupaten', units: [{ unitId }] });
    });
    for (const [tenantId, name] of [
      [kota, 'PEKPPP Kota'],
      [banjar, 'PEKPPP Kabupaten'],
    ]) {
      const listed = await http().get('/cycles').set(admin[tenantId]).expect(200);
      expect(listed.body.map((cycle: { name: string }) => cycle.name)).toEqual([name]);
      const read = await http().get(`/cycles/${sharedCycleId}?tenantId=${tenantId}`).set(national).expect(200);
      expect(read.body.name).toBe(name);
    }
  });

  it("keeps each tenant's F-01 of the same unit on its own assessment and score", async () => {
    for (const [tenantId, score] of [
      [kota, 4],
      [banjar, 2],
    ] as const) {
      await http()
        .put(`/cycles/${sharedCycleId}/units/${unitId}/assessment/draft`)
        .set(operator[tenantId])
        .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score, justification: 'uji' })) })
        .expect(200);
    }
    await eventually(async () => {
      for (const [tenantId, self] of [
        [kota, 4],
        [banjar, 2],
      ] as const) {
        const assessment = await http().get(`/cycles/${sharedCycleId}/units/${unitId}/assessment`).set(admin[tenantId]).expect(200);
        expect(assessment.body.answers[codes[0]]).toMatchObject({ score: self });
        const score = await http().get(`/cycles/${sharedCycleId}/units/${unitId}/score`).set(admin[tenantId]).expect(200);
        expect(score.body.ipp.self).toBe(self);
        const lines = await http().get(`/cycles/${sharedCycleId}/scores?tenantId=${tenantId}`).set(national).expect(200);
        expect(lines.body.units).toEqual([expect.objectContaining({ unitId, ipp: expect.objectContaining({ self }) })]);
      }
    });
  });

  it('merges an F-03 score only into the cycle of the tenant that collected it', async () => {
    const closed = (score: number): SurveyEvent => ({
      $case: 'f03Closed',
      value: {
        cycleId: sharedCycleId,
        unitId,
        respondents: 12,
        score,
        quotaMet: true,
        minimumQuota: 10,
        closedAt: '2026-06-30T10:00:00.000Z',
        ruleset: 'pekppp-2023',
        provisional: true,
        itemScoreTotal: score * 14 * 12,
        itemAnswerCount: 14 * 12,
        unverifiedRespondents: 0,
      },
    });
    const from = (tenantId: string) => ({
      tenantId,
      unitId,
      streamId: `f03-${tenantId}/${sharedCycleId}/${unitId}`,
      streamVersion: 13,
      occurredAt: '2026-06-30T10:00:00.000Z',
    });
    // one from a tenant without that cycle first: the same unit key keeps the order, so it is handled before the next
    await publishForeignEvent(topics.survey, surveyCodec, closed(1), from(`kota-lain-${run}`));
    await publishForeignEvent(topics.survey, surveyCodec, closed(5), from(banjar));
    await eventually(async () => expect((await cycleOf(banjar)).units[0].userScore).toEqual({ score: 5, respondents: 12, quotaMet: true }), {
      timeoutMs: 30_000,
    });
    expect((await cycleOf(kota)).units[0].userScore).toBeNull();
    const { rows } = await db.pool.query(`SELECT stream_id FROM events WHERE event_type = 'UserScoreReceived'`);
    expect(rows).toEqual([{ stream_id: `cycle-${banjar}/${sharedCycleId}` }]);
  });

  it("answers another tenant's cycle as not found by every route, and lets the tenant open its own under that id", async () => {
    const onlyKota = randomUUID();
    await openCycle(kota, onlyKota, 'PEKPPP Kota saja').expect(201);
    await assignUnit(kota, onlyKota);
    await eventually(async () => expect((await cycleOf(kota, onlyKota)).units).toHaveLength(1));

    const unit = `/cycles/${onlyKota}/units/${unitId}`;
    const draft = { answers: [{ indicatorCode: codes[0], score: 5, justification: 'bukan milik kami' }] };
    const attempts = await Promise.all([
      http().get(`/cycles/${onlyKota}`).set(admin[banjar]),
      http().get(`/cycles/${onlyKota}/scores`).set(admin[banjar]),
      http().get(`${unit}/score`).set(admin[banjar]),
      http().get(`${unit}/score?ruleset=pekppp-2017`).set(admin[banjar]),
      http().get(`${unit}/assessment`).set(operator[banjar]),
      http().put(`${unit}/assessment/draft`).set(operator[banjar]).send(draft),
      http()
        .put(unit)
        .set(admin[banjar])
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' }),
      http().post(`/cycles/${onlyKota}/results`).set(admin[banjar]),
    ]);
    expect(attempts.map(({ status, body }) => [status, body.code])).toEqual(attempts.map(() => [404, 'CYCLE.NOT_FOUND']));
    const named = await http().get(`/cycles/${onlyKota}?tenantId=${kota}`).set(admin[banjar]).expect(404);
    expect(named.body.code).toBe('CYCLE.NOT_FOUND');

    const own = await openCycle(banjar, onlyKota, 'PEKPPP Kabupaten juga').expect(201);
    expect(own.body.appended).toBe(1);
    await eventually(async () => expect((await cycleOf(banjar, onlyKota)).name).toBe('PEKPPP Kabupaten juga'));
    expect((await cycleOf(kota, onlyKota)).name).toBe('PEKPPP Kota saja');
  });

  it("keeps a tenant's ruleset version to itself: another neither lists, reads, pins nor re-scores under it", async () => {
    await publishRuleset(kota, OWN, 'PEKPPP 2023 (Kota)').expect(201);
    await eventually(async () => {
      const { body } = await http().get('/rulesets').set(admin[kota]).expect(200);
      expect(body).toContainEqual(expect.objectContaining({ id: 'pekppp-2023', version: OWN, shipped: false, reason: 'versi PEKPPP 2023 (Kota)' }));
    });
    await openCycle(kota, randomUUID(), 'PEKPPP Kota sendiri', OWN).expect(201);

    const listed = await http().get('/rulesets').set(admin[banjar]).expect(200);
    expect(listed.body.filter((ruleset: { shipped: boolean }) => !ruleset.shipped)).toEqual([]);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'pekppp-2023', version: 1, shipped: true })]));
    const refusals = await Promise.all([
      http().get(`/rulesets/pekppp-2023/versions/${OWN}`).set(admin[banjar]),
      openCycle(banjar, randomUUID(), 'PEKPPP Kabupaten sendiri', OWN),
      http().get(`/cycles/${sharedCycleId}/units/${unitId}/score?ruleset=pekppp-2023&rulesetVersion=${OWN}`).set(admin[banjar]),
    ]);
    expect(refusals.map(({ status, body }) => [status, body.code])).toEqual(refusals.map(() => [404, 'RULESET.NOT_FOUND']));
    const whatIf = await http().get(`/cycles/${sharedCycleId}/units/${unitId}/score?ruleset=pekppp-2023&rulesetVersion=${OWN}`).set(admin[kota]).expect(200);
    expect(whatIf.body).toMatchObject({ whatIf: true, ruleset: { id: 'pekppp-2023', version: OWN } });
  });

  it('numbers each tenant its own versions above the shipped one, whatever the other published', async () => {
    const below = await publishRuleset(banjar, OWN - 1, 'PEKPPP 2023 (Kabupaten)').expect(409);
    expect(below.body.code).toBe('RULESET.VERSION_NOT_INCREASING');
    const published = await publishRuleset(banjar, OWN, 'PEKPPP 2023 (Kabupaten)').expect(201);
    expect(published.body.streamId).toBe(`ruleset-${banjar}/pekppp-2023`);
    await publishRuleset(kota, OWN + 1, 'PEKPPP 2023 (Kota, revisi)').expect(201);

    for (const [tenantId, title, versions] of [
      [kota, 'PEKPPP 2023 (Kota)', [...SHIPPED, OWN, OWN + 1]],
      [banjar, 'PEKPPP 2023 (Kabupaten)', [...SHIPPED, OWN]],
    ] as const) {
      expect((await http().get(`/rulesets/pekppp-2023/versions/${OWN}`).set(admin[tenantId]).expect(200)).body.title).toBe(title);
      await eventually(async () => {
        const { body } = await http().get(`/rulesets?tenantId=${tenantId}`).set(national).expect(200);
        expect(body.filter((ruleset: { id: string }) => ruleset.id === 'pekppp-2023').map((ruleset: { version: number }) => ruleset.version)).toEqual(versions);
      });
    }
    await openCycle(banjar, randomUUID(), 'PEKPPP Kabupaten sendiri', OWN).expect(201);
    await http()
      .get(`/rulesets/pekppp-2023/versions/${OWN + 1}`)
      .set(admin[banjar])
      .expect(404);
  });
});
