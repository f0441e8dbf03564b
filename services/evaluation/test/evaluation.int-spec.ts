import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EvaluationEvent, type EventEnvelope, envelopeToHeaders, type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { EventStore, START } from '@lib/event-sourcing';
import { BackgroundWorkers } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators } from '../src/evaluation/domain';
import { EvaluationReadModelProjection } from '../src/evaluation/projections/evaluation-read-model.projection';
import { evaluationMigrations } from '../src/migrations';

describe('evaluation service: cycles, F-01, F-02 and scores on PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dpmptsp-${randomUUID().slice(0, 8)}`;
  const admin = { 'X-Tenant-Id': tenantId, 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'admin' };
  const unit = { 'X-Tenant-Id': tenantId, 'X-Actor-Id': 'unit-operator-1', 'X-Actor-Role': 'unit' };
  const lead = { 'X-Tenant-Id': tenantId, 'X-Actor-Id': 'evaluator-lead', 'X-Actor-Role': 'evaluator' };
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const assessment = (path = '') => `/cycles/${cycleId}/units/${unitId}/assessment${path}`;
  const scoreOf = async (query = '') => (await http().get(`/cycles/${cycleId}/units/${unitId}/score${query}`).set(admin).expect(200)).body;

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_eval');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, migrations: evaluationMigrations },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-eval-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists the shipped rulesets with their provisional flags', async () => {
    const { body } = await http().get('/rulesets').set(admin).expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pekppp-2023', version: 1, shipped: true, provisional: true }),
        expect.objectContaining({ id: 'pekppp-2017', version: 1, shipped: true }),
      ]),
    );
  });

  it('names the missing actor header with a 400', async () => {
    const { body } = await http().get('/rulesets').set({ 'X-Tenant-Id': tenantId, 'X-Actor-Role': 'admin' }).expect(400);
    expect(body).toMatchObject({ code: 'ACTOR.HEADER_MISSING', detail: expect.stringContaining('X-Actor-Id') });
  });

  it('refuses a ruleset whose indicator weights do not sum to 100%, naming the path', async () => {
    const aspects = pekppp2023.aspects.map((aspect, a) =>
      a === 2 ? { ...aspect, indicators: aspect.indicators.map((indicator, i) => (i === 0 ? { ...indicator, weightBp: indicator.weightBp + 1 } : indicator)) } : aspect,
    );
    const { body } = await http()
      .post('/rulesets')
      .set(admin)
      .send({ reason: 'test', ruleset: { ...pekppp2023, id: `broken-${randomUUID().slice(0, 8)}`, aspects } })
      .expect(400);
    expect(body.code).toBe('INPUT.INVALID');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'ruleset.aspects[2].indicators', rule: 'weights-sum-to-100-percent' })]);
  });

  it('publishes a new ruleset version above the shipped one and lists it', async () => {
    const ruleset = { ...pekppp2023, version: 2, title: 'PEKPPP 2023 (revisi uji)' };
    await http().post('/rulesets').set(admin).send({ reason: 'uji versi baru', ruleset }).expect(201);
    const again = await http().post('/rulesets').set(admin).send({ reason: 'uji versi baru', ruleset }).expect(409);
    expect(again.body.code).toBe('RULESET.VERSION_NOT_INCREASING');
    const forbidden = await http().post('/rulesets').set(unit).send({ reason: 'x', ruleset: { ...ruleset, version: 3 } }).expect(403);
    expect(forbidden.body.code).toBe('ACTOR.FORBIDDEN');
    await eventually(async () => {
      const { body } = await http().get('/rulesets').set(admin).expect(200);
      expect(body).toContainEqual(expect.objectContaining({ id: 'pekppp-2023', version: 2, shipped: false, provisional: true, reason: 'uji versi baru' }));
    });
  });

  it('opens a cycle pinning pekppp-2023 and assigns the unit lokus with its evaluators', async () => {
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({ name: 'PEKPPP test', rulesetId: 'pekppp-2023', rulesetVersion: 1, windowStart: '2020-01-01', windowEnd: '2099-12-31', selfAssessmentDue: '2099-12-30' })
      .expect(201);
    cycleId = opened.body.cycleId;
    await http()
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin)
      .send({ evaluatorIds: ['evaluator-lead', 'evaluator-2'], leadEvaluatorId: 'evaluator-lead' })
      .expect(200);
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body).toMatchObject({ status: 'open', ruleset: { id: 'pekppp-2023', version: 1 }, units: [{ unitId, leadEvaluatorId: 'evaluator-lead' }] });
    });
  });

  it('refuses an F-02 score before the self-assessment is submitted with a 409 and its code', async () => {
    const { body } = await http().put(assessment(`/scores/${codes[0]}`)).set(lead).send({ score: 3, note: 'too early' }).expect(409);
    expect(body.code).toBe('ASSESSMENT.NOT_SUBMITTED');
  });

  it('runs F-01: draft with evidence, submit, return, resubmit, verify', async () => {
    await http()
      .post(assessment('/evidence'))
      .set(unit)
      .send({ indicatorCode: codes[0], kind: 'link', name: 'SK Standar Pelayanan', url: 'https://jdih.example.go.id/sk-1.pdf' })
      .expect(201);
    await http()
      .post(assessment('/evidence'))
      .set(unit)
      .send({ indicatorCode: codes[1], kind: 'file', name: 'maklumat.pdf', storageKey: 'evidence/maklumat.pdf', sha256: 'a'.repeat(64), sizeBytes: 1024, mediaType: 'application/pdf' })
      .expect(201);
    await http()
      .put(assessment('/draft'))
      .set(unit)
      .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score: 4, justification: 'sudah tersedia' })) })
      .expect(200);
    await http().post(assessment('/submit')).set(unit).expect(200);
    await http().post(assessment('/return')).set(lead).send({ notes: [{ indicatorCode: codes[0], note: 'lampirkan SK yang ditandatangani' }] }).expect(200);
    await http().post(assessment('/resubmit')).set(unit).expect(200);
    await http().post(assessment('/verify')).set(lead).expect(200);
    const verifiedAgain = await http().post(assessment('/verify')).set(lead).expect(409);
    expect(verifiedAgain.body.code).toBe('ASSESSMENT.ALREADY_VERIFIED');
    await eventually(async () => {
      const { body } = await http().get(assessment()).set(admin).expect(200);
      expect(body.status).toBe('verified');
      expect(body.evidence[codes[1]]).toEqual([expect.objectContaining({ kind: 'file', sha256: 'a'.repeat(64) })]);
    });
  });

  it('refuses a score of 6 naming the field, and an unknown indicator with its code', async () => {
    const six = await http().put(assessment(`/scores/${codes[0]}`)).set(lead).send({ score: 6, note: 'x' }).expect(400);
    expect(six.body.errors).toEqual([expect.objectContaining({ field: 'score', rule: 'max' })]);
    const unknown = await http().put(assessment('/scores/99.z.Xx')).set(lead).send({ score: 3, note: 'x' }).expect(409);
    expect(unknown.body.code).toBe('ASSESSMENT.UNKNOWN_INDICATOR');
  });

  it('scores F-02 and shows self vs evaluator IPP per indicator and aspect with the category', async () => {
    for (const code of codes) {
      await http().put(assessment(`/scores/${code}`)).set(lead).send({ score: 3, note: 'sesuai deskriptor 3' }).expect(200);
    }
    // The second evaluator's score does not count under lead-evaluator combination.
    await http()
      .put(assessment(`/scores/${codes[0]}`))
      .set({ ...lead, 'X-Actor-Id': 'evaluator-2' })
      .send({ score: 0, note: 'tidak setuju' })
      .expect(200);
    await http().post(assessment('/visits')).set(lead).send({ visitedOn: '2026-01-15', evaluatorIds: ['evaluator-lead'], findings: 'sesuai' }).expect(201);
    const score = await eventually(async () => {
      const body = await scoreOf();
      expect(body.complete).toBe(true);
      return body;
    });
    expect(score.ipp).toMatchObject({ self: 4, evaluator: 3, userScore: null, userScoreMerged: false, userScoreNotMergedReason: 'no-user-score', final: 3 });
    expect(score).toMatchObject({ category: 'C', predicate: 'Cukup', provisional: true, ruleset: { id: 'pekppp-2023', version: 1, provisional: true } });
    expect(score.indicators).toHaveLength(codes.length);
    expect(score.indicators[0]).toMatchObject({ indicatorCode: codes[0], selfScore: 4, evaluatorScore: 3, gap: -1 });
    expect(score.aspects.every((aspect: { self: number; evaluator: number }) => aspect.self === 4 && aspect.evaluator === 3)).toBe(true);
  });

  it('re-scores under another ruleset without recording anything', async () => {
    const before = await db.pool.query(`SELECT count(*)::int AS n FROM events`);
    const whatIf = await scoreOf('?ruleset=pekppp-2017');
    expect(whatIf).toMatchObject({ whatIf: true, ruleset: { id: 'pekppp-2017' } });
    expect(whatIf.unknownIndicatorCodes.length).toBeGreaterThan(0);
    const after = await db.pool.query(`SELECT count(*)::int AS n FROM events`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('merges an F03Closed from the survey topic into the IPP when the quota is met, once per event', async () => {
    const closed: SurveyEvent = {
      $case: 'f03Closed',
      value: {
        cycleId,
        unitId,
        respondents: 12,
        score: 5,
        quotaMet: true,
        minimumQuota: 10,
        closedAt: '2026-06-30T10:00:00.000Z',
        ruleset: 'pekppp-2023',
        provisional: true,
        itemScoreTotal: 5 * 14 * 12,
        itemAnswerCount: 14 * 12,
      },
    };
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      eventType: surveyCodec.typeOf(closed),
      streamId: `survey-${randomUUID()}`,
      streamVersion: 3,
      occurredAt: closed.value.closedAt,
      tenantId,
      unitId,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actorId: 'survey-service',
      actorRole: 'system',
    };
    const producer = testKafka().producer();
    await producer.connect();
    try {
      const message = { key: unitId, value: Buffer.from(surveyCodec.encode(closed)), headers: envelopeToHeaders(envelope) };
      await producer.send({ topic: topics.survey, messages: [message, message] });
    } finally {
      await producer.disconnect();
    }
    const merged = await eventually(
      async () => {
        const body = await scoreOf();
        expect(body.ipp.userScoreMerged).toBe(true);
        return body;
      },
      { timeoutMs: 30_000 },
    );
    // 0.75 × 3.00 + 0.25 × 5.00
    expect(merged.ipp).toMatchObject({ evaluator: 3, userScore: 5, userScoreRespondents: 12, final: 3.5 });
    expect(merged.category).toBe('B-');
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE event_type = 'UserScoreReceived'`);
    expect(rows[0].n).toBe(1);
  });

  it('rebuilds the projection to identical scores', async () => {
    const before = await scoreOf();
    const projector = app.get(BackgroundWorkers).projectors.find((candidate) => candidate.name === 'projection:evaluation-read-model');
    await projector!.rebuild();
    expect(await scoreOf()).toEqual(before);
  });

  it('applies the same events twice to the same rows', async () => {
    const snapshot = async () => (await db.pool.query(`SELECT cycle_id, unit_id, score, published FROM unit_results_v1 ORDER BY 1, 2`)).rows;
    const before = await snapshot();
    const events = await app.get<EventStore<EvaluationEvent>>(EventStore).readAll(START, 10_000);
    const client = await db.pool.connect();
    try {
      await app.get(EvaluationReadModelProjection).apply(events, client);
    } finally {
      client.release();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('publishes and freezes results, then corrects one with a reason', async () => {
    await http().post(`/cycles/${cycleId}/results`).set(admin).expect(201);
    const frozen = await http().put(assessment(`/scores/${codes[0]}`)).set(lead).send({ score: 5, note: 'terlambat' }).expect(409);
    expect(frozen.body.code).toBe('CYCLE.RESULTS_FROZEN');
    await eventually(async () => expect((await scoreOf()).published).toMatchObject({ unitId, ipp: 3.5, category: 'B-' }));
    await http()
      .post(`/cycles/${cycleId}/units/${unitId}/result-corrections`)
      .set(admin)
      .send({ reason: 'keberatan unit diterima', scores: codes.map((indicatorCode) => ({ indicatorCode, score: 4 })) })
      .expect(201);
    await eventually(async () => {
      const body = await scoreOf();
      // 0.75 × 4.00 + 0.25 × 5.00
      expect(body.published).toMatchObject({ ipp: 4.25, category: 'A-' });
      expect(body.correctionReason).toBe('keberatan unit diterima');
    });
  });
});
