import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore, START } from '@lib/event-sourcing';
import { BackgroundWorkers } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { type AssessmentEvent, assessmentStream, evolveF01History, initialF01History, pekppp2023, scoredIndicators } from '../src/evaluation/domain';
import { F01VersionsProjection } from '../src/evaluation/projections/f01-versions.projection';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };

const SK_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% SK Standar Pelayanan yang sama\n%%EOF\n');
const OWN_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% SK milik unit sendiri\n%%EOF\n');

describe('F-01 versions and identical evidence across units on PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const otherTenantId = `other-${randomUUID().slice(0, 8)}`;
  const first = `disdukcapil-${randomUUID().slice(0, 6)}`;
  const second = `dinkes-${randomUUID().slice(0, 6)}`;
  // both tenants open a cycle with the same id and a unit with the same id: only the tenant tells them apart
  const cycleId = randomUUID();
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Headers;
  let lead: Headers;
  let firstOperator: Headers;
  let secondOperator: Headers;
  let otherAdmin: Headers;
  let otherOperator: Headers;
  let otherLead: Headers;
  const http = () => request(app.getHttpServer());
  const assessment = (unitId: string, path = '') => `/cycles/${cycleId}/units/${unitId}/assessment${path}`;

  async function openCycle(as: Headers, units: string[]): Promise<void> {
    await http()
      .post('/cycles')
      .set(as)
      .send({
        cycleId,
        name: 'PEKPPP 2026',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    for (const unitId of units) {
      await http()
        .put(`/cycles/${cycleId}/units/${unitId}`)
        .set(as)
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
        .expect(200);
    }
  }

  async function attachFile(as: Headers, unitId: string, indicatorCode: string, content: Buffer, name: string): Promise<void> {
    const uploaded = await http()
      .post(`/cycles/${cycleId}/units/${unitId}/evidence-files`)
      .set(as)
      .attach('file', content, { filename: name, contentType: 'application/pdf' })
      .expect(201);
    await http()
      .post(assessment(unitId, '/evidence'))
      .set(as)
      .send({ indicatorCode, kind: 'file', name, storageKey: uploaded.body.storageKey, sha256: uploaded.body.sha256 })
      .expect(201);
  }

  const answerAll = (as: Headers, unitId: string, justification = 'sudah tersedia') =>
    http()
      .put(assessment(unitId, '/draft'))
      .set(as)
      .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score: 4, justification })) })
      .expect(200);

  beforeAll(async () => {
    [admin, lead, firstOperator, secondOperator, otherAdmin, otherOperator, otherLead] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [first, second] }),
      bearer('operator-disdukcapil', { tenantId, unitId: first }),
      bearer('operator-dinkes', { tenantId, unitId: second }),
      bearer('admin-banjar', { tenantId: otherTenantId }),
      bearer('operator-disdukcapil', { tenantId: otherTenantId, unitId: first }),
      bearer('evaluator-1', { tenantId: otherTenantId, assignedUnitIds: [first] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_f01v');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-f01v-${randomUUID().slice(0, 8)}.` },
    );
    await http().post('/units').set(admin).send({ unitId: first, name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'skpd' }).expect(201);
    await http().post('/units').set(admin).send({ unitId: second, name: 'Dinas Kesehatan', kind: 'skpd' }).expect(201);
    await openCycle(admin, [first, second]);
    await openCycle(otherAdmin, [first]);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('submits two units of one tenant and one of another tenant with the same evidence file', async () => {
    await attachFile(firstOperator, first, codes[0], SK_PDF, 'SK Standar Pelayanan.pdf');
    await attachFile(firstOperator, first, codes[1], OWN_PDF, 'Maklumat.pdf');
    await answerAll(firstOperator, first);
    await http().post(assessment(first, '/submit')).set(firstOperator).expect(200);

    await attachFile(secondOperator, second, codes[0], SK_PDF, 'salinan SK.pdf');
    await answerAll(secondOperator, second);
    await http().post(assessment(second, '/submit')).set(secondOperator).expect(200);

    await attachFile(otherOperator, first, codes[0], SK_PDF, 'SK Kabupaten.pdf');
    await answerAll(otherOperator, first);
    await http().post(assessment(first, '/submit')).set(otherOperator).expect(200);
  });

  it("flags to the evaluator the other unit's same file and same answers, by name, within the tenant only", async () => {
    await eventually(async () => {
      const { body } = await http().get(assessment(first)).set(lead).expect(200);
      expect(body.identicalEvidence).toEqual([
        {
          indicatorCode: codes[0],
          otherUnitId: second,
          otherUnitName: 'Dinas Kesehatan',
          otherIndicatorCode: codes[0],
          kind: 'sameFile',
          fileName: 'SK Standar Pelayanan.pdf',
          otherFileName: 'salinan SK.pdf',
        },
        {
          indicatorCode: codes[0],
          otherUnitId: second,
          otherUnitName: 'Dinas Kesehatan',
          otherIndicatorCode: codes[0],
          kind: 'sameAnswers',
          fileName: null,
          otherFileName: null,
        },
      ]);
    });
    // the other tenant's unit, with the same cycle id, unit id and file, is compared with nobody
    await eventually(async () => {
      const { body } = await http().get(assessment(first)).set(otherLead).expect(200);
      expect(body.status).toBe('submitted');
      expect(body.identicalEvidence).toEqual([]);
    });
    const { body: own } = await http().get(assessment(first)).set(firstOperator).expect(200);
    expect(own.identicalEvidence).toBeNull();
  });

  it('keeps both versions across a return and resubmission, and names the changed indicator', async () => {
    await http()
      .put(assessment(first, `/scores/${codes[0]}`))
      .set(lead)
      .send({ score: 3, note: 'SK belum ditandatangani' })
      .expect(200);
    await http()
      .put(assessment(first, `/scores/${codes[1]}`))
      .set(lead)
      .send({ score: 4, note: 'maklumat ada' })
      .expect(200);
    await http()
      .post(assessment(first, '/return'))
      .set(lead)
      .send({ notes: [{ indicatorCode: codes[0], note: 'lampirkan SK yang ditandatangani' }] })
      .expect(200);
    await http()
      .put(assessment(first, '/draft'))
      .set(firstOperator)
      .send({ answers: [{ indicatorCode: codes[0], score: 5, justification: 'SK sudah ditandatangani' }] })
      .expect(200);
    await http().post(assessment(first, '/resubmit')).set(firstOperator).expect(200);

    await eventually(async () => {
      const { body } = await http().get(assessment(first, '/versions')).set(lead).expect(200);
      expect(body.versions.map(({ version, kind }: { version: number; kind: string }) => [version, kind])).toEqual([
        [1, 'submitted'],
        [2, 'resubmitted'],
      ]);
      expect(body.versions[0].indicators[codes[0]].answer).toMatchObject({ score: 4, justification: 'sudah tersedia' });
      expect(body.versions[1].indicators[codes[0]].answer).toMatchObject({ score: 5, justification: 'SK sudah ditandatangani' });
      expect(body).toMatchObject({ latestVersion: 2, returnedVersion: 1, verifiedVersion: null, reviewedVersion: 1 });
      expect(body.changedSinceReview).toEqual([{ indicatorCode: codes[0], change: 'changed', answerChanged: true, evidenceChanged: false }]);
    });
    const { body: diff } = await http().get(assessment(first, '/versions/1/diff/2')).set(lead).expect(200);
    expect(diff).toEqual({
      cycleId,
      unitId: first,
      from: 1,
      to: 2,
      changes: [{ indicatorCode: codes[0], change: 'changed', answerChanged: true, evidenceChanged: false }],
    });
  });

  it('flags only the mark on the changed indicator "perlu diperiksa ulang" until it is scored again', async () => {
    await eventually(async () => {
      const { body } = await http().get(assessment(first)).set(lead).expect(200);
      expect(body.scores[codes[1]]['dev-evaluator-1'].score).toBe(4);
      expect(body.f01Review.marksToRecheck).toEqual([
        { indicatorCode: codes[0], evaluatorId: 'dev-evaluator-1', markedOnVersion: 1, latestVersion: 2, status: 'perlu diperiksa ulang' },
      ]);
    });
    await http()
      .put(assessment(first, `/scores/${codes[0]}`))
      .set(lead)
      .send({ score: 5, note: 'SK ditandatangani' })
      .expect(200);
    await eventually(async () => {
      const { body } = await http().get(assessment(first)).set(lead).expect(200);
      expect(body.f01Review.marksToRecheck).toEqual([]);
    });
  });

  it('records the verified version in the event and compares with it from then on', async () => {
    await http().post(assessment(first, '/verify')).set(lead).expect(200);
    const events = await app.get<EventStore<EvaluationEvent>>(EventStore).readStream(assessmentStream(tenantId, cycleId, first));
    const verified = events.find(({ event }) => event.$case === 'selfAssessmentVerified');
    expect(verified?.event.value).toMatchObject({ version: 2, verifiedBy: 'dev-evaluator-1' });
    await eventually(async () => {
      const { body } = await http().get(assessment(first, '/versions')).set(admin).expect(200);
      expect(body).toMatchObject({ verifiedVersion: 2, reviewedVersion: 2, changedSinceReview: [] });
    });
  });

  it('gives every version back from a replay of the stream and a rebuild of the projection; the same events twice change no row', async () => {
    const { body } = await http().get(assessment(first, '/versions')).set(admin).expect(200);
    const events = await app.get<EventStore<EvaluationEvent>>(EventStore).readStream(assessmentStream(tenantId, cycleId, first));
    const replayed = events.map(({ event }) => event as AssessmentEvent).reduce(evolveF01History, initialF01History());
    expect(JSON.parse(JSON.stringify(replayed.versions))).toEqual(body.versions);

    const projector = app.get(BackgroundWorkers).projectors.find((candidate) => candidate.name === 'projection:f01-versions');
    await projector!.rebuild();
    const { body: rebuilt } = await http().get(assessment(first, '/versions')).set(admin).expect(200);
    expect(rebuilt).toEqual(body);

    const rows = async () =>
      Promise.all(
        ['f01_histories_v1', 'f01_evidence_hashes_v1', 'f01_answer_prints_v1'].map(
          async (table) => (await db.pool.query(`SELECT * FROM ${table} ORDER BY tenant_id, cycle_id, unit_id`)).rows,
        ),
      );
    const before = await rows();
    const client = await db.pool.connect();
    try {
      await app.get(F01VersionsProjection).apply(await app.get<EventStore<EvaluationEvent>>(EventStore).readAll(START, 10_000), client);
    } finally {
      client.release();
    }
    expect(await rows()).toEqual(before);

    const { body: flagged } = await http().get(assessment(second)).set(lead).expect(200);
    expect(flagged.identicalEvidence.map(({ otherUnitId, kind }: { otherUnitId: string; kind: string }) => [otherUnitId, kind])).toEqual([[first, 'sameFile']]);
  });

  it('answers 404 naming a version that does not exist, 400 for a version that is no number', async () => {
    const missing = await http().get(assessment(first, '/versions/1/diff/3')).set(lead).expect(404);
    expect(missing.body.code).toBe('ASSESSMENT.VERSION_NOT_FOUND');
    const bad = await http().get(assessment(first, '/versions/0/diff/x')).set(lead).expect(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'from', rule: 'min', message: 'Kolom from paling kecil 1.' },
        { field: 'to', rule: 'isInt', message: 'Kolom to harus berupa bilangan bulat.' },
      ]),
    );
    const none = await http().get(`/cycles/${cycleId}/units/kecamatan-tak-ada/assessment/versions`).set(admin).expect(404);
    expect(none.body.code).toBe('ASSESSMENT.NOT_FOUND');
  });
});
