import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { fraction } from '@lib/kernel';
import { eventCommandMeta } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { RecordUserScoreCommand } from '../src/evaluation/commands/record-user-score.command';
import { resultsLock } from '../src/evaluation/commands/stream-state';
import { cycleStream, scoredIndicators, pekppp2023 } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

describe('commands that write a cycle wait for an F-01/F-02 command that checked the cycle under the results lock', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const [unitA, unitB] = [`dpmptsp-${randomUUID().slice(0, 8)}`, `dinkes-${randomUUID().slice(0, 8)}`];
  let admin: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const cycleVersion = async () =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [cycleStream(tenantId, cycleId)])).rows[0].n;

  /**
   * Holds the results lock as an F-01/F-02 command does between its check that the cycle is unchanged
   * and its commit, runs `write`, and proves it waits for that commit before the cycle moves.
   */
  const whileAnAssessmentCommits = async (write: () => Promise<unknown>) => {
    const assessment = await db.pool.connect();
    try {
      await assessment.query('BEGIN');
      await assessment.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [`guard:${resultsLock(tenantId, cycleId)}`]);
      const before = await cycleVersion();
      const writing = Promise.resolve(write()); // supertest sends a request only once it is awaited
      await eventually(async () => {
        const { rows } = await db.pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        expect(rows[0].waiting).toBe(1);
      });
      expect(await cycleVersion()).toBe(before);
      await assessment.query('COMMIT');
      await writing;
      expect(await cycleVersion()).toBe(before + 1);
    } finally {
      assessment.release();
    }
  };

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId });
    db = await createTestDatabase([], 'pantau_eval_writers');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-writers-${randomUUID().slice(0, 8)}.` },
    );
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP writers',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    cycleId = opened.body.cycleId;
    await http()
      .put(`/cycles/${cycleId}/units/${unitA}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('assigns a unit lokus', async () => {
    await whileAnAssessmentCommits(() =>
      http()
        .put(`/cycles/${cycleId}/units/${unitB}`)
        .set(admin)
        .send({ evaluatorIds: ['dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-2' })
        .expect(200),
    );
  });

  it("records a unit's F-03 user score", async () => {
    const f03Closed = { eventId: randomUUID(), tenantId, correlationId: randomUUID() };
    await whileAnAssessmentCommits(() =>
      app
        .get(CommandBus)
        .execute(
          new RecordUserScoreCommand(
            cycleId,
            unitA,
            { score: fraction(21, 5), respondents: 60, quotaMet: true },
            f03Closed.eventId,
            eventCommandMeta('evaluation.f03-closed', f03Closed, unitA),
          ),
        ),
    );
  });

  it('corrects a published result', async () => {
    await http().post(`/cycles/${cycleId}/results`).set(admin).expect(201);
    const scores = scoredIndicators(pekppp2023).map(({ code }) => ({ indicatorCode: code, score: 4 }));
    await whileAnAssessmentCommits(() =>
      http().post(`/cycles/${cycleId}/units/${unitA}/result-corrections`).set(admin).send({ reason: 'keberatan unit diterima', scores }).expect(201),
    );
  });
});
