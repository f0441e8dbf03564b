import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type EvaluationEvent, evaluationCodec, topics } from '@lib/contracts';
import { Clock } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { AppModule as EvaluationAppModule } from '../../services/evaluation/src/app.module';
import { EvaluationConfig } from '../../services/evaluation/src/config';
import { evaluationDatabase } from '../../services/evaluation/src/migrations';
import { AppModule as RequestAppModule } from '../../services/request/src/app.module';
import { RequestConfig } from '../../services/request/src/config';
import { requestDatabase } from '../../services/request/src/migrations';
import { AppModule as SurveyAppModule } from '../../services/survey/src/app.module';
import { SurveyConfig } from '../../services/survey/src/config';
import { surveyDatabase } from '../../services/survey/src/migrations';
import { allOrNothing, undoable } from '../support/all-or-nothing';
import { bearer } from '../support/auth';
import { startService } from '../support/service-app';
import { migrateServiceDatabase, type ServiceProcess, startServiceProcess } from '../support/service-process';

/** One indicator's proposal as Bagian Organisasi reads it, without when it was last written (that follows how events were batched). */
interface ProposalFinding {
  indicatorCode: string;
  level: number;
  figures: Record<string, unknown>;
  sourceEventIds: string[];
  [field: string]: unknown;
}

/** One dimension of the compliance grade: its score 0..100, or why it has none, and the events behind it. */
interface DimensionFinding {
  code: string;
  score: number | null;
  contribution: number;
  missing: string | null;
  sourceEventIds: string[];
  [field: string]: unknown;
}

/** The unit's Ombudsman compliance grade as Bagian Organisasi reads it, without when it was last written (that follows how events were batched). */
interface GradeFinding {
  total: number;
  band: { code: string; label: string; zone: string; [field: string]: unknown };
  label: string;
  complete: boolean;
  ceiling: { total: number; band: { code: string; [field: string]: unknown } };
  dimensions: DimensionFinding[];
  maladministration: { found: boolean; label: string; sourceEventIds: string[] } | null;
  [field: string]: unknown;
}

/** What evaluation says about the unit lokus in the cycle, read through its HTTP API; every comparison below compares all of it. */
interface UnitFindings {
  proposals: Record<string, ProposalFinding>;
  grade: GradeFinding;
}

type ProposalChange = Extract<EvaluationEvent, { $case: 'indicatorProposalChanged' }>['value'];
type GradeChange = Extract<EvaluationEvent, { $case: 'complianceGraded' }>['value'];

/** Figures compared as text: jsonb and JSON.stringify order keys differently. */
const figuresText = (figures: unknown): string => JSON.stringify(sortedKeys(figures));

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The grade as a person reads it, as text, without the events behind it: another event behind the
 * same figures (a complaint verified, a request completed) changes no grade. Reads a grade from the
 * HTTP API and one a ComplianceGraded carries alike.
 */
const gradeText = ({ total, band, label, complete, ceiling, dimensions, maladministration }: GradeFinding): string =>
  figuresText({
    total,
    band,
    label,
    complete,
    ceiling,
    dimensions: dimensions.map(({ sourceEventIds: _events, ...dimension }) => dimension),
    maladministration: maladministration && { found: maladministration.found, label: maladministration.label },
  });

/** What the steps below state of a grade: total, band, label, completeness, the ceiling, and each dimension's score or why it has none. */
const gradeSummary = ({ total, band, label, complete, ceiling, dimensions }: GradeFinding) => ({
  total,
  band: `${band.code} ${band.zone}`,
  label,
  complete,
  ceiling: `${ceiling.total} ${ceiling.band.code}`,
  dimensions: Object.fromEntries(dimensions.map((dimension) => [dimension.code, dimension.missing ?? dimension.score])),
});

/**
 * The three services as people use them, through their HTTP APIs only: Bagian Organisasi opens a
 * cycle in evaluation with the unit as a lokus, and its evaluator records what they observed there;
 * the unit's operator publishes its Standar Pelayanan, takes requests at the counter and completes
 * them past their standard time, handles complaints and runs an SKM period that citizens answer
 * through its public form. Evaluation proposes PEKPPP indicator levels from what happened and grades
 * the unit's Ombudsman compliance under the cycle's pinned ruleset. Request and survey run in this
 * process; evaluation runs as a process of its own, from its entrypoint after the migration step, so
 * it can be killed with SIGKILL mid-stream and started again on the same database.
 */
describe('requests, complaints and SKM responses move the proposals and the grade of a unit, once, also across a kill -9 of evaluation', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const cycleId = randomUUID();
  const serviceId = `ktp-el-${randomUUID().slice(0, 8)}`;
  // Topics and consumer groups of this file's own: an uninterrupted evaluation replays the topics from offset 0 at the end.
  const prefix = `e2e-proposals-${randomUUID().slice(0, 8)}.`;
  const kafka = { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_CONSUMER_GROUP_PREFIX: prefix };
  const quiet = { LOG_LEVEL: 'fatal' };
  // Requests come in on Monday 2 March 2026 and are completed two weeks (10 working days) later, past their 5-day standard.
  const SUBMITTED_AT = '2026-03-02T01:00:00.000Z';
  const TWO_WEEKS_LATER = '2026-03-16T02:00:00.000Z';
  const LATER_DAY = TWO_WEEKS_LATER.slice(0, 10);
  const RESPONDENTS = 10;
  const LATE_IN_BATCH = 20;
  const RESOLVED_IN_BATCH = 10;
  /** What an evaluator observed at the unit, which no source event says: two input items scored 0..3, public trust, no maladministration. */
  const OBSERVATION = {
    items: [
      { dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3, note: 'Petugas loket memahami komponen standar pelayanan' },
      { dimension: 'input', itemCode: 'sarana-prasarana', score: 2, note: 'Ruang tunggu tanpa fasilitas difabel' },
    ],
    publicTrust: { score: 70, source: 'Survei kepercayaan masyarakat Ombudsman RI 2026' },
    maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 0, note: 'Tidak ada LAHP' },
  };

  // The grade as ombudsman-2025 v1, which the cycle pins, computes it: the four dimensions weigh 70 %
  // (input 21.85 %, proses 32.37 %, output 24.24 %, pengaduan 21.54 % of it) and public trust 30 %; the
  // total rounded half-up to 2 decimals is A from 88.00, B from 78.00, C from 57.00, D from 37.00, E
  // below. A dimension without data adds nothing: the total is a floor, and the ceiling what it would
  // be had every missing one scored 100.
  const NOTHING_YET = {
    total: 0,
    band: 'E merah',
    label: 'Kualitas Terendah',
    complete: false,
    ceiling: '100 A',
    dimensions: {
      input: 'no-observed-items',
      proses: 'no-service-products',
      output: 'no-skm-result',
      pengaduan: 'no-complaints-received',
      'kepercayaan-masyarakat': 'no-public-trust-figure',
    },
  };
  // input (3 + 2) / (3 × 2) = 83.33: 70 % × 21.85 % × 83.33 + 30 % × 70 = 12.7458 + 21 → 33.75;
  // the ceiling adds 70 % × (32.37 + 24.24 + 21.54) = 54.705 → 88.45
  const OBSERVED = {
    ...NOTHING_YET,
    total: 33.75,
    label: 'Kualitas Terendah Tanpa Maladministrasi',
    ceiling: '88.45 A',
    dimensions: { ...NOTHING_YET.dimensions, input: 83.33, 'kepercayaan-masyarakat': 70 },
  };
  // the 14 components, the six service-delivery ones published: proses 100, + 70 % × 32.37 % × 100 = 22.659 → 56.40
  const STANDARD_PUBLISHED = {
    ...OBSERVED,
    total: 56.4,
    band: 'D merah',
    label: 'Kualitas Rendah Tanpa Maladministrasi',
    dimensions: { ...OBSERVED.dimensions, proses: 100 },
  };
  // a complaint received, not answered nor resolved yet: pengaduan scores 0, no longer missing, so the ceiling loses 15.078 → 73.37
  const COMPLAINT_RECEIVED = { ...STANDARD_PUBLISHED, ceiling: '73.37 C', dimensions: { ...STANDARD_PUBLISHED.dimensions, pengaduan: 0 } };
  // answered within its first-response deadline, half of pengaduan: 50, + 70 % × 21.54 % × 50 = 7.539 → 63.94
  const COMPLAINT_ANSWERED = {
    ...COMPLAINT_RECEIVED,
    total: 63.94,
    band: 'C kuning',
    label: 'Kualitas Sedang Tanpa Maladministrasi',
    ceiling: '80.91 B',
    dimensions: { ...COMPLAINT_RECEIVED.dimensions, pengaduan: 50 },
  };
  // and resolved within its deadline, the other half: 100, + 7.539 → 71.48
  const COMPLAINT_RESOLVED = { ...COMPLAINT_ANSWERED, total: 71.48, ceiling: '88.45 A', dimensions: { ...COMPLAINT_ANSWERED.dimensions, pengaduan: 100 } };
  // every unsur answered 3 and 4 equally often: IKM 3.5 × 25 = 87.5 is output, + 70 % × 24.24 % × 87.5 = 14.847 → 86.33; nothing is missing
  const SKM_CLOSED = {
    ...COMPLAINT_RESOLVED,
    total: 86.33,
    band: 'B hijau',
    label: 'Kualitas Tinggi Tanpa Maladministrasi',
    complete: true,
    ceiling: '86.33 B',
    dimensions: { ...COMPLAINT_RESOLVED.dimensions, output: 87.5 },
  };
  // 10 more complaints answered, not resolved yet: pengaduan 50 × 11/11 + 50 × 1/11 = 54.55, 70 % × 21.54 % × 45.45 = 6.854 less → 79.48
  const DESK_COMPLAINTS_ANSWERED = { ...SKM_CLOSED, total: 79.48, ceiling: '79.48 B', dimensions: { ...SKM_CLOSED.dimensions, pengaduan: 54.55 } };

  let requestDb: TestDatabase;
  let surveyDb: TestDatabase;
  let evaluationDb: TestDatabase;
  let requestApp: INestApplication;
  let surveyApp: INestApplication;
  let evaluation: ServiceProcess;
  let admin: { Authorization: string };
  let operator: { Authorization: string };
  let evaluator: { Authorization: string };
  /** Requests taken at the counter on SUBMITTED_AT, in process since. */
  const waitingRequests: string[] = [];
  /** How long evaluation's findings took to show each single-event step, in ms. */

  const toRequestService = () => request(requestApp.getHttpServer());
  const toSurveyService = () => request(surveyApp.getHttpServer());

  /** Sets a service's clock to `iso`, running on from there. */
  const setClock = (app: INestApplication, iso: string): void => {
    const offset = Date.parse(iso) - Date.now();
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
  };

  /** The unit's findings in the cycle, as the evaluation service at `url` answers them. */
  async function unitFindings(url: string): Promise<UnitFindings> {
    const unit = `/cycles/${cycleId}/units/${unitId}`;
    const [proposals, compliance] = await Promise.all([
      request(url).get(`${unit}/proposals`).set(admin).expect(200),
      request(url).get(`${unit}/compliance`).set(admin).expect(200),
    ]);
    const { updatedAt: _gradedAt, ...grade } = compliance.body as GradeFinding & { updatedAt: string };
    return {
      proposals: Object.fromEntries(
        (proposals.body.proposals as (ProposalFinding & { updatedAt: string })[]).map(({ updatedAt: _writtenAt, ...proposal }) => [
          proposal.indicatorCode,
          proposal,
        ]),
      ),
      grade,
    };
  }

  /** Every IndicatorProposalChanged the evaluation service has stored, in the order it stored them. */
  async function announcements(): Promise<ProposalChange[]> {
    const { rows } = await evaluationDb.pool.query<{ event_type: string; payload: unknown }>(
      `SELECT event_type, payload FROM events WHERE event_type = 'IndicatorProposalChanged' ORDER BY global_position`,
    );
    return rows.flatMap(({ event_type, payload }) => {
      const event = evaluationCodec.fromPayload(event_type, payload);
      return event.$case === 'indicatorProposalChanged' ? [event.value] : [];
    });
  }

  /** Every ComplianceGraded of the unit in the cycle, in the order the evaluation service stored them, with the event that caused it. */
  async function gradings(): Promise<(GradeChange & { causationId: string })[]> {
    const { rows } = await evaluationDb.pool.query<{ event_type: string; payload: unknown; causation_id: string }>(
      `SELECT event_type, payload, metadata ->> 'causationId' AS causation_id FROM events
       WHERE stream_id = $1 AND event_type = 'ComplianceGraded' ORDER BY stream_version`,
      [`compliance-${tenantId}/${cycleId}/${unitId}`],
    );
    return rows.flatMap(({ event_type, payload, causation_id }) => {
      const event = evaluationCodec.fromPayload(event_type, payload);
      return event.$case === 'complianceGraded' ? [{ ...event.value, causationId: causation_id }] : [];
    });
  }

  const storedEventIds = async (db: TestDatabase): Promise<string[]> =>
    (await db.pool.query<{ event_id: string }>(`SELECT event_id FROM events ORDER BY event_id`)).rows.map((row) => row.event_id);
  const inbox = async (consumer: string): Promise<string[]> =>
    (await evaluationDb.pool.query<{ event_id: string }>(`SELECT event_id FROM inbox WHERE consumer = $1 ORDER BY event_id`, [consumer])).rows.map(
      (row) => row.event_id,
    );

  const unitsAwaitingRecompute = async (): Promise<number> =>
    (await evaluationDb.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM findings_dirty_units`)).rows[0].n;

  /**
   * Evaluation's proposal consumers have applied every event the request and survey services have
   * stored so far, each once, the findings of the units they marked are recomputed, and it has read
   * back the observations it recorded (which regrade too).
   */
  async function settled(): Promise<void> {
    await eventually(async () => {
      expect(await inbox('evaluation.proposal-figures-request')).toEqual(await storedEventIds(requestDb));
      expect(await inbox('evaluation.proposal-figures-survey')).toEqual(await storedEventIds(surveyDb));
      const { rows } = await evaluationDb.pool.query<{ event_id: string }>(`SELECT event_id FROM events WHERE event_type = 'ComplianceObservationRecorded'`);
      expect(await inbox('evaluation.proposals-lokus')).toEqual(expect.arrayContaining(rows.map((row) => row.event_id)));
      expect(await unitsAwaitingRecompute()).toBe(0);
    });
  }

  /**
   * A person's action that makes exactly one event: evaluation's findings show what it changed
   * (`expected`), and each indicator whose level or figures it changed is announced exactly once, with
   * what it was and what it became; an indicator it left as it was is not announced. So is the grade:
   * one ComplianceGraded when the action changed it, none when it did not.
   */
  async function singleEventStep(act: () => Promise<unknown>, expected: (findings: UnitFindings) => void): Promise<void> {
    await settled();
    const before = await unitFindings(evaluation.url);
    const announcedBefore = (await announcements()).length;
    const gradedBefore = (await gradings()).length;
    await act();
    // How fast evaluation follows is bench/proposals.bench.ts's measure; here only what it ends with counts.
    await eventually(async () => expected(await unitFindings(evaluation.url)), { timeoutMs: 20_000 });
    await settled();
    const after = await unitFindings(evaluation.url);
    const announced = (await announcements()).slice(announcedBefore);
    const changed = Object.values(after.proposals).filter(
      (now) => now.level !== before.proposals[now.indicatorCode].level || figuresText(now.figures) !== figuresText(before.proposals[now.indicatorCode].figures),
    );
    expect(announced.map((change) => change.indicatorCode).sort()).toEqual(changed.map((now) => now.indicatorCode).sort());
    for (const change of announced) {
      expect({ previousLevel: change.previousLevel, level: change.level, figures: JSON.parse(change.figuresJson) }).toEqual({
        previousLevel: before.proposals[change.indicatorCode].level,
        level: after.proposals[change.indicatorCode].level,
        figures: after.proposals[change.indicatorCode].figures,
      });
    }
    const graded = (await gradings()).slice(gradedBefore);
    const gradeMoved = gradeText(after.grade) !== gradeText(before.grade);
    expect(
      graded.map((change) => ({
        previous: [change.previousTotal, change.previousBandCode],
        now: [change.total, change.bandCode, change.label, change.complete],
        grade: gradeText(JSON.parse(change.gradeJson)),
        sourceEventIds: change.sourceEventIds,
      })),
    ).toEqual(
      gradeMoved
        ? [
            {
              previous: [before.grade.total, before.grade.band.code],
              now: [after.grade.total, after.grade.band.code, after.grade.label, after.grade.complete],
              grade: gradeText(after.grade),
              sourceEventIds: [
                ...new Set([
                  ...after.grade.dimensions.flatMap((dimension) => dimension.sourceEventIds),
                  ...(after.grade.maladministration?.sourceEventIds ?? []),
                ]),
              ].sort(),
            },
          ]
        : [],
    );
  }

  /** People's actions that change no grade, whatever they do to the proposals: it reads as before, and no ComplianceGraded is appended. */
  async function leavesTheGrade(act: () => Promise<unknown>): Promise<void> {
    await settled();
    const before = await unitFindings(evaluation.url);
    const gradedBefore = (await gradings()).length;
    await act();
    await settled();
    expect(gradeText((await unitFindings(evaluation.url)).grade)).toBe(gradeText(before.grade));
    expect(await gradings()).toHaveLength(gradedBefore);
  }

  async function takeRequestAtTheCounter(): Promise<string> {
    const { body } = await toRequestService()
      .post('/requests')
      .set(operator)
      .send({ serviceId, suppliedRequirements: ['KK', 'KTP lama'] })
      .expect(201);
    await toRequestService().post(`/requests/${body.requestId}/start-processing`).set(operator).expect(200);
    return body.requestId;
  }

  const complete = (requestId: string) => toRequestService().post(`/requests/${requestId}/complete`).set(operator).expect(200);

  async function receiveComplaint(channel: 'lapor' | 'in-person'): Promise<string> {
    const { body } = await toRequestService()
      .post('/complaints')
      .set(operator)
      .send({
        unitId,
        channel,
        category: 'grievance',
        ...(channel === 'lapor' ? { laporReference: `LAPOR-${randomUUID().slice(0, 8)}` } : {}),
        subject: 'Antrean KTP-el terlalu lama',
        description: 'Menunggu lebih dari tiga jam di loket.',
        reporter: { name: 'Warga' },
      })
      .expect(201);
    return body.complaintId;
  }

  async function verifyAndAssign(complaintId: string): Promise<void> {
    await toRequestService().post(`/complaints/${complaintId}/verify`).set(operator).send({ outcome: 'verified', note: 'Berkas lengkap' }).expect(200);
    await toRequestService().post(`/complaints/${complaintId}/assign`).set(operator).send({ unitId }).expect(200);
  }

  const respond = (complaintId: string) =>
    toRequestService().post(`/complaints/${complaintId}/respond`).set(operator).send({ response: 'Loket tambahan dibuka pada jam sibuk.' }).expect(200);

  /** A complaint received, verified, assigned to the unit and answered: what is left is resolving it. */
  async function answeredComplaint(channel: 'lapor' | 'in-person'): Promise<string> {
    const complaintId = await receiveComplaint(channel);
    await verifyAndAssign(complaintId);
    await respond(complaintId);
    return complaintId;
  }

  const resolve = (complaintId: string) => toRequestService().post(`/complaints/${complaintId}/resolve`).set(operator).expect(200);

  /** The evaluator assigned to the unit records what they observed there in the evaluation service at `url`. */
  const recordObservation = (url: string) =>
    request(url).put(`/cycles/${cycleId}/units/${unitId}/compliance/observations`).set(evaluator).send(OBSERVATION).expect(200);

  /** Bagian Organisasi opens the cycle in the evaluation service at `url` and makes the unit a lokus of it. */
  async function openCycleWithTheUnitAsLokus(url: string): Promise<void> {
    await request(url)
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
        complianceRulesetId: 'ombudsman-2025',
        complianceRulesetVersion: 1,
      })
      .expect(201);
    await request(url)
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
  }

  /**
   * Moves the committed offsets of evaluation's consumer groups back to the start of their topics, once
   * the killed members have left the groups: every event evaluation had applied is delivered again, as
   * after a crash between a batch's database commit and its offset commit (a kill -9 seldom lands in
   * that window), or after the group's offsets expired while the service was down.
   */
  async function rewindEvaluationConsumers(): Promise<void> {
    const kafkaAdmin = testKafka().admin();
    await kafkaAdmin.connect();
    try {
      const groups = (await kafkaAdmin.listGroups()).groups.map(({ groupId }) => groupId).filter((groupId) => groupId.startsWith(`${prefix}evaluation.`));
      expect(groups).toEqual(expect.arrayContaining([`${prefix}evaluation.proposal-figures-request`, `${prefix}evaluation.proposal-figures-survey`]));
      await eventually(async () => expect((await kafkaAdmin.describeGroups(groups)).groups.map(({ state }) => state)).toEqual(groups.map(() => 'Empty')), {
        timeoutMs: 60_000,
        intervalMs: 500,
      });
      for (const groupId of groups) {
        for (const { topic } of await kafkaAdmin.fetchOffsets({ groupId })) await kafkaAdmin.resetOffsets({ groupId, topic, earliest: true });
      }
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  /** Evaluation's request proposal consumer has committed every partition of the request topic up to its end. */
  async function requestTopicConsumedToTheEnd(): Promise<void> {
    const kafkaAdmin = testKafka().admin();
    await kafkaAdmin.connect();
    try {
      const topic = `${prefix}${topics.request}`;
      const ends = await kafkaAdmin.fetchTopicOffsets(topic);
      const [committed] = await kafkaAdmin.fetchOffsets({ groupId: `${prefix}evaluation.proposal-figures-request`, topics: [topic] });
      const behind = ends.filter(({ partition, low, high }) => high !== low && committed.partitions.find((p) => p.partition === partition)?.offset !== high);
      expect(behind).toEqual([]);
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId });
    operator = await bearer('operator-disdukcapil', { tenantId, unitId });
    evaluator = await bearer('evaluator-1', { tenantId, assignedUnitIds: [unitId] });
    const dropped = (db: TestDatabase): Promise<void> => db.drop();
    [requestDb, surveyDb, evaluationDb] = await allOrNothing([
      undoable(createTestDatabase([], 'pantau_e2e_prop_request'), dropped),
      undoable(createTestDatabase([], 'pantau_e2e_prop_survey'), dropped),
      undoable(createTestDatabase([], 'pantau_e2e_prop_evaluation'), dropped),
    ]);
    const startEvaluation = async (): Promise<ServiceProcess> => {
      await migrateServiceDatabase('evaluation', evaluationDb.url);
      return startServiceProcess('evaluation', evaluationDb.url, kafka);
    };
    const closed = (app: INestApplication): Promise<void> => app.close();
    [requestApp, surveyApp, evaluation] = await allOrNothing([
      undoable(
        startService(
          { name: 'request', configClass: RequestConfig, appModule: RequestAppModule, database: requestDatabase },
          { ...kafka, ...quiet, DATABASE_URL: requestDb.url },
        ),
        closed,
      ),
      undoable(
        startService(
          { name: 'survey', configClass: SurveyConfig, appModule: SurveyAppModule, database: surveyDatabase },
          { ...kafka, ...quiet, DATABASE_URL: surveyDb.url },
        ),
        closed,
      ),
      undoable(startEvaluation(), (child) => child.kill()),
    ]);
    setClock(requestApp, SUBMITTED_AT);
    setClock(surveyApp, TWO_WEEKS_LATER);
    await openCycleWithTheUnitAsLokus(evaluation.url);
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await evaluation?.stop();
    await Promise.all([requestApp?.close(), surveyApp?.close()]);
    await Promise.all([requestDb?.drop(), surveyDb?.drop(), evaluationDb?.drop()]);
  });

  it('proposes every indicator events can evidence, at level 0, and grades the unit with every part missing, once the unit is a lokus', async () => {
    const findings = await eventually(
      async () => {
        const current = await unitFindings(evaluation.url);
        expect(Object.keys(current.proposals)).toHaveLength(10);
        return current;
      },
      { timeoutMs: 30_000 },
    );
    expect(Object.values(findings.proposals).map((proposal) => proposal.level)).toEqual(Array(10).fill(0));
    expect((await announcements()).map((change) => [change.indicatorCode, change.previousLevel])).toEqual(
      Object.keys(findings.proposals).map((code) => [code, -1]),
    );
    expect(findings.grade).toMatchObject({ ruleset: { id: 'ombudsman-2025', version: 1 }, whatIf: false, maladministration: null });
    expect(gradeSummary(findings.grade)).toEqual(NOTHING_YET);
    expect((await gradings()).map((change) => [change.previousTotal, change.previousBandCode, change.total, change.bandCode])).toEqual([[-1, '', 0, 'E']]);
  });

  it('moves the proposals and the grade with each change, with one IndicatorProposalChanged per indicator and one ComplianceGraded per grade it changed', async () => {
    await singleEventStep(
      () => recordObservation(evaluation.url),
      ({ grade }) => {
        expect(gradeSummary(grade)).toEqual(OBSERVED);
        expect(grade.maladministration).toMatchObject({ found: false, label: 'Tanpa Maladministrasi' });
      },
    );

    await singleEventStep(
      () =>
        toRequestService()
          .post('/service-standards')
          .set(operator)
          .send({
            serviceId,
            unitId,
            name: 'Penerbitan KTP-el',
            components: Array.from({ length: 14 }, (_, k) => ({
              number: k + 1,
              content: `Komponen ${k + 1}`,
              publishedOn: k < 6 ? ['sippn', 'website', 'office-board'] : [],
            })),
            completionWorkingDays: 5,
            costRupiah: 0,
            requirements: ['KK', 'KTP lama'],
            product: 'KTP-el',
            effectiveAt: '2026-02-02T08:00:00+08:00',
          })
          .expect(201),
      ({ proposals, grade }) => {
        // all 14 components, in force: "ditetapkan"; the service-delivery components on SIPP Nasional and two more media
        expect(proposals['1.a.Ak'].level).toBe(3);
        expect(proposals['3.a.T'].level).toBe(3);
        expect(gradeSummary(grade)).toEqual(STANDARD_PUBLISHED);
      },
    );

    await leavesTheGrade(async () => {
      for (let k = 0; k < 1 + LATE_IN_BATCH; k++) waitingRequests.push(await takeRequestAtTheCounter());
    });
    setClock(requestApp, TWO_WEEKS_LATER);

    let viaLapor = '';
    await singleEventStep(
      async () => (viaLapor = await receiveComplaint('lapor')),
      ({ proposals, grade }) => {
        expect(proposals['27.e.Ak'].figures).toMatchObject({ received: 1, answered: 0 });
        expect(gradeSummary(grade)).toEqual(COMPLAINT_RECEIVED);
      },
    );
    await leavesTheGrade(() => verifyAndAssign(viaLapor));
    await singleEventStep(
      () => respond(viaLapor),
      ({ proposals, grade }) => {
        expect(proposals['27.e.Ak'].figures).toMatchObject({ received: 1, answered: 1 });
        expect(gradeSummary(grade)).toEqual(COMPLAINT_ANSWERED);
      },
    );
    await singleEventStep(
      () => resolve(viaLapor),
      ({ proposals, grade }) => {
        expect(proposals['28.e.Ak']).toMatchObject({ level: 5, figures: { received: 1, resolved: 1, viaLapor: { received: 1, resolved: 1 } } });
        expect(proposals['27.e.Ak'].figures).toMatchObject({ received: 1, answered: 1 });
        expect(gradeSummary(grade)).toEqual(COMPLAINT_RESOLVED);
      },
    );

    const survey = `/units/${unitId}/skm-surveys/quarter/2026-01-01`;
    // an SKM period counts once it closes with its result, not while it is open and answered
    await leavesTheGrade(async () => {
      const { publicLinkId } = (await toSurveyService().post(survey).set(operator).send({ periodEnd: '2026-03-31' }).expect(201)).body;
      await eventually(() => toSurveyService().get(`/public/skm-surveys/${publicLinkId}`).expect(200));
      for (let k = 0; k < RESPONDENTS; k++) {
        await toSurveyService()
          .post(`/public/skm-surveys/${publicLinkId}/responses`)
          .send({
            answers: Array.from({ length: 9 }, (_, u) => ({ code: `U${u + 1}`, value: 3 + ((k + u) % 2) })),
            respondentToken: `respondent${randomUUID().replace(/-/g, '')}`,
          })
          .expect(201);
      }
    });
    await singleEventStep(
      () => toSurveyService().post(`${survey}/close`).set(operator).expect(200),
      ({ proposals, grade }) => {
        // no population declared and no request completed yet: a population of 0 is never adequately sampled
        expect(proposals['6.a.B']).toMatchObject({
          level: 1,
          figures: { sample: { population: 0, populationUsed: 'completed-requests', responses: RESPONDENTS, adequate: false } },
        });
        expect(gradeSummary(grade)).toEqual(SKM_CLOSED);
      },
    );

    // From here on the steps move proposals only: the grade reads the SKM result, not its sample, publication or follow-ups.
    await singleEventStep(
      () => complete(waitingRequests[0]),
      ({ proposals, grade }) => {
        // one request completed (late) in the period: a population of 1, adequately sampled; the result is not published yet
        expect(proposals['6.a.B']).toMatchObject({
          level: 2,
          figures: { sample: { population: 1, completedRequests: 1, requiredSample: 1, adequate: true } },
        });
        expect(gradeSummary(grade)).toEqual(SKM_CLOSED);
      },
    );

    await singleEventStep(
      () =>
        toSurveyService()
          .post(`${survey}/publication`)
          .set(operator)
          .send({ media: ['office-board', 'website'], publishedOn: LATER_DAY })
          .expect(200),
      ({ proposals, grade }) => {
        expect(proposals['6.a.B'].level).toBe(4);
        expect(proposals['7.a.T']).toMatchObject({ level: 2, figures: { mediaCount: 2 } });
        expect(gradeSummary(grade)).toEqual(SKM_CLOSED);
      },
    );

    await toSurveyService()
      .post(`${survey}/follow-ups`)
      .set(operator)
      .send({ itemId: 'tl-u5', unsurCode: 'U5', action: 'Tambah loket pada jam sibuk', dueDate: '2026-04-30' })
      .expect(201);
    await singleEventStep(
      () =>
        toSurveyService().post(`${survey}/follow-ups/tl-u5/completion`).set(operator).send({ completedOn: LATER_DAY, evidence: 'Foto loket baru' }).expect(200),
      ({ proposals, grade }) => {
        expect(proposals['6.a.B'].level).toBe(5);
        expect(proposals['8.a.Ak']).toMatchObject({ level: 5, figures: { planned: 1, completed: 1 } });
        expect(proposals['9.a.Ak'].level).toBe(5);
        expect(gradeSummary(grade)).toEqual(SKM_CLOSED);
      },
    );
  }, 240_000);

  it('applies source events in flight when evaluation is killed (kill -9) once each, after it restarts', async () => {
    const atTheDesk: string[] = [];
    for (let k = 0; k < RESOLVED_IN_BATCH; k++) atTheDesk.push(await answeredComplaint('in-person'));
    await settled();
    expect(gradeSummary((await unitFindings(evaluation.url)).grade)).toEqual(DESK_COMPLAINTS_ANSWERED);
    const appliedBefore = (await inbox('evaluation.proposal-figures-request')).length;
    const batch = waitingRequests
      .slice(1)
      .flatMap((requestId, k) => [() => complete(requestId), ...(k < atTheDesk.length ? [() => resolve(atTheDesk[k])] : [])]);
    expect(batch).toHaveLength(LATE_IN_BATCH + RESOLVED_IN_BATCH);

    // The first part goes out at once, and evaluation is killed as soon as it has applied the first of
    // them; the rest is sent while it is down.
    const firstPart = Promise.all(batch.slice(0, 10).map((send) => send()));
    await eventually(async () => expect((await inbox('evaluation.proposal-figures-request')).length).toBeGreaterThan(appliedBefore), {
      timeoutMs: 30_000,
      intervalMs: 5,
    });
    expect(await evaluation.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    const appliedBeforeTheKill = new Set(
      (await Promise.all(['evaluation.proposal-figures-request', 'evaluation.proposal-figures-survey', 'evaluation.proposals-lokus'].map(inbox))).flat(),
    );
    const gradedBeforeTheKill = (await gradings()).length;
    const markedAtTheKill = await unitsAwaitingRecompute();
    await firstPart;
    for (const send of batch.slice(10)) await send();
    await rewindEvaluationConsumers();
    evaluation = await startServiceProcess('evaluation', evaluationDb.url, { ...kafka, PORT: String(evaluation.port) });

    // 21 requests completed in the SKM period and 10 responses: Krejcie-Morgan asks 20 of a population of 21
    const final = await eventually(
      async () => {
        const findings = await unitFindings(evaluation.url);
        expect(findings.proposals['6.a.B']).toMatchObject({
          level: 1,
          figures: { sample: { population: 21, completedRequests: 21, requiredSample: 20, responses: RESPONDENTS, adequate: false } },
        });
        expect(findings.proposals['28.e.Ak']).toMatchObject({
          level: 5,
          figures: { received: 11, resolved: 11, resolvedWithinDeadline: 11, viaLapor: { received: 1, resolved: 1 } },
        });
        // every complaint resolved within its deadline again: the grade the SKM result completed
        expect(gradeSummary(findings.grade)).toEqual(SKM_CLOSED);
        return findings;
      },
      { timeoutMs: 90_000 },
    );
    await settled();
    await eventually(requestTopicConsumedToTheEnd, { timeoutMs: 30_000 });
    expect(await unitFindings(evaluation.url)).toEqual(final);
    expect(Object.fromEntries(Object.values(final.proposals).map((proposal) => [proposal.indicatorCode, proposal.level]))).toEqual({
      '1.a.Ak': 3,
      '3.a.T': 3,
      '4.a.K': 0,
      '6.a.B': 1,
      '7.a.T': 2,
      '8.a.Ak': 5,
      '9.a.Ak': 5,
      '26.e.P': 3,
      '27.e.Ak': 1,
      '28.e.Ak': 5,
    });
    expect(final.proposals['26.e.P'].figures).toMatchObject({ receivedByChannel: { 'in-person': 10, web: 0, lapor: 1 } });
    expect(final.proposals['27.e.Ak'].figures).toMatchObject({ received: 11, answered: 11 });
    for (const { sourceEventIds } of Object.values(final.proposals)) expect(new Set(sourceEventIds).size).toBe(sourceEventIds.length);
    const pengaduan = final.grade.dimensions.find((dimension) => dimension.code === 'pengaduan');
    expect(new Set(pengaduan?.sourceEventIds).size).toBe(pengaduan?.sourceEventIds.length);

    // Over the whole run, crash and redelivery included, each indicator was announced only in states it
    // had not been in before, each change following the one before it, the last being what it says now.
    const history = await announcements();
    for (const proposal of Object.values(final.proposals)) {
      const sequence = history.filter((change) => change.indicatorCode === proposal.indicatorCode);
      const states = sequence.map((change) => `${change.level} ${figuresText(JSON.parse(change.figuresJson))}`);
      expect(new Set(states).size).toBe(states.length);
      expect(sequence.map((change) => change.previousLevel)).toEqual([-1, ...sequence.slice(0, -1).map((change) => change.level)]);
      expect(states[states.length - 1]).toBe(`${proposal.level} ${figuresText(proposal.figures)}`);
    }

    // The grade was announced only when it changed, each change following the one before it, the last
    // being what it says now. It may come back to a grade it had before (every new complaint at the desk
    // took it down, each resolution up), so a state may recur, never twice in a row.
    const grades = await gradings();
    expect(grades.map((change) => [change.previousTotal, change.previousBandCode])).toEqual([
      [-1, ''],
      ...grades.slice(0, -1).map((change) => [change.total, change.bandCode]),
    ]);
    const gradeStates = grades.map((change) => gradeText(JSON.parse(change.gradeJson)));
    expect(gradeStates.filter((state, k) => k > 0 && state === gradeStates[k - 1])).toEqual([]);
    expect(gradeStates[gradeStates.length - 1]).toBe(gradeText(final.grade));
    // Since the restart, the redelivery of everything evaluation had applied announced nothing again: a
    // grade caused by an event applied before the kill can only be the recompute the kill interrupted, of
    // the unit still marked when the process died (one unit here, so at most one).
    const sinceTheRestart = grades.slice(gradedBeforeTheKill);
    expect(sinceTheRestart.length).toBeGreaterThan(0);
    const causedBeforeTheKill = sinceTheRestart.filter((change) => appliedBeforeTheKill.has(change.causationId));
    expect(causedBeforeTheKill.length).toBeLessThanOrEqual(markedAtTheKill > 0 ? 1 : 0);
  }, 180_000);

  it('ends where an evaluation that was never interrupted ends, replaying the same topics from the start', async () => {
    const interrupted = await unitFindings(evaluation.url);
    await evaluation.stop();
    const recordedObservation = async (db: TestDatabase): Promise<string> => {
      const { rows } = await db.pool.query<{ event_id: string }>(`SELECT event_id FROM events WHERE event_type = 'ComplianceObservationRecorded'`);
      expect(rows).toHaveLength(1);
      return rows[0].event_id;
    };
    const observedInterrupted = await recordedObservation(evaluationDb);
    const db = await createTestDatabase([], 'pantau_e2e_prop_uninterrupted');
    let uninterrupted: INestApplication | undefined;
    try {
      uninterrupted = await startService(
        { name: 'evaluation', configClass: EvaluationConfig, appModule: EvaluationAppModule, database: evaluationDatabase },
        { ...kafka, ...quiet, KAFKA_CONSUMER_GROUP_PREFIX: `${prefix}uninterrupted.`, DATABASE_URL: db.url },
      );
      await uninterrupted.listen(0, '127.0.0.1');
      const url = await uninterrupted.getUrl();
      // The cycle and the observation are evaluation's own state, not the topics': opened and recorded
      // again, while the source events replay or after; the observation under an event id of its own.
      await openCycleWithTheUnitAsLokus(url);
      await recordObservation(url);
      const observed = await recordedObservation(db);
      await eventually(async () => expect(JSON.parse(JSON.stringify(await unitFindings(url)).replaceAll(observed, observedInterrupted))).toEqual(interrupted), {
        timeoutMs: 60_000,
      });
    } finally {
      await uninterrupted?.close();
      await db.drop();
    }
  }, 120_000);
});
