import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EvaluationEvent, evaluationCodec, topics } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { sourceTopics } from './source-topics';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators, scoreUnit } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

/**
 * An evaluator decides on the proposals events made: confirms one, overrides another with a note.
 * Both are events on the unit's assessment stream and on evaluation's topic; the IPP counts only
 * decided indicators and names those still only proposed.
 */
describe('confirming and overriding indicator proposals', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const cycleId = randomUUID();
  const topicPrefix = `int-eval-decisions-${randomUUID().slice(0, 8)}.`;
  const { onRequestTopic } = sourceTopics({ topicPrefix, tenantId, unitId });
  const PROPOSED = ['1.a.Ak', '3.a.T', '4.a.K', '6.a.B', '7.a.T', '8.a.Ak', '9.a.Ak', '26.e.P', '27.e.Ak', '28.e.Ak'];
  const LEAD = 'dev-evaluator-1';
  const SECOND = 'dev-evaluator-2';
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  const selfScore = (code: string): number => (code === '1.a.Ak' ? 5 : 4);
  let db: TestDatabase;
  let app: INestApplication;
  let admin: { Authorization: string };
  let unit: { Authorization: string };
  let lead: { Authorization: string };
  let second: { Authorization: string };
  let standardEventId: string;
  const http = () => request(app.getHttpServer());
  const unitPath = `/cycles/${cycleId}/units/${unitId}`;
  const confirmation = (code: string) => `${unitPath}/proposals/${code}/confirmation`;
  const override = (code: string) => `${unitPath}/proposals/${code}/override`;

  type ProposalBody = {
    indicatorCode: string;
    level: number;
    selfClaim: { score: number; justification: string; evidence: { name: string }[] } | null;
    decision: { status: string; score: number | null; marks: { evaluatorId: string; kind: string; score: number; note: string; decisive: boolean }[] };
  };
  const proposals = async (): Promise<Record<string, ProposalBody>> => {
    const { body } = await http().get(`${unitPath}/proposals`).set(admin).expect(200);
    return Object.fromEntries(body.proposals.map((p: ProposalBody) => [p.indicatorCode, p]));
  };
  const scoreOf = async () => (await http().get(`${unitPath}/score`).set(admin).expect(200)).body;
  const decisionEvents = async () =>
    (await app.get<EventStore<EvaluationEvent>>(EventStore).readStream(`assessment-${tenantId}/${cycleId}/${unitId}`)).flatMap(({ event }) =>
      event.$case === 'indicatorProposalConfirmed' || event.$case === 'indicatorProposalOverridden' ? [event] : [],
    );
  /** The IPP the pure rules give for the lead's scores: what the service must show. */
  const expectedIpp = (leadScores: Record<string, number>): number =>
    scoreUnit(pekppp2023, {
      selfScores: codes.map((indicatorCode) => ({ indicatorCode, score: selfScore(indicatorCode) })),
      evaluatorScores: Object.entries(leadScores).map(([indicatorCode, score]) => ({ indicatorCode, evaluatorId: LEAD, score })),
      leadEvaluatorId: LEAD,
    }).ipp.hundredths / 100;
  const notProposedByLead = Object.fromEntries(codes.filter((code) => !PROPOSED.includes(code)).map((code) => [code, 5]));

  beforeAll(async () => {
    [admin, unit, lead, second] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('operator-disdukcapil', { tenantId, unitId }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [unitId] }),
      bearer('evaluator-2', { tenantId, assignedUnitIds: [unitId] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_decisions');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `${topicPrefix}group.`,
        KAFKA_TOPIC_PREFIX: topicPrefix,
      },
    );
    await http()
      .post('/cycles')
      .set(admin)
      .send({
        cycleId,
        name: 'PEKPPP 2026',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2026-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    await http()
      .put(unitPath)
      .set(admin)
      .send({ evaluatorIds: [LEAD, SECOND], leadEvaluatorId: LEAD })
      .expect(200);
    const serviceId = `ktp-${randomUUID().slice(0, 8)}`;
    const standard = await onRequestTopic(
      {
        $case: 'serviceStandardPublished',
        value: {
          serviceId,
          unitId,
          name: 'Penerbitan KTP-el',
          revision: 1,
          components: Array.from({ length: 14 }, (_, k) => ({ number: k + 1, content: `Komponen ${k + 1}`, publishedOn: ['website'] })),
          completionWorkingDays: 5,
          costRupiah: 0,
          requirements: ['KK'],
          product: 'KTP-el',
          effectiveAt: '2026-02-01T01:00:00Z',
          complete: true,
          missingComponents: [],
          unpublishedComponents: [],
        },
      },
      `service-standard-${tenantId}/${serviceId}`,
      '2026-03-02T02:00:00Z',
    );
    standardEventId = standard.eventId;

    await http()
      .post(`${unitPath}/assessment/evidence`)
      .set(unit)
      .send({ indicatorCode: '1.a.Ak', kind: 'link', name: 'SK Standar Pelayanan KTP-el', url: 'https://jdih.example.go.id/sk-sp.pdf' })
      .expect(201);
    await http()
      .put(`${unitPath}/assessment/draft`)
      .set(unit)
      .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score: selfScore(indicatorCode), justification: `bukti ${indicatorCode}` })) })
      .expect(200);
    await http().post(`${unitPath}/assessment/submit`).set(unit).expect(200);
    for (const [code, score] of Object.entries(notProposedByLead)) {
      await http().put(`${unitPath}/assessment/scores/${code}`).set(lead).send({ score, note: 'sesuai deskriptor 5' }).expect(200);
    }
    await eventually(
      async () => {
        const current = await proposals();
        expect(Object.keys(current)).toEqual(PROPOSED);
        expect(current['1.a.Ak']).toMatchObject({ level: 3 });
      },
      { timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("shows each proposal beside the unit's F-01 claim, undecided, and keeps every one out of the IPP", async () => {
    const current = await proposals();
    expect(current['1.a.Ak']).toMatchObject({
      selfClaim: { score: 5, justification: 'bukti 1.a.Ak', evidence: [expect.objectContaining({ kind: 'link', name: 'SK Standar Pelayanan KTP-el' })] },
      decision: { status: 'proposed', score: null, marks: [] },
    });
    expect(current['6.a.B'].selfClaim).toMatchObject({ score: 4, evidence: [] });

    // the lead's last F-02 score may reach the score view after the proposals do
    const score = await eventually(async () => {
      const body = await scoreOf();
      expect(body.proposedOnlyIndicatorCodes).toEqual(PROPOSED);
      expect(body.missingIndicatorCodes).toEqual(PROPOSED);
      return body;
    });
    expect(score.ipp.evaluator).toBe(expectedIpp(notProposedByLead));
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const unknown = await http().post(confirmation('99.z.Xx')).set(lead).send({ expectedLevel: 3 }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'indicatorCode', rule: 'known' })]);
    const unknownOverride = await http().post(override('99.z.Xx')).set(lead).send({ score: 3, note: 'x' }).expect(400);
    expect(unknownOverride.body.errors).toEqual([expect.objectContaining({ field: 'indicatorCode', rule: 'known' })]);
    const six = await http().post(override('6.a.B')).set(lead).send({ score: 6, note: 'lebih dari sempurna' }).expect(400);
    expect(six.body.errors).toEqual([expect.objectContaining({ field: 'score', rule: 'max', message: 'Kolom score paling besar 5.' })]);
    const withoutNote = await http().post(override('6.a.B')).set(lead).send({ score: 4 }).expect(400);
    expect(withoutNote.body.errors.map((error: { field: string }) => error.field)).toContain('note');
    expect(withoutNote.body.errors.every((error: { field: string }) => error.field === 'note')).toBe(true);
    const emptyNote = await http().post(override('6.a.B')).set(lead).send({ score: 4, note: '' }).expect(400);
    expect(emptyNote.body.errors).toContainEqual(expect.objectContaining({ field: 'note', rule: 'minLength' }));
    const blankNote = await http().post(override('6.a.B')).set(lead).send({ score: 4, note: '   ' }).expect(400);
    expect(blankNote.body.errors).toEqual([{ field: 'note', rule: 'notBlank', message: 'Kolom note wajib diisi; spasi saja tidak cukup.' }]);
    const badLevel = await http().post(confirmation('1.a.Ak')).set(lead).send({ expectedLevel: 6 }).expect(400);
    expect(badLevel.body.errors).toEqual([expect.objectContaining({ field: 'expectedLevel', rule: 'max' })]);
    expect(await decisionEvents()).toEqual([]);
  });

  it('refuses what is not the evaluator’s to decide, and what events do not propose', async () => {
    const byAdmin = await http().post(confirmation('1.a.Ak')).set(admin).send({ expectedLevel: 3 }).expect(403);
    expect(byAdmin.body.code).toBe('AUTH.FORBIDDEN');
    const notProposed = await http().post(confirmation('2.a.P')).set(lead).send({ expectedLevel: 5 }).expect(404);
    expect(notProposed.body.code).toBe('PROPOSAL.NOT_FOUND');
  });

  it('refuses to confirm a level that is no longer the one proposed, with a 409', async () => {
    const stale = await http().post(confirmation('1.a.Ak')).set(lead).send({ expectedLevel: 0 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'PROPOSAL.CHANGED', details: { expectedLevel: 0, currentLevel: 3 } });
    expect(await decisionEvents()).toEqual([]);
  });

  it('records a confirmation and an override as events, and the IPP uses the confirmed level and the override score', async () => {
    const key = { 'Idempotency-Key': `confirm-${randomUUID()}` };
    const confirmed = await http().post(confirmation('1.a.Ak')).set(lead).set(key).send({ expectedLevel: 3 }).expect(200);
    const retried = await http().post(confirmation('1.a.Ak')).set(lead).set(key).send({ expectedLevel: 3 }).expect(200);
    expect(retried.body).toEqual({ ...confirmed.body, appended: 0, duplicate: true });
    await http().post(confirmation('1.a.Ak')).set(lead).send({ expectedLevel: 3 }).expect(200);
    await http().post(override('6.a.B')).set(lead).send({ score: 4, note: 'SKM 2026 dilaksanakan, sampel cukup (laporan di lampiran)' }).expect(200);

    const events = await decisionEvents();
    expect(events).toEqual([
      {
        $case: 'indicatorProposalConfirmed',
        value: {
          cycleId,
          unitId,
          indicatorCode: '1.a.Ak',
          evaluatorId: LEAD,
          score: 3,
          proposedLevel: 3,
          ruleId: expect.any(String),
          proposalRules: 'pekppp-2023-proposals@1',
          sourceEventIds: [standardEventId],
          confirmedAt: expect.any(String),
        },
      },
      {
        $case: 'indicatorProposalOverridden',
        value: {
          cycleId,
          unitId,
          indicatorCode: '6.a.B',
          evaluatorId: LEAD,
          score: 4,
          proposedLevel: 0,
          ruleId: expect.any(String),
          proposalRules: 'pekppp-2023-proposals@1',
          sourceEventIds: [],
          note: 'SKM 2026 dilaksanakan, sampel cukup (laporan di lampiran)',
          overriddenAt: expect.any(String),
        },
      },
    ]);

    const score = await eventually(async () => {
      const body = await scoreOf();
      expect(body.proposedOnlyIndicatorCodes).toEqual(PROPOSED.filter((code) => code !== '1.a.Ak' && code !== '6.a.B'));
      return body;
    });
    const byCode = Object.fromEntries(score.indicators.map((indicator: { indicatorCode: string }) => [indicator.indicatorCode, indicator]));
    expect(byCode['1.a.Ak']).toMatchObject({ selfScore: 5, evaluatorScore: 3, gap: -2 });
    expect(byCode['6.a.B']).toMatchObject({ selfScore: 4, evaluatorScore: 4, gap: 0 });
    expect(score.ipp.evaluator).toBe(expectedIpp({ ...notProposedByLead, '1.a.Ak': 3, '6.a.B': 4 }));

    const current = await proposals();
    expect(current['1.a.Ak'].decision).toEqual({
      status: 'confirmed',
      score: 3,
      marks: [{ evaluatorId: LEAD, kind: 'confirmed', score: 3, note: '', decidedAt: expect.any(String), decisive: true }],
    });
    expect(current['6.a.B'].decision).toEqual({
      status: 'overridden',
      score: 4,
      marks: [
        {
          evaluatorId: LEAD,
          kind: 'overridden',
          score: 4,
          note: 'SKM 2026 dilaksanakan, sampel cukup (laporan di lampiran)',
          decidedAt: expect.any(String),
          decisive: true,
        },
      ],
    });
  });

  it('leaves an indicator proposed when only a non-lead evaluator confirmed it (lead-evaluator combination)', async () => {
    await http()
      .post(confirmation('3.a.T'))
      .set(second)
      .send({ expectedLevel: (await proposals())['3.a.T'].level })
      .expect(200);
    const current = await eventually(async () => {
      const now = await proposals();
      expect(now['3.a.T'].decision.marks).toEqual([expect.objectContaining({ evaluatorId: SECOND, kind: 'confirmed', decisive: false })]);
      return now;
    });
    expect(current['3.a.T'].decision).toMatchObject({ status: 'proposed', score: null });
    expect((await scoreOf()).proposedOnlyIndicatorCodes).toContain('3.a.T');
  });

  it("lets the lead's later F-02 score replace the confirmation", async () => {
    await http().put(`${unitPath}/assessment/scores/1.a.Ak`).set(lead).send({ score: 2, note: 'SK belum ditandatangani kepala dinas' }).expect(200);
    await eventually(async () => {
      expect((await proposals())['1.a.Ak'].decision).toMatchObject({ status: 'scored', score: 2 });
      expect((await scoreOf()).ipp.evaluator).toBe(expectedIpp({ ...notProposedByLead, '1.a.Ak': 2, '6.a.B': 4 }));
    });
  });

  it("publishes the decisions on evaluation's topic for audit and reporting", async () => {
    const decisionTypes = ['IndicatorProposalConfirmed', 'IndicatorProposalOverridden'];
    const messages = await readTopic(
      testKafka(),
      `${topicPrefix}${topics.evaluation}`,
      (read) => read.filter((m) => decisionTypes.includes(m.headers['event-type'])).length >= 3,
      30_000,
    );
    const published = messages
      .filter((m) => decisionTypes.includes(m.headers['event-type']))
      .map((m) => evaluationCodec.decode(new Uint8Array(m.value)))
      .flatMap((event) =>
        event.$case === 'indicatorProposalConfirmed' || event.$case === 'indicatorProposalOverridden' ? [[event.$case, event.value.indicatorCode]] : [],
      );
    expect(published).toEqual([
      ['indicatorProposalConfirmed', '1.a.Ak'],
      ['indicatorProposalOverridden', '6.a.B'],
      ['indicatorProposalConfirmed', '3.a.T'],
    ]);
  });
});
