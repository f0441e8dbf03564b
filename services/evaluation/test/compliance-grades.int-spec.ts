import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EvaluationEvent, requestPb, surveyPb } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { sourceTopics } from './source-topics';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { evaluationDatabase } from '../src/migrations';

type Graded = Extract<EvaluationEvent, { $case: 'complianceGraded' }>['value'];
interface Dimension {
  code: string;
  score: number | null;
  contribution: number;
  missing: string | null;
  ruleSource: { origin: string };
  sourceEventIds: string[];
}
interface Compliance {
  ruleset: { id: string; version: number };
  pinnedRuleset: { id: string; version: number };
  whatIf: boolean;
  total: number;
  band: { code: string; zone: string };
  label: string;
  complete: boolean;
  dimensions: Dimension[];
  maladministration: { found: boolean; label: string; sourceEventIds: string[] } | null;
}

/**
 * Ombudsman compliance graded from real source events: the request and survey contexts' events are
 * published on their topics as their relays would, observations are recorded over HTTP, and the unit
 * lokus's grade under the cycle's pinned ruleset (ombudsman-2025 by default) follows. How fast it follows
 * is measured by bench/proposals.bench.ts, not here.
 */
describe('compliance grades from the request and survey topics and recorded observations', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const cycleId = randomUUID();
  const surveyId = randomUUID();
  const topicPrefix = `int-eval-compliance-${randomUUID().slice(0, 8)}.`;
  const { onRequestTopic, onSurveyTopic, redeliverEverything } = sourceTopics({ topicPrefix, tenantId, unitId, surveyId });
  let db: TestDatabase;
  let app: INestApplication;
  let admin: { Authorization: string };

  const start = (database: TestDatabase, groupPrefix: string) =>
    startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: database.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix, KAFKA_TOPIC_PREFIX: topicPrefix },
    );

  const compliance = async (service = app, query = ''): Promise<Compliance> =>
    (await request(service.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/compliance${query}`).set(admin).expect(200)).body;
  const dimension = (grade: Compliance, code: string): Dimension | undefined => grade.dimensions.find((d) => d.code === code);

  const graded = async (): Promise<Graded[]> => {
    const stored = await app.get<EventStore<EvaluationEvent>>(EventStore).readStream(`compliance-${tenantId}/${cycleId}/${unitId}`);
    return stored.flatMap(({ event }) => (event.$case === 'complianceGraded' ? [event.value] : []));
  };

  /** A hash of every grade of the tenant, but the observations' own event ids (a replay records them anew) and when each row was written. */
  const gradesHash = async (pool: Pool): Promise<{ rows: number; hash: string | null }> =>
    (
      await pool.query<{ rows: number; hash: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(concat_ws('|', cycle_id, unit_id, ruleset_id, ruleset_version, total, band_code, zone, label, complete,
                (grade - 'dimensions' - 'maladministration')::text,
                (SELECT jsonb_agg(d - 'sourceEventIds' ORDER BY d ->> 'code') FROM jsonb_array_elements(grade -> 'dimensions') d)::text,
                ((grade -> 'maladministration') - 'sourceEventIds')::text,
                (source_event_ids - 'input' - 'kepercayaan-masyarakat' - 'maladministration')::text,
                (input -> 'input')::text), E'\\n' ORDER BY cycle_id, unit_id)) AS hash
         FROM compliance_grades_v1 WHERE tenant_id = $1`,
        [tenantId],
      )
    ).rows[0];

  const OBSERVATION = {
    items: [
      { dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3, note: 'semua petugas loket bersertifikat' },
      { dimension: 'input', itemCode: 'sarana-prasarana', score: 2, note: 'ruang tunggu tanpa fasilitas difabel' },
    ],
    publicTrust: { score: 70, source: 'Survei kepercayaan masyarakat Ombudsman RI 2026' },
    maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 0, note: 'tidak ada LAHP' },
  };

  async function openCycle(service: INestApplication): Promise<void> {
    const http = () => request(service.getHttpServer());
    await http()
      .post('/cycles')
      .set(admin)
      .send({ cycleId, name: 'PEKPPP 2026', rulesetId: 'pekppp-2023', windowStart: '2026-01-01', windowEnd: '2099-12-31', selfAssessmentDue: '2099-12-30' })
      .expect(201);
    await http()
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
  }

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId });
    db = await createTestDatabase([], 'pantau_eval_compliance');
    app = await start(db, `${topicPrefix}first.`);
    await openCycle(app);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('pins ombudsman-2025 when the opening names no compliance ruleset, and refuses an unknown one naming the field', async () => {
    await eventually(async () =>
      expect((await request(app.getHttpServer()).get(`/cycles/${cycleId}`).set(admin).expect(200)).body.complianceRuleset).toEqual({
        id: 'ombudsman-2025',
        version: 1,
      }),
    );
    const open = (compliancePin: Record<string, unknown>) =>
      request(app.getHttpServer())
        .post('/cycles')
        .set(admin)
        .send({
          name: 'PEKPPP 2027',
          rulesetId: 'pekppp-2023',
          windowStart: '2027-01-01',
          windowEnd: '2027-12-31',
          selfAssessmentDue: '2027-06-30',
          ...compliancePin,
        })
        .expect(400);
    const unknownId = (await open({ complianceRulesetId: 'ombudsman-2019' })).body;
    expect(unknownId).toMatchObject({ code: 'COMPLIANCE.RULESET_NOT_FOUND', errors: [{ field: 'complianceRulesetId', rule: 'known-compliance-ruleset' }] });
    const unknownVersion = (await open({ complianceRulesetId: 'ombudsman-2022', complianceRulesetVersion: 7 })).body;
    expect(unknownVersion).toMatchObject({ errors: [{ field: 'complianceRulesetVersion', rule: 'known-compliance-ruleset-version' }] });
    expect(unknownVersion.errors[0].message).toContain('Versi pedoman penilaian kepatuhan');
  });

  it('grades the unit as soon as it is a lokus: every part missing, so incomplete, and says so once', async () => {
    const first = await eventually(async () => compliance(), { timeoutMs: 30_000 });
    expect(first).toMatchObject({ ruleset: { id: 'ombudsman-2025', version: 1 }, whatIf: false, total: 0, complete: false });
    expect(first.dimensions.map((d) => [d.code, d.missing])).toEqual([
      ['input', 'no-observed-items'],
      ['proses', 'no-service-products'],
      ['output', 'no-skm-result'],
      ['pengaduan', 'no-complaints-received'],
      ['kepercayaan-masyarakat', 'no-public-trust-figure'],
    ]);
    expect(first.dimensions.every((d) => d.ruleSource.origin === 'pantau')).toBe(true);
    expect((await graded()).map((g) => [g.total, g.complete, g.previousTotal])).toEqual([[0, false, -1]]);
  });

  it('moves the grade when a standard is published, with one ComplianceGraded', async () => {
    const before = await graded();
    const serviceId = `ktp-${randomUUID().slice(0, 8)}`;
    const standard = await onRequestTopic(
      {
        $case: 'serviceStandardPublished',
        value: {
          serviceId,
          unitId,
          name: 'Penerbitan KTP-el',
          revision: 1,
          components: Array.from({ length: 14 }, (_, k) => ({
            number: k + 1,
            content: `Komponen ${k + 1}`,
            publishedOn: k < 6 ? ['sippn', 'office-board'] : [],
          })),
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
    const after = await eventually(async () => {
      const grade = await compliance();
      expect(dimension(grade, 'proses')).toMatchObject({ score: 100, missing: null, sourceEventIds: [standard.eventId] });
      return grade;
    });
    // 70 % × 32.37 % × 100
    expect(after.total).toBe(22.66);
    const announced = (await graded()).slice(before.length);
    expect(announced.map((g) => [g.previousTotal, g.total, g.bandCode])).toEqual([[0, 22.66, after.band.code]]);
    expect(announced[0].sourceEventIds).toEqual([standard.eventId]);
    expect(JSON.parse(announced[0].gradeJson).dimensions[1]).toMatchObject({ code: 'proses', score: 100, sourceEventIds: [standard.eventId] });
  });

  it('moves the grade when a complaint is resolved, each ComplianceGraded a real change', async () => {
    const before = await graded();
    const complaintId = randomUUID();
    const stream = `complaint-${complaintId}`;
    const received = await onRequestTopic(
      {
        $case: 'complaintReceived',
        value: {
          complaintId,
          unitId,
          channel: requestPb.ComplaintChannel.COMPLAINT_CHANNEL_LAPOR,
          category: requestPb.ComplaintCategory.COMPLAINT_CATEGORY_GRIEVANCE,
          laporReference: 'LAPOR-1',
          subject: '',
          description: '',
          receivedAt: '2026-03-02T03:00:00Z',
          statusDueDate: '2026-03-05',
          resolutionDueDate: '2026-03-20',
          ruleset: 'complaints-2018@1',
          provisional: false,
          reporterRef: 'ref-1',
          calendarId: 'id-national@2026-1',
          deadlinesProvisional: false,
        },
      },
      stream,
      '2026-03-02T03:00:00Z',
    );
    const resolved = await onRequestTopic(
      { $case: 'complaintResolved', value: { complaintId, resolvedAt: '2026-03-02T05:00:00Z', withinDeadline: true, viaLapor: true } },
      stream,
      '2026-03-02T05:00:00Z',
    );
    const after = await eventually(async () => {
      const grade = await compliance();
      expect(dimension(grade, 'pengaduan')).toMatchObject({ score: 100, sourceEventIds: [received.eventId, resolved.eventId].sort() });
      return grade;
    });
    // + 70 % × 21.54 % × 100
    expect(after.total).toBe(37.74);
    // received and resolved in one batch or two: either way every announcement is a change of the grade, and the last is the grade now
    const announced = (await graded()).slice(before.length);
    expect(announced.length).toBeGreaterThanOrEqual(1);
    const shown = (g: Graded | undefined) =>
      JSON.stringify([g?.total, (JSON.parse(g?.gradeJson ?? '{"dimensions":[]}') as Compliance).dimensions.map((d) => [d.code, d.score, d.missing])]);
    const states = [before.at(-1), ...announced].map(shown);
    expect(new Set(states).size).toBe(states.length);
    expect(announced.at(-1)).toMatchObject({ total: after.total, bandCode: after.band.code, label: after.label });
  });

  it('moves the grade when an SKM period closes, and not when it only opens', async () => {
    const before = await graded();
    await onSurveyTopic(
      {
        $case: 'surveyOpened',
        value: {
          surveyId,
          unitId,
          periodKind: surveyPb.PeriodKind.PERIOD_KIND_SEMESTER,
          periodStart: '2026-01-01',
          periodEnd: '2026-02-28',
          ruleset: 'skm-2017@1',
          extraUnsur: [],
          weights: [],
          declaredPopulation: 100,
          openedAt: '2026-01-01T01:00:00Z',
          tenantId,
        },
      },
      '2026-03-02T07:00:00Z',
    );
    const closed = await onSurveyTopic(
      {
        $case: 'skmPeriodClosed',
        value: {
          surveyId,
          closedAt: '2026-03-02T07:10:00Z',
          result: {
            respondents: 80,
            unsur: [],
            ikm: 3.4,
            ikmConverted: 85,
            band: 'B',
            bandLabel: 'Baik',
            weakestUnsur: 'U5',
            population: 100,
            requiredSample: 80,
            sampleAdequate: true,
            ruleset: 'skm-2017@1',
            provisional: false,
            populationSource: 'declared',
            declaredPopulationSource: 'Data pemohon SIAK 2026 triwulan I',
            populationDeclaredAt: '2026-01-05T02:00:00Z',
            completedRequests: 0,
            provisionalParts: [],
          },
        },
      },
      '2026-03-02T07:10:00Z',
    );
    const after = await eventually(
      async () => {
        const grade = await compliance();
        expect(dimension(grade, 'output')).toMatchObject({ score: 85, sourceEventIds: [closed.eventId] });
        return grade;
      },
      { timeoutMs: 30_000 },
    );
    // + 70 % × 24.24 % × 85
    expect(after.total).toBe(52.16);
    expect((await graded()).slice(before.length).map((g) => g.total)).toEqual([52.16]);
  });

  it('records observations over HTTP, refusing bad input by field, and the grade follows at once', async () => {
    const put = (body: object, as = admin) => request(app.getHttpServer()).put(`/cycles/${cycleId}/units/${unitId}/compliance/observations`).set(as).send(body);
    const item = OBSERVATION.items[0];
    expect((await put({ items: [{ ...item, score: 4 }] }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'items[0].score', rule: 'max' }),
    ]);
    expect((await put({ items: [{ ...item, dimension: 'proses' }] }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'items[0].dimension', rule: 'isIn' }),
    ]);
    expect((await put({ publicTrust: { score: 101, source: 'x' } }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'publicTrust.score', rule: 'max' }),
    ]);
    expect((await put({}).expect(400)).body).toMatchObject({ code: 'COMPLIANCE.EMPTY_OBSERVATION', errors: [{ field: 'items', rule: 'required' }] });
    const notAssigned = await bearer('evaluator-2', { tenantId, assignedUnitIds: [unitId] });
    expect((await put({ items: [item] }, notAssigned).expect(409)).body.code).toBe('COMPLIANCE.EVALUATOR_NOT_ASSIGNED');
    const before = await graded();

    const assigned = await bearer('evaluator-1', { tenantId, assignedUnitIds: [unitId] });
    const reply = (await put(OBSERVATION, assigned).expect(200)).body;
    expect(reply.appended).toBe(1);
    // regraded before the reply: the evaluator reads the new grade back at once
    const grade = await compliance();
    // four dimensions (21.85 % × 83.33 + 32.37 + 24.24 % × 85 + 21.54) = 92.7223, × 70 % + 30 % × 70 = 85.9056
    expect(grade).toMatchObject({ total: 85.91, band: { code: 'B', zone: 'hijau' }, label: 'Kualitas Tinggi Tanpa Maladministrasi', complete: true });
    const observationIds = dimension(grade, 'input')?.sourceEventIds ?? [];
    expect(observationIds).toHaveLength(1);
    expect(dimension(grade, 'kepercayaan-masyarakat')).toMatchObject({ score: 70, sourceEventIds: observationIds });
    expect(grade.maladministration).toEqual({ found: false, label: 'Tanpa Maladministrasi', sourceEventIds: observationIds });
    expect((await graded()).slice(before.length).map((g) => [g.total, g.label, g.complete])).toEqual([[85.91, 'Kualitas Tinggi Tanpa Maladministrasi', true]]);

    // the same observation again records nothing, and the grade is not announced again, nor by the consumer reading it back
    expect((await put(OBSERVATION).expect(200)).body.appended).toBe(0);
    await eventually(
      async () =>
        expect((await db.pool.query(`SELECT 1 FROM inbox WHERE consumer = 'evaluation.proposals-lokus' AND event_id = $1`, [observationIds[0]])).rowCount).toBe(
          1,
        ),
      { timeoutMs: 30_000 },
    );
    const operator = await bearer('operator-disdukcapil', { tenantId, unitId });
    await request(app.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/compliance`).set(operator).expect(200);
    const otherOperator = await bearer('operator-disdukcapil', { tenantId, unitId: 'dinkes' });
    await request(app.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/compliance`).set(otherOperator).expect(403);
    expect((await graded()).slice(before.length)).toHaveLength(1);
  });

  it('appends no ComplianceGraded when the source events are delivered again', async () => {
    const before = await graded();
    await redeliverEverything();
    const sentinel = await onRequestTopic(
      { $case: 'requestProcessingStarted', value: { requestId: randomUUID(), startedAt: '2026-03-02T08:00:00Z' } },
      `request-${randomUUID()}`,
      '2026-03-02T08:00:00Z',
    );
    await eventually(
      async () =>
        expect(
          (await db.pool.query(`SELECT 1 FROM inbox WHERE consumer = 'evaluation.proposal-figures-request' AND event_id = $1`, [sentinel.eventId])).rowCount,
        ).toBe(1),
      { timeoutMs: 30_000 },
    );
    expect(await graded()).toEqual(before);
  });

  it('grades the same input under ombudsman-2021 and ombudsman-2022 as a what-if, recording nothing', async () => {
    const stored = await compliance();
    const under2021 = await compliance(app, '?ruleset=ombudsman-2021');
    expect(under2021).toMatchObject({ ruleset: { id: 'ombudsman-2021', version: 1 }, pinnedRuleset: { id: 'ombudsman-2025', version: 1 }, whatIf: true });
    expect(under2021.dimensions.map((d) => [d.code, d.score])).toEqual([['kepatuhan-standar', 100]]);
    expect([under2021.total, under2021.band.code, under2021.label]).toEqual([100, 'hijau', 'Kepatuhan Tinggi']);
    expect(under2021.dimensions[0].sourceEventIds).toEqual(dimension(stored, 'proses')?.sourceEventIds);

    const under2022 = await compliance(app, '?ruleset=ombudsman-2022&version=1');
    expect(under2022).toMatchObject({ ruleset: { id: 'ombudsman-2022', version: 1 }, whatIf: true, total: 92.72, band: { code: 'A', zone: 'hijau' } });
    expect(under2022.dimensions.map((d) => d.code)).toEqual(['input', 'proses', 'output', 'pengaduan']);
    expect(under2022.maladministration).toBeNull();

    expect(
      (await request(app.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/compliance?ruleset=ombudsman-2019`).set(admin).expect(400)).body,
    ).toMatchObject({
      errors: [{ field: 'ruleset' }],
    });
    expect(
      (await request(app.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/compliance?ruleset=ombudsman-2022&version=9`).set(admin).expect(400)).body,
    ).toMatchObject({ errors: [{ field: 'version' }] });
    expect(await compliance()).toEqual(stored);
  });

  it('replays the topics from offset 0 into an empty evaluation database and gets the same grade', async () => {
    const original = await gradesHash(db.pool);
    expect(original.rows).toBe(1);
    const replay = await createTestDatabase([], 'pantau_eval_compliance_replay');
    let replayed: INestApplication | undefined;
    try {
      replayed = await start(replay, `${topicPrefix}replay.`);
      // The cycle and the observations are evaluation's own state, not the topics': recorded again, while the
      // source events replay or after, whichever comes first.
      await openCycle(replayed);
      await request(replayed.getHttpServer()).put(`/cycles/${cycleId}/units/${unitId}/compliance/observations`).set(admin).send(OBSERVATION).expect(200);
      await eventually(async () => expect(await gradesHash(replay.pool)).toEqual(original), { timeoutMs: 60_000 });
    } finally {
      await replayed?.close();
      await replay.drop();
    }
  });
});
