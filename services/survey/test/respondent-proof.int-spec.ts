import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { publishForeignEvent } from '../../../test/support/foreign-events';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { SubmissionRetention } from '../src/survey/commands/submission-retention.task';
import { surveyDatabase } from '../src/migrations';
import { announceCycle, openWhenSeen } from './pekppp-cycles';

// Issue 19 (H-1, M-3): a response counts only with a proof the respondent was served, each proof once.
describe('respondent proofs: F-03 and SKM responses count only with a proof used once, and bursts show before closing', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dukcapil-${randomUUID().slice(0, 8)}`;
  const otherUnitId = `dinkes-${randomUUID().slice(0, 8)}`;
  let admin: { Authorization: string };
  let operator: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;

  const http = () => request(app.getHttpServer());
  const f03Items = (score: number) => Array.from({ length: 14 }, (_, i) => ({ item: i + 1, score }));
  const skmAnswers = (value: number) => Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value }));
  /** Opens the unit's collection in a new cycle whose ruleset sets this F-03 quota. */
  const openF03 = async (quota = { minimum: 1, maximum: 2 }): Promise<string> => {
    const cycleId = `pekppp-${randomUUID().slice(0, 8)}`;
    await announceCycle(tenantId, cycleId, [unitId], { ...quota, provisional: true });
    await openWhenSeen(() => http().post(`/f03-collections/${cycleId}/${unitId}`).set(admin).send({}));
    return cycleId;
  };
  const respondF03 = (cycleId: string, body: object, userAgent = 'Mozilla/5.0 (Linux; Android 13)') =>
    http().post(`/public/tenants/${tenantId}/f03/${cycleId}/${unitId}/responses`).set('User-Agent', userAgent).send(body);
  const issueCodes = async (cycleId: string, count: number): Promise<string[]> => {
    const issued = await http().post(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(admin).send({ count }).expect(201);
    return issued.body.codes as string[];
  };
  const storedAnywhere = async (secret: string): Promise<string[]> => {
    // every text column of every table of the service's database
    const { rows } = await db.pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'character varying')`,
    );
    const found: string[] = [];
    for (const { table_name, column_name } of rows) {
      const hit = await db.pool.query(`SELECT 1 FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1 LIMIT 1`, [`%${secret}%`]);
      if (hit.rows.length > 0) found.push(`${table_name}.${column_name}`);
    }
    return found;
  };
  const completeRequest = async (forUnit: string): Promise<string> => {
    const trackingCode = `PTN-${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
    const event: RequestEvent = {
      $case: 'requestCompleted',
      value: {
        requestId: randomUUID(),
        completedAt: '2026-11-20T03:00:00.000Z',
        completedOn: '2026-11-20',
        calendarId: 'id-national@2026-1',
        elapsedWorkingDays: 2,
        metStandard: true,
        trackingCode,
        serviceId: 'ktp',
      },
    };
    await publishForeignEvent(topics.request, requestCodec, event, {
      tenantId,
      unitId: forUnit,
      streamId: `request-${event.value.requestId}`,
      streamVersion: 4,
      occurredAt: event.value.completedAt,
    });
    await eventually(
      async () => {
        const { rows } = await db.pool.query(`SELECT 1 FROM completed_requests_v1 WHERE tracking_code = $1`, [trackingCode]);
        expect(rows).toHaveLength(1);
      },
      { timeoutMs: 30_000 },
    );
    return trackingCode;
  };
  const eventsOf = async (type: string): Promise<Record<string, unknown>[]> => {
    const { rows } = await db.pool.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM events WHERE event_type = $1 ORDER BY global_position`, [
      type,
    ]);
    return rows.map((row) => row.payload);
  };

  beforeAll(async () => {
    [admin, operator] = await Promise.all([bearer('admin-orpeg', { tenantId }), bearer('operator-disdukcapil', { tenantId, unitId })]);
    db = await createTestDatabase([], 'pantau_survey');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `survey-proof-${randomUUID().slice(0, 8)}.`,
        SURVEY_BURST_WINDOW_MINUTES: '10',
        SURVEY_BURST_MAX_RESPONSES: '3',
        SURVEY_BURST_MAX_PER_DEVICE: '2',
        SURVEY_SUBMISSION_RETENTION_DAYS: '30',
      },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('F-03', () => {
    it('records responses without a proof apart: they never fill the quota nor count in the score', async () => {
      const cycleId = await openF03({ minimum: 1, maximum: 2 });
      // other answers each time: the same answers resent from one device are refused as a resend
      for (const score of [5, 4, 3]) await respondF03(cycleId, { items: f03Items(score) }).expect(201);
      const [code] = await issueCodes(cycleId, 1);
      await respondF03(cycleId, { items: f03Items(2), proof: code }).expect(201);

      const report = await http().get(`/f03-collections/${cycleId}/${unitId}`).set(admin).expect(200);
      expect(report.body).toMatchObject({ respondents: 1, unverifiedRespondents: 3, score: 2, quota: { met: true } });

      await http().post(`/f03-collections/${cycleId}/${unitId}/close`).set(admin).expect(200);
      const closed = (await eventsOf('F03Closed')).find((e) => e.cycleId === cycleId);
      expect(closed).toMatchObject({ respondents: 1, score: 2, unverifiedRespondents: 3 });
    });

    it('issues one-time codes to the admin only, shown once, stored only as keyed hashes, each usable once', async () => {
      const cycleId = await openF03();
      const forbidden = await http().post(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(operator).send({ count: 2 }).expect(403);
      expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
      const tooMany = await http().post(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(admin).send({ count: 0 }).expect(400);
      expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'count' })]);

      const codes = await issueCodes(cycleId, 3);
      expect(new Set(codes).size).toBe(3);
      expect(await http().get(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(admin).expect(200)).toMatchObject({
        body: { issued: 3, used: 0 },
      });

      // typed by hand: lower case, without the dash
      await respondF03(cycleId, { items: f03Items(4), proof: codes[0].replace('-', '').toLowerCase() }).expect(201);
      const reused = await respondF03(cycleId, { items: f03Items(4), proof: codes[0] }).expect(409);
      expect(reused.body).toMatchObject({ code: 'F03.PROOF_USED', title: expect.stringContaining('sudah') });
      const invalid = await respondF03(cycleId, { items: f03Items(4), proof: 'ZZZZZ-ZZZZZ' }).expect(409);
      expect(invalid.body.code).toBe('F03.PROOF_INVALID');
      // a code of another collection is no proof here
      const elsewhere = await issueCodes(await openF03(), 1);
      expect((await respondF03(cycleId, { items: f03Items(4), proof: elsewhere[0] }).expect(409)).body.code).toBe('F03.PROOF_INVALID');

      expect(await http().get(`/f03-collections/${cycleId}/${unitId}/proof-codes`).set(admin).expect(200)).toMatchObject({
        body: { issued: 3, used: 1 },
      });
      const recorded = (await eventsOf('F03ResponseRecorded')).filter((e) => e.cycleId === cycleId);
      expect(recorded).toEqual([expect.objectContaining({ verified: true, proofKind: 'one-time-code' })]);
      for (const code of codes) expect(await storedAnywhere(code.replace('-', ''))).toEqual([]);
    });

    it('counts one of several concurrent responses with the same code', async () => {
      const cycleId = await openF03({ minimum: 1, maximum: 20 });
      const [code] = await issueCodes(cycleId, 1);
      const answers = await Promise.all(Array.from({ length: 5 }, () => respondF03(cycleId, { items: f03Items(5), proof: code })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
      const report = await http().get(`/f03-collections/${cycleId}/${unitId}`).set(admin).expect(200);
      expect(report.body).toMatchObject({ respondents: 1, unverifiedRespondents: 0 });
    });

    it("accepts a completed request's tracking code of this unit once, and never stores it in clear", async () => {
      const cycleId = await openF03();
      const [own, neighbours] = await Promise.all([completeRequest(unitId), completeRequest(otherUnitId)]);
      await respondF03(cycleId, { items: f03Items(3), proof: own }).expect(201);
      expect((await respondF03(cycleId, { items: f03Items(3), proof: own }).expect(409)).body.code).toBe('F03.PROOF_USED');
      expect((await respondF03(cycleId, { items: f03Items(3), proof: neighbours }).expect(409)).body.code).toBe('F03.PROOF_INVALID');

      const recorded = (await eventsOf('F03ResponseRecorded')).filter((e) => e.cycleId === cycleId);
      expect(recorded).toEqual([expect.objectContaining({ verified: true, proofKind: 'completed-request' })]);
      expect((await storedAnywhere(own)).filter((where) => !where.startsWith('completed_requests_v1.'))).toEqual([]);
    });

    it('shows submissions per time window before closing, flags a burst and a repeating device, and keeps no fingerprint in the log', async () => {
      const cycleId = await openF03({ minimum: 1, maximum: 20 });
      // a stuffer varies its answers: the same answers resent from one device are refused as a resend
      for (const score of [5, 4, 3, 2]) await respondF03(cycleId, { items: f03Items(score) }, 'stuffer/1.0').expect(201);
      await respondF03(cycleId, { items: f03Items(4) }, 'Mozilla/5.0 (iPhone)').expect(201);

      const forbidden = await http().get(`/f03-collections/${cycleId}/${unitId}/submissions`).set(operator).expect(403);
      expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
      const view = await http().get(`/f03-collections/${cycleId}/${unitId}/submissions`).set(admin).expect(200);
      expect(view.body).toMatchObject({ windowMinutes: 10, maxResponsesPerWindow: 3, maxResponsesPerDevice: 2, retentionDays: 30, responses: 5 });
      // five responses within seconds: one window, or two when they straddle a window's edge
      expect(view.body.bursts).toBeGreaterThanOrEqual(1);
      expect(view.body.windows.map((w: { unverified: number }) => w.unverified).reduce((a: number, b: number) => a + b)).toBe(5);
      expect(Math.max(...view.body.windows.map((w: { peak: number }) => w.peak))).toBe(5);
      expect(view.body.devices).toEqual([expect.objectContaining({ responses: 4, flagged: true }), expect.objectContaining({ responses: 1, flagged: false })]);

      const { rows } = await db.pool.query<{ fingerprint: string }>(`SELECT DISTINCT fingerprint FROM survey_submissions_v1 WHERE scope LIKE $1`, [
        `%${cycleId}%`,
      ]);
      expect(rows).toHaveLength(2);
      for (const { fingerprint } of rows) expect(await storedAnywhere(fingerprint)).toEqual(['survey_submissions_v1.fingerprint']);
    });
  });

  describe('SKM', () => {
    let publicLinkId: string;
    const surveyPath = () => `/units/${unitId}/skm-surveys/quarter/2026-10-01`;
    const respondSkm = (body: object, userAgent = 'Mozilla/5.0 (Linux; Android 13)') =>
      http().post(`/public/skm-surveys/${publicLinkId}/responses`).set('User-Agent', userAgent).send(body);

    beforeAll(async () => {
      const opened = await http().post(surveyPath()).set(operator).send({ periodEnd: '2026-12-31' }).expect(201);
      publicLinkId = opened.body.publicLinkId;
      await eventually(async () => {
        await http().get(`/public/skm-surveys/${publicLinkId}`).expect(200);
      });
    });

    it('counts a cited request once even when posted concurrently, and keeps its tracking code out of the event log', async () => {
      const trackingCode = await completeRequest(unitId);
      const answers = await Promise.all(
        Array.from({ length: 4 }, (_, i) => respondSkm({ answers: skmAnswers(4), trackingCode, respondentToken: `token-${i}-${randomUUID()}` })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      expect(answers.find((a) => a.status === 409)?.body.code).toBe('SURVEY.DUPLICATE_REQUEST_RESPONSE');

      const recorded = await eventsOf('SkmResponseRecorded');
      expect(recorded).toEqual([expect.objectContaining({ verifiedUser: true })]);
      expect(recorded[0].requestTrackingCode ?? '').toBe('');
      expect(recorded[0].submissionFingerprint ?? '').toBe('');
      expect((await storedAnywhere(trackingCode)).filter((where) => !where.startsWith('completed_requests_v1.'))).toEqual([]);
    });

    it('accepts responses without a proof as anonymous and shows them apart, in the result and in the listing', async () => {
      await respondSkm({ answers: skmAnswers(1), respondentToken: `anon-1-${randomUUID()}` }).expect(201);
      await respondSkm({ answers: skmAnswers(1), respondentToken: `anon-2-${randomUUID()}` }).expect(201);
      const result = await eventually(async () => {
        const response = await http().get(`${surveyPath()}/result`).set(operator).expect(200);
        expect(response.body.result.respondents).toBe(3);
        return response.body;
      });
      expect(result).toMatchObject({ verifiedRespondents: 1, anonymousRespondents: 2 });
      const listing = await http().get(`/units/${unitId}/skm-surveys`).set(operator).expect(200);
      expect(listing.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ periodStart: '2026-10-01', verifiedRespondents: 1, anonymousRespondents: 2 })]),
      );
    });

    it('shows SKM submissions per time window to the unit with bursts flagged, and purges them after the retention', async () => {
      for (let i = 0; i < 3; i++) await respondSkm({ answers: skmAnswers(2), respondentToken: `kiosk-${i}-${randomUUID()}` }, 'stuffer/2.0').expect(201);
      const view = await http().get(`${surveyPath()}/submissions`).set(operator).expect(200);
      expect(view.body).toMatchObject({ responses: 6 });
      expect(view.body.bursts).toBeGreaterThanOrEqual(1);
      expect(view.body.windows.map((w: { verified: number }) => w.verified).reduce((a: number, b: number) => a + b)).toBe(1);
      expect(view.body.devices[0]).toMatchObject({ responses: 3, flagged: true });

      await db.pool.query(`UPDATE survey_submissions_v1 SET submitted_at = submitted_at - interval '31 days' WHERE scope LIKE 'survey-%'`);
      expect(await app.get(SubmissionRetention).purgeOnce()).toBeGreaterThanOrEqual(6);
      const purged = await http().get(`${surveyPath()}/submissions`).set(operator).expect(200);
      expect(purged.body).toMatchObject({ windows: [], devices: [], bursts: 0 });
    });
  });
});
