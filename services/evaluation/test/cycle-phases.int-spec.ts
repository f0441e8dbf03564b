import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { epochDay, localDateAt, localDateOfEpochDay, WIB_OFFSET_MINUTES } from '@lib/kernel';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };

/** The tenant's local date `days` from today (a new tenant is on WIB). */
const day = (days: number): string => localDateOfEpochDay(epochDay(localDateAt(Date.now(), WIB_OFFSET_MINUTES))! + days);

/*
 * A cycle run in phases over HTTP: F-01 filling closed yesterday, F-02 evaluation runs. The unit is refused
 * F-01 naming the phase; the admin reopens it for one unit with a reason; for units that never submitted,
 * the admin lets evaluators score from a field visit, or applies the ruleset's non-submission outcome.
 */
describe('cycle phases over HTTP', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const late = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const visited = `dinkes-${randomUUID().slice(0, 8)}`;
  const absent = `dpmptsp-${randomUUID().slice(0, 8)}`;
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  const phases = [
    { phase: 'f01-filling', start: day(-30), end: day(-1) },
    { phase: 'f03-survey', start: day(-30), end: day(60) },
    { phase: 'f02-evaluation', start: day(-5), end: day(20) },
    { phase: 'revision-appeal', start: day(21), end: day(40) },
    { phase: 'finalisation', start: day(41), end: day(60) },
  ];
  let admin: Headers;
  let operator: Headers;
  let evaluator: Headers;
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const unitPath = (unitId: string, path = '') => `/cycles/${cycleId}/units/${unitId}${path}`;

  beforeAll(async () => {
    [admin, operator, evaluator] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('operator-disdukcapil', { tenantId, unitId: late }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [late, visited, absent] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_phases');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-eval-phases-${randomUUID().slice(0, 8)}.` },
    );
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP bertahap',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: day(-30),
        windowEnd: day(60),
        selfAssessmentDue: day(-1),
        phases,
      })
      .expect(201);
    cycleId = opened.body.cycleId;
    for (const unitId of [late, visited, absent]) {
      await http()
        .put(unitPath(unitId))
        .set(admin)
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
        .expect(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('shows the phases, the current phase and the phase table on the cycle', async () => {
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body.phases).toEqual(
        phases.map((phase) => expect.objectContaining({ ...phase, active: phase.phase === 'f03-survey' || phase.phase === 'f02-evaluation' })),
      );
      expect(body.currentPhase).toBe('f03-survey');
      expect(body.phasesEnforced).toBe(true);
      expect(body.phaseTable).toContainEqual({
        action: 'f02-score',
        roles: ['evaluator', 'admin'],
        phases: ['f02-evaluation', 'revision-appeal'],
        description: 'Penilaian F-02',
      });
      expect(body.units).toHaveLength(3);
    });
  });

  it('refuses F-01 after its phase with a 409 naming the phase and its window in Indonesian', async () => {
    const { body } = await http()
      .put(unitPath(late, '/assessment/draft'))
      .set(operator)
      .send({ answers: [{ indicatorCode: codes[0], score: 4, justification: 'ada SK' }] })
      .expect(409);
    expect(body.code).toBe('CYCLE.OUTSIDE_PHASE');
    expect(body.detail).toContain('hanya dapat dilakukan pada tahap Pengisian F-01');
  });

  it('refuses an override without a reason with a 400 naming reason', async () => {
    const { body } = await http()
      .post(unitPath(late, '/phase-overrides'))
      .set(admin)
      .send({ action: 'f01-fill', until: day(3), reason: '  ' })
      .expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'reason', rule: 'notBlank', message: expect.stringContaining('reason') })]);
    const missing = await http()
      .post(unitPath(late, '/phase-overrides'))
      .set(admin)
      .send({ action: 'f01-fill', until: day(3) })
      .expect(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toContain('reason');
  });

  it('reopens F-01 for one unit for 3 days: the unit fills and submits it, and the cycle shows who, why and until when', async () => {
    await http()
      .post(unitPath(late, '/phase-overrides'))
      .set(admin)
      .send({ action: 'f01-fill', until: day(3), reason: 'Server SKPD rusak pada hari terakhir pengisian' })
      .expect(201);
    await http()
      .put(unitPath(late, '/assessment/draft'))
      .set(operator)
      .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score: 4, justification: 'sudah tersedia' })) })
      .expect(200);
    await http().post(unitPath(late, '/assessment/submit')).set(operator).expect(200);
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      const lokus = body.units.find((unit: { unitId: string }) => unit.unitId === late);
      expect(lokus.phaseOverrides).toEqual([
        {
          action: 'f01-fill',
          until: day(3),
          reason: 'Server SKPD rusak pada hari terakhir pengisian',
          grantedBy: 'dev-admin-orpeg',
          grantedAt: expect.any(String),
          active: true,
        },
      ]);
    });
  });

  it('refuses a non-submission decision for a unit that submitted its F-01', async () => {
    const { body } = await http().post(unitPath(late, '/non-submission')).set(admin).send({ decision: 'field-visit', reason: 'tidak mengisi' }).expect(409);
    expect(body.code).toBe('CYCLE.F01_SUBMITTED');
  });

  it('lets evaluators score a unit that never submitted F-01 from a field visit, and the score says so', async () => {
    const refused = await http()
      .put(unitPath(visited, `/assessment/scores/${codes[0]}`))
      .set(evaluator)
      .send({ score: 3, note: 'hasil verlap' })
      .expect(409);
    expect(refused.body.code).toBe('ASSESSMENT.NOT_SUBMITTED');
    await http()
      .post(unitPath(visited, '/non-submission'))
      .set(admin)
      .send({ decision: 'field-visit', reason: 'Unit tidak mengisi F-01; verifikasi lapangan dijadwalkan' })
      .expect(201);
    await http()
      .put(unitPath(visited, `/assessment/scores/${codes[0]}`))
      .set(evaluator)
      .send({ score: 3, note: 'hasil verlap' })
      .expect(200);
    await eventually(async () => {
      const { body } = await http().get(unitPath(visited, '/score')).set(admin).expect(200);
      expect(body.scoreBasis).toBe('field-visit');
      expect(body.nonSubmission).toMatchObject({ decision: 'field-visit', reason: 'Unit tidak mengisi F-01; verifikasi lapangan dijadwalkan', label: null });
      expect(body.indicators.find((indicator: { indicatorCode: string }) => indicator.indicatorCode === codes[0]).evaluatorScore).toBe(3);
    });
  });

  it("applies the ruleset's non-submission outcome: every indicator 0, marked and provisional", async () => {
    await http()
      .post(unitPath(absent, '/non-submission'))
      .set(admin)
      .send({ decision: 'ruleset-outcome', reason: 'Tidak mengisi F-01 sampai batas waktu' })
      .expect(201);
    await eventually(async () => {
      const { body } = await http().get(unitPath(absent, '/score')).set(admin).expect(200);
      expect(body.scoreBasis).toBe('non-submission-outcome');
      expect(body.nonSubmission).toMatchObject({ decision: 'ruleset-outcome', label: 'Tidak mengisi F-01', indicatorScore: 0, provisional: true });
      expect(body.ipp.evaluator).toBe(0);
      expect(body.complete).toBe(true);
      expect(body.provisionalParts).toContain('nonSubmissionOutcome');
    });
    const again = await http().post(unitPath(absent, '/non-submission')).set(admin).send({ decision: 'field-visit', reason: 'berubah pikiran' }).expect(409);
    expect(again.body.code).toBe('CYCLE.NON_SUBMISSION_DECIDED');
  });

  it('moves a phase before it starts, not once it started', async () => {
    await http()
      .put(`/cycles/${cycleId}/phases/revision-appeal`)
      .set(admin)
      .send({ start: day(22), end: day(40), reason: 'rapat pleno' })
      .expect(200);
    const started = await http()
      .put(`/cycles/${cycleId}/phases/f02-evaluation`)
      .set(admin)
      .send({ start: day(-4), end: day(20) })
      .expect(409);
    expect(started.body.code).toBe('CYCLE.PHASE_STARTED');
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body.phases.find((phase: { phase: string }) => phase.phase === 'revision-appeal')).toMatchObject({ start: day(22), end: day(40) });
    });
  });

  it('refuses to publish before finalisation', async () => {
    const { body } = await http().post(`/cycles/${cycleId}/results`).set(admin).expect(409);
    expect(body.code).toBe('CYCLE.OUTSIDE_PHASE');
    expect(body.detail).toContain('Finalisasi');
  });
});
