import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopic, type EvaluationEvent, type RequestEvent, requestPb, surveyPb, requestCodec } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import type { Delivery } from '@lib/messaging';
import { Pool } from 'pg';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { sourceEnvelope, sourceTopics } from './source-topics';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { evaluationDatabase } from '../src/migrations';
import { RequestProposalFiguresConsumer } from '../src/evaluation/consumers/request-proposal-figures.consumer';

/**
 * Proposals from real source events: the request and survey contexts' events are published on their
 * topics (binary protobuf, envelope in the headers) as their relays would, and evaluation's
 * proposal-figures consumers turn them into proposals for the unit lokus of an open cycle.
 */
describe('indicator proposals from the request and survey topics', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const cycleId = randomUUID();
  const surveyId = randomUUID();
  // Topics of this run's own, read from offset 0 by each service started on them.
  const topicPrefix = `int-eval-proposals-${randomUUID().slice(0, 8)}.`;
  const { requestTopic, onRequestTopic, onSurveyTopic, redeliverEverything } = sourceTopics({ topicPrefix, tenantId, unitId, surveyId });
  let db: TestDatabase;
  let app: INestApplication;
  let admin: { Authorization: string };

  const start = (database: TestDatabase, groupPrefix: string) =>
    startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: database.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix, KAFKA_TOPIC_PREFIX: topicPrefix },
    );

  const proposals = async (): Promise<Record<string, { level: number; figures: Record<string, unknown>; sourceEventIds: string[]; explanation: string }>> => {
    const { body } = await request(app.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/proposals`).set(admin).expect(200);
    return Object.fromEntries(body.proposals.map((p: { indicatorCode: string }) => [p.indicatorCode, p]));
  };

  const changes = async (): Promise<Extract<EvaluationEvent, { $case: 'indicatorProposalChanged' }>['value'][]> => {
    const stored = await app.get<EventStore<EvaluationEvent>>(EventStore).readStream(`proposals-${tenantId}/${cycleId}/${unitId}`);
    return stored.flatMap(({ event }) => (event.$case === 'indicatorProposalChanged' ? [event.value] : []));
  };

  const applied = async (pool: Pool, consumer: string, eventId: string): Promise<boolean> =>
    (await pool.query(`SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2`, [consumer, eventId])).rowCount === 1;

  /** A hash of every proposal of the tenant, all but when each row was written. */
  const proposalsHash = async (pool: Pool): Promise<{ rows: number; hash: string | null }> =>
    (
      await pool.query<{ rows: number; hash: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(concat_ws('|', cycle_id, unit_id, indicator_code, level, rule_id, rule_source, rule_source_reason,
                provisional, provisional_source, figures::text, explanation, array_to_string(source_event_ids, ','), proposal_rules), E'\\n'
                ORDER BY cycle_id, unit_id, indicator_code)) AS hash
         FROM indicator_proposals_v1 WHERE tenant_id = $1`,
        [tenantId],
      )
    ).rows[0];

  /** A hash of every compliance grade of the tenant, all but when each row was written. */
  const gradesHash = async (pool: Pool): Promise<{ rows: number; hash: string | null }> =>
    (
      await pool.query<{ rows: number; hash: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(concat_ws('|', cycle_id, unit_id, ruleset_id, ruleset_version, total, band_code, zone, label, complete,
                grade::text, source_event_ids::text, input::text), E'\\n' ORDER BY cycle_id, unit_id)) AS hash
         FROM compliance_grades_v1 WHERE tenant_id = $1`,
        [tenantId],
      )
    ).rows[0];

  const standard: RequestEvent = {
    $case: 'serviceStandardPublished',
    value: {
      serviceId: `ktp-${randomUUID().slice(0, 8)}`,
      unitId,
      name: 'Penerbitan KTP-el',
      revision: 1,
      components: Array.from({ length: 14 }, (_, k) => ({
        number: k + 1,
        content: `Komponen ${k + 1}`,
        publishedOn: k < 6 ? ['sippn', 'website', 'office-board'] : [],
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
  };

  async function openCycle(service: INestApplication): Promise<void> {
    const http = () => request(service.getHttpServer());
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
      .put(`/cycles/${cycleId}/units/${unitId}`)
      .set(admin)
      .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
      .expect(200);
    await eventually(async () => expect((await http().get(`/cycles/${cycleId}`).set(admin).expect(200)).body.units).toMatchObject([{ unitId }]));
  }

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId });
    db = await createTestDatabase([], 'pantau_eval_proposals');
    app = await start(db, `${topicPrefix}first.`);
    await openCycle(app);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('proposes every indicator events can evidence as soon as the unit is a lokus, and again from its first source event', async () => {
    const atAssignment = await eventually(
      async () => {
        const current = await proposals();
        expect(Object.keys(current)).toEqual(['1.a.Ak', '3.a.T', '4.a.K', '6.a.B', '7.a.T', '8.a.Ak', '9.a.Ak', '26.e.P', '27.e.Ak', '28.e.Ak']);
        return current;
      },
      { timeoutMs: 30_000 },
    );
    expect(Object.values(atAssignment).map((proposal) => proposal.level)).toEqual(Array(10).fill(0));
    const before = await changes();
    expect(before.map((change) => [change.indicatorCode, change.previousLevel])).toEqual(Object.keys(atAssignment).map((code) => [code, -1]));

    const standardEvent = await onRequestTopic(standard, `service-standard-${tenantId}/${standard.value.serviceId}`, '2026-03-02T02:00:00Z');

    // all 14 components, in force since 1 February: "ditetapkan" (level 3; 4..5 need evidence no event holds)
    const first = await eventually(async () => {
      const current = await proposals();
      expect(current['1.a.Ak']).toMatchObject({ level: 3, sourceEventIds: [standardEvent.eventId] });
      return current;
    });
    expect(first['26.e.P']).toMatchObject({ level: 0, sourceEventIds: [] });
    // only the Standar Pelayanan indicators read the event; 4.a.K stays at 0 (never revised) with new figures
    expect((await changes()).slice(before.length).map((change) => [change.indicatorCode, change.previousLevel, change.level])).toEqual([
      ['1.a.Ak', 0, 3],
      ['3.a.T', 0, first['3.a.T'].level],
      ['4.a.K', 0, 0],
    ]);
  });

  it('changes the proposals with the events that change their figures, one IndicatorProposalChanged per change', async () => {
    const before = await changes();
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
      const current = await proposals();
      expect(current['28.e.Ak']).toMatchObject({
        level: 5,
        figures: { received: 1, resolved: 1, viaLapor: { received: 1, resolved: 1, resolvedPercent: 100 } },
      });
      return current;
    });
    expect(after['28.e.Ak'].sourceEventIds).toEqual([received.eventId, resolved.eventId].sort());
    // online only (SP4N-LAPOR!), no desk at the office: a gap in the level text, read as 1
    expect(after['26.e.P'].level).toBe(1);

    const announced = (await changes()).slice(before.length);
    // Whether the two events came in one batch or two, each announcement is a real change of its indicator…
    const byIndicator = new Map<string, typeof announced>();
    for (const change of announced) byIndicator.set(change.indicatorCode, [...(byIndicator.get(change.indicatorCode) ?? []), change]);
    expect([...byIndicator.keys()].sort()).toEqual(['26.e.P', '27.e.Ak', '28.e.Ak']);
    for (const [code, sequence] of byIndicator) {
      const states = [before.filter((c) => c.indicatorCode === code).at(-1), ...sequence].map((c) => `${c?.level} ${c?.figuresJson}`);
      expect(new Set(states).size).toBe(states.length);
      // …and the last one is what the proposal now says.
      const last = sequence[sequence.length - 1];
      expect({ level: last.level, figures: JSON.parse(last.figuresJson) }).toEqual({ level: after[code].level, figures: after[code].figures });
    }
  });

  it('appends nothing when a batch is delivered again', async () => {
    const before = await changes();
    await redeliverEverything();
    // Same unit, same partition: once the event sent after them is in the inbox, the redeliveries before it were handled.
    const sentinel = await onRequestTopic(
      { $case: 'requestProcessingStarted', value: { requestId: randomUUID(), startedAt: '2026-03-02T06:00:00Z' } },
      `request-${randomUUID()}`,
      '2026-03-02T06:00:00Z',
    );
    await eventually(async () => expect(await applied(db.pool, 'evaluation.proposal-figures-request', sentinel.eventId)).toBe(true), { timeoutMs: 30_000 });
    expect(await changes()).toEqual(before);
  });

  it('proposes the SKM indicators from the survey topic: sample on the declared population, publication and follow-up', async () => {
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
    await onSurveyTopic(
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
    await onSurveyTopic(
      { $case: 'skmResultPublished', value: { surveyId, media: ['office-board', 'website'], publishedOn: '2026-03-02' } },
      '2026-03-02T07:20:00Z',
    );
    await onSurveyTopic(
      {
        $case: 'followUpPlanned',
        value: { surveyId, itemId: 'rtl-1', unsurCode: 'U5', action: 'Tambah loket', dueDate: '2026-06-30', plannedAt: '2026-03-02T07:30:00Z' },
      },
      '2026-03-02T07:30:00Z',
    );
    await onSurveyTopic(
      { $case: 'followUpCompleted', value: { surveyId, itemId: 'rtl-1', completedOn: '2026-03-02', evidence: 'foto loket' } },
      '2026-03-02T07:40:00Z',
    );

    const current = await eventually(
      async () => {
        const now = await proposals();
        expect(now['6.a.B']).toMatchObject({
          level: 5,
          figures: {
            sample: {
              population: 100,
              populationUsed: 'declared',
              declaredSource: 'Data pemohon SIAK 2026 triwulan I',
              declaredOn: '2026-01-05',
              requiredSample: 80,
              adequate: true,
            },
          },
        });
        return now;
      },
      { timeoutMs: 30_000 },
    );
    expect(current['7.a.T']).toMatchObject({ level: 2, figures: { mediaCount: 2 } });
    expect(current['8.a.Ak']).toMatchObject({ level: 5, figures: { planned: 1, completed: 1 } });
    expect(current['9.a.Ak']).toMatchObject({ level: 5 });
  });

  it('shows request SLA compliance per service beside the proposals, with the breaches', async () => {
    const serviceId = standard.value.serviceId;
    const submit = (requestId: string) =>
      onRequestTopic(
        {
          $case: 'requestSubmitted',
          value: {
            requestId,
            serviceId,
            unitId,
            trackingCode: '',
            standardRevision: 1,
            completionWorkingDays: 5,
            dueDate: '2026-03-09',
            submittedAt: '2026-03-02T02:00:00Z',
            requirements: [],
            calendarId: 'id-national@2026-1',
            dueDateProvisional: false,
          },
        },
        `request-${requestId}`,
        '2026-03-02T02:00:00Z',
      );
    const complete = (requestId: string, completedOn: string, metStandard: boolean) =>
      onRequestTopic(
        {
          $case: 'requestCompleted',
          value: {
            requestId,
            completedAt: `${completedOn}T03:00:00Z`,
            elapsedWorkingDays: metStandard ? 3 : 8,
            metStandard,
            trackingCode: '',
            serviceId,
            completedOn,
            calendarId: 'id-national@2026-1',
          },
        },
        `request-${requestId}`,
        `${completedOn}T03:00:00Z`,
      );
    const [onTime, late] = [randomUUID(), randomUUID()];
    await submit(onTime);
    await submit(late);
    const onTimeDone = await complete(onTime, '2026-03-05', true);
    const breach = await onRequestTopic(
      { $case: 'requestSlaBreached', value: { requestId: late, dueDate: '2026-03-09', detectedAt: '2026-03-10T00:05:00Z' } },
      `request-${late}`,
      '2026-03-10T00:05:00Z',
    );
    const lateDone = await complete(late, '2026-03-12', false);

    const sla = await eventually(
      async () => {
        const { body } = await request(app.getHttpServer()).get(`/cycles/${cycleId}/units/${unitId}/proposals`).set(admin).expect(200);
        expect(body.requestSla).toEqual([
          expect.objectContaining({ serviceId, name: 'Penerbitan KTP-el', completed: 2, completedOnTime: 1, onTimePercent: 50 }),
        ]);
        return body.requestSla[0];
      },
      { timeoutMs: 30_000 },
    );
    expect(sla.breaches).toEqual([{ requestId: late, serviceId, dueDate: '2026-03-09', detectedOn: '2026-03-10', eventId: breach.eventId }]);
    expect(sla.sourceEventIds).toEqual([onTimeDone.eventId, breach.eventId, lateDone.eventId].sort());
  });

  it('marks for recompute the unit a complaint was reassigned away from, within a batch and across batches', async () => {
    const consumer = app.get(RequestProposalFiguresConsumer);
    const [first, second, third] = ['first', 'second', 'third'].map((name) => `unit-${name}-${randomUUID().slice(0, 8)}`);
    const complaintId = randomUUID();
    const delivery = (event: RequestEvent, unit: string): Delivery<RequestEvent> => ({
      event,
      envelope: sourceEnvelope({
        eventType: requestCodec.typeOf(event),
        streamId: `complaint-${complaintId}`,
        occurredAt: '2026-03-02T03:00:00Z',
        tenantId,
        unitId: unit,
      }),
      topic: requestTopic,
      partition: 0,
      offset: '0',
    });
    const assigned = (unit: string) => delivery({ $case: 'complaintAssigned', value: { complaintId, unitId: unit, assignedAt: '2026-03-02T03:00:00Z' } }, unit);
    const received = delivery(
      {
        $case: 'complaintReceived',
        value: {
          complaintId,
          unitId: first,
          channel: requestPb.ComplaintChannel.COMPLAINT_CHANNEL_WEB,
          category: requestPb.ComplaintCategory.COMPLAINT_CATEGORY_GRIEVANCE,
          laporReference: '',
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
      first,
    );
    const tx = await app.get(Pool).connect();
    // One transaction holding two batches, rolled back: the service's consumers and worker never see these units.
    const batch = async (deliveries: Delivery<RequestEvent>[]): Promise<string[]> => {
      await tx.query(`DELETE FROM findings_dirty_units WHERE tenant_id = $1`, [tenantId]);
      await consumer.beforeApply(deliveries, tx);
      for (const one of deliveries) await consumer.apply(one, tx);
      await consumer.afterApply(deliveries, tx);
      const { rows } = await tx.query<{ unit_id: string }>(`SELECT unit_id FROM findings_dirty_units WHERE tenant_id = $1 ORDER BY unit_id`, [tenantId]);
      return rows.map((row) => row.unit_id);
    };
    try {
      await tx.query('BEGIN');
      expect(await batch([received])).toEqual([first]);
      // `first` is no unit of this batch's events: only the row as stored names it
      expect(await batch([assigned(second), assigned(third)])).toEqual([first, second, third].sort());
      expect(await batch([assigned(first)])).toEqual([first, third].sort());
      const { rows } = await tx.query(`SELECT unit_id, event_ids FROM proposal_complaints_v1 WHERE tenant_id = $1 AND complaint_id = $2`, [
        tenantId,
        complaintId,
      ]);
      expect(rows).toEqual([{ unit_id: first, event_ids: [received.envelope.eventId, expect.any(String), expect.any(String), expect.any(String)] }]);
    } finally {
      await tx.query('ROLLBACK');
      tx.release();
    }
  });

  it('dead-letters a source event that names no unit, with the reason', async () => {
    const orphan = await onRequestTopic(
      { $case: 'complaintResponded', value: { complaintId: randomUUID(), response: '', respondedAt: '2026-03-02T08:00:00Z' } },
      `complaint-${randomUUID()}`,
      '2026-03-02T08:00:00Z',
      '',
    );
    const dead = await readTopic(testKafka(), deadLetterTopic(requestTopic), (read) =>
      read.some((m) => m.headers['event-id'] === orphan.eventId && m.headers['dlq-consumer'] === 'evaluation.proposal-figures-request'),
    );
    const letter = dead.find((m) => m.headers['event-id'] === orphan.eventId && m.headers['dlq-consumer'] === 'evaluation.proposal-figures-request');
    expect(letter?.headers['dlq-reason']).toBe('DOMAIN_REFUSAL');
    expect(letter?.headers['dlq-error']).toContain('PROPOSAL.UNMAPPABLE_EVENT');
  });

  it('replays the topics from offset 0 into an empty evaluation database and gets the same proposals and compliance grade', async () => {
    const original = await proposalsHash(db.pool);
    expect(original.rows).toBe(10);
    const originalGrades = await gradesHash(db.pool);
    expect(originalGrades.rows).toBe(1);
    const replay = await createTestDatabase([], 'pantau_eval_proposals_replay');
    let replayed: INestApplication | undefined;
    try {
      replayed = await start(replay, `${topicPrefix}replay.`);
      // The cycle is evaluation's own state, not the topics': opened again, while the source events replay or after,
      // whichever comes first (a unit becoming a lokus is proposed for from the figures already kept).
      await openCycle(replayed);

      await eventually(async () => expect(await proposalsHash(replay.pool)).toEqual(original), { timeoutMs: 60_000 });
      await eventually(async () => expect(await gradesHash(replay.pool)).toEqual(originalGrades), { timeoutMs: 60_000 });
    } finally {
      await replayed?.close();
      await replay.drop();
    }
  });
});
