import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EventEnvelope, envelopeToHeaders, type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023v2, pekppp2023v3, scoreUnit, scoredIndicators, toUnitResult } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };
type QuestionAnswer = { questionId: string; value: boolean | number | string | string[]; evidenceIds?: string[] };
type DraftAnswer = { indicatorCode: string; questions: QuestionAnswer[] };

/*
 * F-01 as the form units know it (pekppp-2023 v3): question answers per indicator with their bukti
 * dukung, refused as 400 naming the question when they break its rules, submitted when complete, and
 * read back with the level they claim; beside a cycle pinned to v2, whose typed 0–5 self score and IPP
 * are as before.
 */
describe('F-01 questions on PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const topicPrefix = `int-eval-f01-${randomUUID().slice(0, 8)}.`;
  let admin: Headers;
  let operator: Headers;
  let evaluator: Headers;
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const cycles: Record<'v2' | 'v3', string> = { v2: '', v3: '' };
  const assessment = (cycle: 'v2' | 'v3', path = '') => `/cycles/${cycles[cycle]}/units/${unitId}/assessment${path}`;
  const draft = (cycle: 'v2' | 'v3', answers: object[]) => http().put(assessment(cycle, '/draft')).set(operator).send({ answers });

  /** Every indicator answered with the least claim its first question allows, and what that leaves open answered. */
  const leastAnswers = (): DraftAnswer[] =>
    scoredIndicators(pekppp2023v3).map((indicator) => {
      const first = indicator.f01?.questions[0];
      if (!first) throw new Error(`${indicator.code} has no F-01 questions`);
      if (indicator.code === '28.e.Ak')
        return { indicatorCode: indicator.code, questions: ['a', 'b', 'c', 'd'].map((l) => ({ questionId: `28.e.Ak/${l}`, value: 0 })) };
      if (indicator.code === '29.f.B')
        return {
          indicatorCode: indicator.code,
          questions: [
            { questionId: '29.f.B/a', value: false },
            { questionId: '29.f.B/a2', value: 'tidak' },
          ],
        };
      const value = { yesNo: false, multi: [], single: first.options?.[0].id ?? '', number: 0, text: 'tidak ada' }[first.type];
      return { indicatorCode: indicator.code, questions: [{ questionId: first.id, value }] };
    });

  const standarPelayanan = (evidenceIds: string[]): DraftAnswer => ({
    indicatorCode: '1.a.Ak',
    questions: [
      { questionId: '1.a.Ak/a', value: true, evidenceIds },
      { questionId: '1.a.Ak/a1', value: 24 },
      { questionId: '1.a.Ak/a2', value: 24 },
      { questionId: '1.a.Ak/b', value: true },
      { questionId: '1.a.Ak/c', value: false },
      { questionId: '1.a.Ak/d', value: true },
      { questionId: '1.a.Ak/e', value: true },
    ],
  });

  beforeAll(async () => {
    [admin, operator, evaluator] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('operator-disdukcapil', { tenantId, unitId }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [unitId] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_f01');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `${topicPrefix}group.`,
        KAFKA_TOPIC_PREFIX: topicPrefix,
      },
    );
    for (const [cycle, version] of [
      ['v2', 2],
      ['v3', 3],
    ] as const) {
      const opened = await http()
        .post('/cycles')
        .set(admin)
        .send({
          name: `PEKPPP revisi ${version}`,
          rulesetId: 'pekppp-2023',
          rulesetVersion: version,
          windowStart: '2020-01-01',
          windowEnd: '2099-12-31',
          selfAssessmentDue: '2099-12-30',
        })
        .expect(201);
      cycles[cycle] = opened.body.cycleId;
      await http()
        .put(`/cycles/${cycles[cycle]}/units/${unitId}`)
        .set(admin)
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
        .expect(200);
    }
  });

  /** A complete service standard published by the unit: the request service's fact behind the 1.a.Ak proposal. */
  async function publishServiceStandard(): Promise<void> {
    const serviceId = `ktp-${randomUUID().slice(0, 8)}`;
    const event: RequestEvent = {
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
    };
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      eventType: requestCodec.typeOf(event),
      streamId: `service-standard-${tenantId}/${serviceId}`,
      streamVersion: 1,
      occurredAt: '2026-03-02T02:00:00Z',
      tenantId,
      unitId,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actorId: 'test-producer',
      actorRole: 'system',
    };
    const producer = testKafka().producer();
    await producer.connect();
    try {
      await producer.send({
        topic: `${topicPrefix}${topics.request}`,
        messages: [{ key: unitId, value: Buffer.from(requestCodec.encode(event)), headers: envelopeToHeaders(envelope) }],
      });
    } finally {
      await producer.disconnect();
    }
  }

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('a cycle pinned to pekppp-2023 v3', () => {
    let evidenceId: string;

    it('saves a draft of question answers with the evidence of each', async () => {
      const attached = await http()
        .post(assessment('v3', '/evidence'))
        .set(operator)
        .send({ indicatorCode: '1.a.Ak', kind: 'link', name: 'SK Standar Pelayanan 2025', url: 'https://jdih.banjarmasinkota.go.id/sk-sp-2025' })
        .expect(201);
      evidenceId = attached.body.evidenceId;
      await draft('v3', [standarPelayanan([evidenceId])]).expect(200);
    });

    it.each<[string, DraftAnswer[], { field: string; rule: string }]>([
      [
        'a number where ya/tidak is asked',
        [{ indicatorCode: '1.a.Ak', questions: [{ questionId: '1.a.Ak/a', value: 1 }] }],
        { field: 'answers[0].questions[0].value', rule: 'answer-type' },
      ],
      [
        'an option not in the list',
        [
          {
            indicatorCode: '9.a.Ak',
            questions: [
              { questionId: '9.a.Ak/a', value: true },
              { questionId: '9.a.Ak/b', value: '2-minggu' },
            ],
          },
        ],
        { field: 'answers[0].questions[1].value', rule: 'known-option' },
      ],
      [
        'an answer to a question skipped by Tidak',
        [
          { indicatorCode: '2.a.P', questions: [{ questionId: '2.a.P/a', value: true }] },
          {
            indicatorCode: '23.d.As',
            questions: [
              { questionId: '23.d.As/a', value: false },
              { questionId: '23.d.As/b', value: true },
            ],
          },
        ],
        { field: 'answers[1].questions[1].value', rule: 'shown-by-skip-logic' },
      ],
      [
        'an unknown question',
        [{ indicatorCode: '7.a.T', questions: [{ questionId: '7.a.T/z', value: [] }] }],
        { field: 'answers[0].questions[0].questionId', rule: 'known-question' },
      ],
    ])('refuses %s with a 400 naming the question, and records nothing', async (_name, answers, problem) => {
      const before = (await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE $1`, [`assessment-%${cycles.v3}%`])).rows[0].n;
      const { body } = await draft('v3', answers).expect(400);
      expect(body.code).toBe('ASSESSMENT.INVALID_ANSWER');
      expect(body.title).toMatch(/pertanyaan/);
      expect(body.errors).toEqual([{ ...problem, message: expect.stringContaining(`kolom ${problem.field}`) }]);
      expect(body.detail).toContain(answers[answers.length - 1].questions[answers[answers.length - 1].questions.length - 1].questionId);
      const after = (await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE $1`, [`assessment-%${cycles.v3}%`])).rows[0].n;
      expect(after).toBe(before);
    });

    it('refuses a typed self score on a question form', async () => {
      const { body } = await draft('v3', [{ indicatorCode: '4.a.K', score: 4, justification: 'sudah' }]).expect(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'answers[0].questions', rule: 'answer-type' })]);
    });

    it('refuses an incomplete submit, naming the indicators and the questions', async () => {
      const { body } = await http().post(assessment('v3', '/submit')).set(operator).expect(409);
      expect(body.code).toBe('ASSESSMENT.INCOMPLETE');
      expect(body.details.indicatorCodes).toContain('2.a.P');
      expect(body.details.indicatorCodes).not.toContain('1.a.Ak');
      expect(body.detail).toContain('28.e.Ak');
    });

    it('refuses a submit whose claim lacks its required bukti dukung with a 400 naming the question', async () => {
      await draft('v3', [...leastAnswers().filter((answer) => answer.indicatorCode !== '1.a.Ak'), standarPelayanan([])]).expect(200);
      const { body } = await http().post(assessment('v3', '/submit')).set(operator).expect(400);
      expect(body.code).toBe('ASSESSMENT.EVIDENCE_REQUIRED');
      expect(body.errors).toEqual([
        {
          field: 'questions[1.a.Ak/a].evidenceIds',
          rule: 'evidence-required',
          message: 'Pertanyaan questions[1.a.Ak/a].evidenceIds memerlukan paling sedikit satu bukti dukung.',
        },
      ]);
    });

    it('submits once complete, and shows each question with its answer, evidence and the claimed level', async () => {
      await draft('v3', [standarPelayanan([evidenceId])]).expect(200);
      await http().post(assessment('v3', '/submit')).set(operator).expect(200);
      await eventually(async () => {
        const { body } = await http().get(assessment('v3')).set(evaluator).expect(200);
        expect(body.status).toBe('submitted');
        expect(body.f01).toHaveLength(30);
        const sp = body.f01.find((indicator: { indicatorCode: string }) => indicator.indicatorCode === '1.a.Ak');
        // a, 14 komponen, ditetapkan: the chain stops at "melibatkan masyarakat" (Tidak)
        expect(sp).toMatchObject({ claimedLevel: 3, rule: 'pantau/f01/1.a.Ak', ruleSource: 'pantau' });
        expect(sp.questions[0]).toEqual({
          questionId: '1.a.Ak/a',
          text: 'Apakah sudah dibuat Standar Pelayanan, baik sebagian ataupun seluruh jenis pelayanan?',
          type: 'yesNo',
          options: [],
          required: true,
          shown: true,
          value: true,
          evidence: [{ evidenceId, kind: 'link', name: 'SK Standar Pelayanan 2025' }],
          evidenceRequested: expect.arrayContaining(['Dokumen SP yang telah ditetapkan']),
          evidenceMissing: false,
        });
        expect(sp.questions.find((question: { questionId: string }) => question.questionId === '1.a.Ak/a1')).toMatchObject({ type: 'number', value: 24 });
        const parking = body.f01.find((indicator: { indicatorCode: string }) => indicator.indicatorCode === '15.c.K');
        expect(parking).toMatchObject({ claimedLevel: 0 });
        expect(parking.questions.map((question: { shown: boolean; value: unknown }) => [question.shown, question.value])).toEqual([
          [true, false],
          [false, null],
          [false, null],
        ]);
        expect(body.answers['1.a.Ak']).toMatchObject({ score: 3, evidenceIds: [evidenceId] });
      });
    });

    it("shows the claimed level as the unit's F-01 claim beside the proposal events make", async () => {
      await publishServiceStandard();
      await eventually(
        async () => {
          const { body } = await http().get(`/cycles/${cycles.v3}/units/${unitId}/proposals`).set(evaluator).expect(200);
          const sp = body.proposals.find((proposal: { indicatorCode: string }) => proposal.indicatorCode === '1.a.Ak');
          expect(sp.selfClaim).toEqual({
            score: 3,
            justification: '',
            evidence: [{ evidenceId, kind: 'link', name: 'SK Standar Pelayanan 2025' }],
            claimedBy: { rule: 'pantau/f01/1.a.Ak', ruleSource: 'pantau' },
          });
        },
        { timeoutMs: 30_000 },
      );
    });
  });

  describe('a cycle pinned to pekppp-2023 v2 keeps the typed self score', () => {
    const codes = scoredIndicators(pekppp2023v2).map((indicator) => indicator.code);
    const selfScores = codes.map((indicatorCode, k) => ({ indicatorCode, score: (k * 7) % 6 }));
    const marks = codes.map((indicatorCode, k) => ({ indicatorCode, score: (k * 5 + 2) % 6, note: `sesuai deskriptor ${(k * 5 + 2) % 6}` }));

    it('refuses question answers there', async () => {
      const { body } = await draft('v2', [{ indicatorCode: '1.a.Ak', questions: [{ questionId: '1.a.Ak/a', value: true }] }]).expect(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'answers[0].questions', rule: 'known-question' })]);
    });

    it('takes 0–5 self scores, and scores the unit as before', async () => {
      await draft(
        'v2',
        selfScores.map(({ indicatorCode, score }) => ({ indicatorCode, score, justification: 'bukti terlampir' })),
      ).expect(200);
      await http().post(assessment('v2', '/submit')).set(operator).expect(200);
      await http().put(assessment('v2', '/scores')).set(evaluator).send({ scores: marks }).expect(200);
      const expected = toUnitResult(
        unitId,
        scoreUnit(pekppp2023v2, {
          selfScores,
          evaluatorScores: marks.map(({ indicatorCode, score }) => ({ indicatorCode, evaluatorId: 'dev-evaluator-1', score })),
          leadEvaluatorId: 'dev-evaluator-1',
        }),
      );
      await eventually(async () => {
        const { body } = await http().get(`/cycles/${cycles.v2}/units/${unitId}/score`).set(admin).expect(200);
        expect(body).toMatchObject({
          ruleset: { id: 'pekppp-2023', version: 2 },
          complete: true,
          ipp: { self: expected.ippSelf, evaluator: expected.ippEvaluator, final: expected.ipp },
          category: expected.category,
        });
      });
      const { body } = await http().get(assessment('v2')).set(evaluator).expect(200);
      expect(body.f01).toEqual([]);
      expect(body.answers['1.a.Ak']).toEqual({ indicatorCode: '1.a.Ak', score: 0, justification: 'bukti terlampir', evidenceIds: [] });
    });
  });
});
