import { createHash, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EvaluationEvent, type EventEnvelope, envelopeToHeaders, type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { EventStore, START } from '@lib/event-sourcing';
import { BackgroundWorkers } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, pekppp2023KodeB, pekppp2023v2, scoredIndicators, shippedRulesets } from '../src/evaluation/domain';
import { EvaluationReadModelProjection } from '../src/evaluation/projections/evaluation-read-model.projection';
import { evaluationDatabase } from '../src/migrations';

const MAKLUMAT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Maklumat Pelayanan DPMPTSP\n%%EOF\n');
const MAKLUMAT_SHA256 = createHash('sha256').update(MAKLUMAT_PDF).digest('hex');
const EVIDENCE_MAX_BYTES = 64 * 1024;
const NEWEST_SHIPPED = Math.max(...shippedRulesets.filter((ruleset) => ruleset.id === 'pekppp-2023').map((ruleset) => ruleset.version));
/** A tenant's own version of pekppp-2023 goes above every shipped one. */
const OWN_VERSION = NEWEST_SHIPPED + 1;

describe('evaluation service: cycles, F-01, F-02 and scores on PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dpmptsp-${randomUUID().slice(0, 8)}`;
  // The lead evaluator is dev-evaluator-1, the second one dev-evaluator-2; both are assigned the unit.
  let admin: { Authorization: string };
  let unit: { Authorization: string };
  let lead: { Authorization: string };
  let second: { Authorization: string };
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const assessment = (path = '') => `/cycles/${cycleId}/units/${unitId}/assessment${path}`;
  const uploadEvidence = (as: { Authorization: string }, content: Buffer, filename: string, contentType: string) =>
    http().post(`/cycles/${cycleId}/units/${unitId}/evidence-files`).set(as).attach('file', content, { filename, contentType });
  const scoreOf = async (query = '') => (await http().get(`/cycles/${cycleId}/units/${unitId}/score${query}`).set(admin).expect(200)).body;

  beforeAll(async () => {
    [admin, unit, lead, second] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('operator-disdukcapil', { tenantId, unitId }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [unitId] }),
      bearer('evaluator-2', { tenantId, assignedUnitIds: [unitId] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `int-eval-${randomUUID().slice(0, 8)}.`,
        EVIDENCE_MAX_BYTES: String(EVIDENCE_MAX_BYTES),
      },
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

  it('lists pekppp-2023 revision 2 beside revision 1, and Kode B as its own ruleset', async () => {
    const { body } = await http().get('/rulesets').set(admin).expect(200);
    const shipped = body
      .filter((ruleset: { shipped: boolean }) => ruleset.shipped)
      .map(({ id, version }: { id: string; version: number }) => `${id}@${version}`);
    expect(shipped).toEqual(expect.arrayContaining(['pekppp-2023@1', 'pekppp-2023@2', 'pekppp-2023-kode-b@1']));
  });

  it('refuses a call without a token with 401 and its code', async () => {
    const { body } = await http().get('/rulesets').set({ 'X-Tenant-Id': tenantId, 'X-Actor-Role': 'admin' }).expect(401);
    expect(body).toMatchObject({ code: 'AUTH.MISSING_TOKEN', detail: expect.stringContaining('Bearer') });
  });

  it('refuses a ruleset whose indicator weights do not sum to 100%, naming the path', async () => {
    const aspects = pekppp2023.aspects.map((aspect, a) =>
      a === 2
        ? { ...aspect, indicators: aspect.indicators.map((indicator, i) => (i === 0 ? { ...indicator, weightBp: indicator.weightBp + 1 } : indicator)) }
        : aspect,
    );
    const { body } = await http()
      .post('/rulesets')
      .set(admin)
      .send({ reason: 'test', ruleset: { ...pekppp2023, id: `broken-${randomUUID().slice(0, 8)}`, aspects } })
      .expect(400);
    expect(body.code).toBe('INPUT.INVALID');
    expect(body.errors).toEqual([
      {
        field: 'ruleset.aspects[2].indicators',
        rule: 'weights-sum-to-100-percent',
        message: 'Jumlah bobot pada kolom ruleset.aspects[2].indicators harus tepat 100%.',
      },
    ]);
  });

  it('publishes a new ruleset version above the shipped one and lists it', async () => {
    const ruleset = { ...pekppp2023, version: OWN_VERSION, title: 'PEKPPP 2023 (revisi uji)' };
    await http().post('/rulesets').set(admin).send({ reason: 'uji versi baru', ruleset }).expect(201);
    const again = await http().post('/rulesets').set(admin).send({ reason: 'uji versi baru', ruleset }).expect(409);
    expect(again.body.code).toBe('RULESET.VERSION_NOT_INCREASING');
    const forbidden = await http()
      .post('/rulesets')
      .set(unit)
      .send({ reason: 'x', ruleset: { ...ruleset, version: OWN_VERSION + 1 } })
      .expect(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    await eventually(async () => {
      const { body } = await http().get('/rulesets').set(admin).expect(200);
      expect(body).toContainEqual(
        expect.objectContaining({ id: 'pekppp-2023', version: OWN_VERSION, shipped: false, provisional: true, reason: 'uji versi baru' }),
      );
    });
  });

  it("keeps a tenant's published ruleset to itself: another Pemda neither lists, reads nor pins it, and numbers its own from the shipped one", async () => {
    const otherAdmin = await bearer('admin-banjar', { tenantId: `other-${tenantId}` });
    const { body } = await http().get('/rulesets').set(otherAdmin).expect(200);
    expect(body.filter((ruleset: { shipped: boolean }) => !ruleset.shipped)).toEqual([]);
    const read = await http().get(`/rulesets/pekppp-2023/versions/${OWN_VERSION}`).set(otherAdmin).expect(404);
    expect(read.body.code).toBe('RULESET.NOT_FOUND');
    const pinned = await http()
      .post('/cycles')
      .set(otherAdmin)
      .send({
        name: 'PEKPPP lain',
        rulesetId: 'pekppp-2023',
        rulesetVersion: OWN_VERSION,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(404);
    expect(pinned.body.code).toBe('RULESET.NOT_FOUND');
    await http()
      .post('/rulesets')
      .set(otherAdmin)
      .send({ reason: 'versi Kabupaten', ruleset: { ...pekppp2023, version: OWN_VERSION, title: 'PEKPPP 2023 (Kabupaten)' } })
      .expect(201);
    const own = await http().get(`/rulesets/pekppp-2023/versions/${OWN_VERSION}`).set(admin).expect(200);
    expect(own.body.title).toBe('PEKPPP 2023 (revisi uji)');
  });

  it('opens a cycle pinning pekppp-2023 and assigns the unit lokus with its evaluators', async () => {
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP test',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    cycleId = opened.body.cycleId;
    await http()
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body).toMatchObject({ status: 'open', ruleset: { id: 'pekppp-2023', version: 1 }, units: [{ unitId, leadEvaluatorId: 'dev-evaluator-1' }] });
    });
  });

  it('refuses an F-02 score before the self-assessment is submitted with a 409 and its code', async () => {
    const { body } = await http()
      .put(assessment(`/scores/${codes[0]}`))
      .set(lead)
      .send({ score: 3, note: 'too early' })
      .expect(409);
    expect(body.code).toBe('ASSESSMENT.NOT_SUBMITTED');
  });

  it("keeps the cycle's own evaluator assignment on top of the token's assigned units", async () => {
    const otherUnit = `dinkes-${randomUUID().slice(0, 8)}`;
    await http()
      .put(`/cycles/${cycleId}/units/${otherUnit}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
    const assignedByToken = await bearer('evaluator-2', { tenantId, assignedUnitIds: [otherUnit] });
    const refused = await http().post(`/cycles/${cycleId}/units/${otherUnit}/assessment/verify`).set(assignedByToken).expect(409);
    expect(refused.body.code).toBe('ASSESSMENT.EVALUATOR_NOT_ASSIGNED');
    const notByToken = await http().post(`/cycles/${cycleId}/units/${otherUnit}/assessment/verify`).set(lead).expect(403);
    expect(notByToken.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('runs F-01: draft with evidence, submit, return, resubmit, verify', async () => {
    await http()
      .post(assessment('/evidence'))
      .set(unit)
      .send({ indicatorCode: codes[0], kind: 'link', name: 'SK Standar Pelayanan', url: 'https://jdih.example.go.id/sk-1.pdf' })
      .expect(201);
    const uploaded = await uploadEvidence(unit, MAKLUMAT_PDF, 'maklumat.pdf', 'application/pdf').expect(201);
    expect(uploaded.body).toEqual({
      storageKey: `sha256:${MAKLUMAT_SHA256}`,
      sha256: MAKLUMAT_SHA256,
      sizeBytes: MAKLUMAT_PDF.length,
      mediaType: 'application/pdf',
    });
    await http()
      .post(assessment('/evidence'))
      .set(unit)
      .send({ indicatorCode: codes[1], kind: 'file', name: 'maklumat.pdf', storageKey: uploaded.body.storageKey, sha256: MAKLUMAT_SHA256 })
      .expect(201);
    await http()
      .put(assessment('/draft'))
      .set(unit)
      .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score: 4, justification: 'sudah tersedia' })) })
      .expect(200);
    await http().post(assessment('/submit')).set(unit).expect(200);
    await http()
      .post(assessment('/return'))
      .set(lead)
      .send({ notes: [{ indicatorCode: codes[0], note: 'lampirkan SK yang ditandatangani' }] })
      .expect(200);
    await http().post(assessment('/resubmit')).set(unit).expect(200);
    await http().post(assessment('/verify')).set(lead).expect(200);
    const verifiedAgain = await http().post(assessment('/verify')).set(lead).expect(409);
    expect(verifiedAgain.body.code).toBe('ASSESSMENT.ALREADY_VERIFIED');
    await eventually(async () => {
      const { body } = await http().get(assessment()).set(admin).expect(200);
      expect(body.status).toBe('verified');
      expect(body.evidence[codes[1]]).toEqual([
        expect.objectContaining({ kind: 'file', sha256: MAKLUMAT_SHA256, sizeBytes: MAKLUMAT_PDF.length, mediaType: 'application/pdf' }),
      ]);
    });
  });

  it('keeps evidence files whole: checked on upload, attached only once uploaded, the same bytes on download', async () => {
    const renamed = await uploadEvidence(unit, Buffer.from('MZ\x90\x00 not a pdf'), 'sk.pdf', 'application/pdf').expect(400);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'content' })]);
    const html = await uploadEvidence(unit, Buffer.from('<html></html>'), 'sk.html', 'text/html').expect(400);
    expect(html.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'mediaType' })]);
    const tooLarge = await uploadEvidence(
      unit,
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(EVIDENCE_MAX_BYTES)]),
      'big.pdf',
      'application/pdf',
    ).expect(413);
    expect(tooLarge.body.status).toBe(413);
    const missing = await http().post(`/cycles/${cycleId}/units/${unitId}/evidence-files`).set(unit).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'required' })]);

    const notUploaded = await http()
      .post(assessment('/evidence'))
      .set(unit)
      .send({ indicatorCode: codes[2], kind: 'file', name: 'sop.pdf', storageKey: `sha256:${'b'.repeat(64)}` })
      .expect(409);
    expect(notUploaded.body.code).toBe('ASSESSMENT.EVIDENCE_FILE_NOT_UPLOADED');
    const wrongHash = await http()
      .post(assessment('/evidence'))
      .set(unit)
      .send({ indicatorCode: codes[2], kind: 'file', name: 'sop.pdf', storageKey: `sha256:${MAKLUMAT_SHA256}`, sha256: 'c'.repeat(64) })
      .expect(409);
    expect(wrongHash.body.code).toBe('ASSESSMENT.EVIDENCE_HASH_MISMATCH');

    const downloaded = await http()
      .get(`/cycles/${cycleId}/units/${unitId}/evidence-files/${MAKLUMAT_SHA256}`)
      .set(lead)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="maklumat.pdf"; filename*=UTF-8''maklumat.pdf`);
    expect(
      createHash('sha256')
        .update(downloaded.body as Buffer)
        .digest('hex'),
    ).toBe(MAKLUMAT_SHA256);

    await expect(db.pool.query(`UPDATE evidence_files_v1 SET content = 'x'`)).rejects.toThrow(/insert-only/);
  });

  it('refuses a score of 6 naming the field, and an unknown indicator with its code', async () => {
    const six = await http()
      .put(assessment(`/scores/${codes[0]}`))
      .set(lead)
      .send({ score: 6, note: 'x' })
      .expect(400);
    expect(six.body.errors).toEqual([expect.objectContaining({ field: 'score', rule: 'max' })]);
    const unknown = await http().put(assessment('/scores/99.z.Xx')).set(lead).send({ score: 3, note: 'x' }).expect(409);
    expect(unknown.body.code).toBe('ASSESSMENT.UNKNOWN_INDICATOR');
  });

  it('scores F-02 and shows self vs evaluator IPP per indicator and aspect with the category', async () => {
    for (const code of codes) {
      await http()
        .put(assessment(`/scores/${code}`))
        .set(lead)
        .send({ score: 3, note: 'sesuai deskriptor 3' })
        .expect(200);
    }
    // The second evaluator's score does not count under lead-evaluator combination.
    await http()
      .put(assessment(`/scores/${codes[0]}`))
      .set(second)
      .send({ score: 0, note: 'tidak setuju' })
      .expect(200);
    await http()
      .post(assessment('/visits'))
      .set(lead)
      .send({ visitedOn: '2026-01-15', evaluatorIds: ['dev-evaluator-1'], findings: 'sesuai' })
      .expect(201);
    // Nobody records a visit in others' names: the second evaluator was not there.
    const inOthersNames = await http()
      .post(assessment('/visits'))
      .set(second)
      .send({ visitedOn: '2026-01-15', evaluatorIds: ['dev-evaluator-1'], findings: 'karangan' })
      .expect(409);
    expect(inOthersNames.body.code).toBe('ASSESSMENT.VISIT_RECORDER_ABSENT');
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

  it('keeps the cycle pinned to revision 1 scoring and showing revision 1 now that revision 2 ships, and revision 2 scores it the same', async () => {
    const pinned = await scoreOf();
    expect(pinned).toMatchObject({ whatIf: false, ruleset: { id: 'pekppp-2023', version: 1 }, category: 'C' });
    expect((await http().get(`/cycles/${cycleId}`).set(admin).expect(200)).body.ruleset).toMatchObject({ id: 'pekppp-2023', version: 1 });
    const revision1 = (await http().get('/rulesets/pekppp-2023/versions/1').set(unit).expect(200)).body;
    expect(revision1.aspects.map((aspect: { indicators: unknown[] }) => aspect.indicators)).toEqual(pekppp2023.aspects.map((aspect) => aspect.indicators));

    const underRevision2 = await scoreOf('?ruleset=pekppp-2023&rulesetVersion=2');
    expect(underRevision2).toMatchObject({ whatIf: true, ruleset: { id: 'pekppp-2023', version: 2 }, unknownIndicatorCodes: [] });
    expect({ ipp: underRevision2.ipp, aspects: underRevision2.aspects, indicators: underRevision2.indicators, category: underRevision2.category }).toEqual({
      ipp: pinned.ipp,
      aspects: pinned.aspects,
      indicators: pinned.indicators,
      category: pinned.category,
    });
    const revision2 = (await http().get('/rulesets/pekppp-2023/versions/2').set(unit).expect(200)).body;
    expect(revision2.aspects[0].indicators[2]).toMatchObject({
      code: '3.a.T',
      name: 'Jumlah media publikasi untuk komponen service delivery.',
      descriptors: pekppp2023v2.aspects[0].indicators[2].descriptors,
    });
  });

  it('pins the newest shipped revision when a Pemda without its own opens a cycle without naming one', async () => {
    const freshAdmin = await bearer('admin-orpeg', { tenantId: `fresh-${tenantId}` });
    const opened = await http()
      .post('/cycles')
      .set(freshAdmin)
      .send({ name: 'PEKPPP revisi terbaru', rulesetId: 'pekppp-2023', windowStart: '2020-01-01', windowEnd: '2099-12-31', selfAssessmentDue: '2099-12-30' })
      .expect(201);
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${opened.body.cycleId}`).set(freshAdmin).expect(200);
      expect(body.ruleset).toMatchObject({ id: 'pekppp-2023', version: NEWEST_SHIPPED });
    });
    expect(NEWEST_SHIPPED).toBeGreaterThanOrEqual(pekppp2023v2.version);
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
        unverifiedRespondents: 0,
      },
    };
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      eventType: surveyCodec.typeOf(closed),
      streamId: `f03-${tenantId}/${cycleId}/${unitId}`,
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
    const { rows } = await db.pool.query(`SELECT payload FROM events WHERE event_type = 'UserScoreReceived'`);
    expect(rows).toHaveLength(1);
    // the exact score, from the item answers the survey summed and counted
    expect(rows[0].payload).toMatchObject({ score: 5, scoreNumerator: 5, scoreDenominator: 1 });
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
    const frozen = await http()
      .put(assessment(`/scores/${codes[0]}`))
      .set(lead)
      .send({ score: 5, note: 'terlambat' })
      .expect(409);
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

  it("gives auditors the unit's history from the log: who did what, when, each value before and after, the reason; and no one else", async () => {
    const auditor = await bearer('auditor-inspektorat', { tenantId });
    const { body } = await http().get(`/cycles/${cycleId}/units/${unitId}/timeline`).set(auditor).expect(200);
    const types = body.entries.map((entry: { eventType: string }) => entry.eventType);
    expect(types[0]).toBe('unitLokusAssigned');
    expect(types).toEqual(
      expect.arrayContaining([
        'evidenceAttached',
        'selfAssessmentDraftSaved',
        'selfAssessmentSubmitted',
        'selfAssessmentReturned',
        'selfAssessmentResubmitted',
        'selfAssessmentVerified',
        'indicatorScored',
      ]),
    );
    expect(types.slice(-2)).toEqual(['cycleResultsPublished', 'resultCorrected']);
    const positions = body.entries.map((entry: { position: string }) => Number(entry.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const verified = body.entries.find((entry: { eventType: string }) => entry.eventType === 'selfAssessmentVerified');
    expect(verified).toMatchObject({
      actorRole: expect.stringMatching(/evaluator|admin/),
      changes: [{ field: 'assessmentStatus', before: 'submitted', after: 'verified' }],
    });
    const correction = body.entries[body.entries.length - 1];
    expect(correction).toMatchObject({
      actorRole: 'admin',
      note: 'keberatan unit diterima',
      changes: expect.arrayContaining([{ field: 'ipp', indicatorCode: null, evaluatorId: null, before: 3.5, after: 4.25 }]),
    });
    for (const refused of [unit, lead]) await http().get(`/cycles/${cycleId}/units/${unitId}/timeline`).set(refused).expect(403);
    const otherTenantAuditor = await bearer('auditor-inspektorat', { tenantId: `other-${tenantId}` });
    await http().get(`/cycles/${cycleId}/units/${unitId}/timeline`).set(otherTenantAuditor).expect(404);
  });

  it('scores fully online units in a cycle pinning pekppp-2023-kode-b by its own indicators', async () => {
    const daringUnit = `mpp-daring-${randomUUID().slice(0, 8)}`;
    const [operator, evaluator] = await Promise.all([
      bearer('operator-disdukcapil', { tenantId, unitId: daringUnit }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [daringUnit] }),
    ]);
    const daringCodes = scoredIndicators(pekppp2023KodeB).map((indicator) => indicator.code);
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP layanan daring',
        rulesetId: 'pekppp-2023-kode-b',
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    const daring = (path: string) => `/cycles/${opened.body.cycleId}/units/${daringUnit}/assessment${path}`;
    await http()
      .put(`/cycles/${opened.body.cycleId}/units/${daringUnit}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
    await http()
      .put(daring('/draft'))
      .set(operator)
      .send({ answers: daringCodes.map((indicatorCode) => ({ indicatorCode, score: 5, justification: 'layanan sepenuhnya daring' })) })
      .expect(200);
    await http().post(daring('/submit')).set(operator).expect(200);
    const kodeA = await http().put(daring('/scores/15.c.K')).set(evaluator).send({ score: 4, note: 'parkir' }).expect(409);
    expect(kodeA.body.code).toBe('ASSESSMENT.UNKNOWN_INDICATOR');
    for (const code of daringCodes) {
      await http()
        .put(daring(`/scores/${code}`))
        .set(evaluator)
        .send({ score: 4, note: 'sesuai deskriptor 4' })
        .expect(200);
    }
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${opened.body.cycleId}/units/${daringUnit}/score`).set(admin).expect(200);
      expect(body).toMatchObject({ ruleset: { id: 'pekppp-2023-kode-b', version: 1, provisional: true }, complete: true, category: 'B', provisional: true });
      expect(body.ipp).toMatchObject({ self: 5, evaluator: 4, final: 4 });
      expect(body.indicators).toHaveLength(29);
    });
  });
});
