import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ERASED_MARKER, PersonalDataKeys, type SealedText } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { SurveyConfig } from '../src/config';
import { surveyDatabase } from '../src/migrations';
import { SkmTextRetention } from '../src/survey/commands/skm-text-retention.task';

/** An SKM response's suggestion and profile (UU PDP 27/2022): sealed per response, erased when their retention ends. */
describe('personal data of SKM responses', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `dpmptsp-${randomUUID().slice(0, 8)}`;
  const surveyPath = `/units/${unitId}/skm-surveys/quarter/2026-07-01`;
  let db: TestDatabase;
  let app: INestApplication;
  let now: Date;
  const http = () => request(app.getHttpServer());
  const answers = Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value: 3 }));

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_skm_pdp');
    app = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: AppModule, database: surveyDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `skm-pdp-${randomUUID().slice(0, 8)}.`,
        SKM_TEXT_RETENTION_DAYS: '365',
      },
    );
    now = new Date('2026-08-03T02:00:00.000Z');
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('stores the suggestion and profile sealed under the response’s key, and erases them a retention period after the survey closed', async () => {
    const staff = await bearer('operator-disdukcapil', { tenantId, unitId });
    const opened = await http().post(surveyPath).set(staff).send({ periodEnd: '2026-09-30' }).expect(201);
    await eventually(() => http().get(`/public/skm-surveys/${opened.body.publicLinkId}`).expect(200));
    const profile = { ageBand: '25-34', sex: 'P', education: 'S1', occupation: 'Guru SD Negeri 3' };
    const recorded = await http()
      .post(`/public/skm-surveys/${opened.body.publicLinkId}/responses`)
      .send({ answers, profile, suggestion: 'Petugas Budi di loket 2 kasar kepada saya' })
      .expect(201);
    const { responseId } = recorded.body;

    const stored = async () =>
      (
        await db.pool.query<{ payload: string }>(
          `SELECT payload::text AS payload FROM events WHERE event_type = 'SkmResponseRecorded' AND payload->>'responseId' = $1`,
          [responseId],
        )
      ).rows[0].payload;
    const before = await stored();
    expect(before).not.toMatch(/Budi|loket|Guru|25-34/);
    const payload = JSON.parse(before) as { suggestion?: string; profile?: unknown; sealedSuggestion: SealedText; sealedProfile: SealedText };
    expect(payload).toMatchObject({ sealedSuggestion: { subject: responseId }, sealedProfile: { subject: responseId } });
    expect(payload.profile).toBeUndefined();
    const keys = app.get(PersonalDataKeys);
    const open = await keys.openerFor([responseId]);
    expect(open(payload.sealedSuggestion)).toBe('Petugas Budi di loket 2 kasar kepada saya');
    expect(JSON.parse(open(payload.sealedProfile))).toEqual(profile);

    await http().post(`${surveyPath}/close`).set(staff).expect(200);
    await eventually(async () =>
      expect((await db.pool.query(`SELECT closed_at FROM skm_surveys_v1 WHERE unit_id = $1`, [unitId])).rows[0]?.closed_at).not.toBeNull(),
    );
    const retention = app.get(SkmTextRetention);
    now = new Date('2027-07-01T02:00:00.000Z'); // 332 days after closing
    expect(await retention.sweepOnce()).toBe(0);
    now = new Date('2027-08-05T02:00:00.000Z'); // 367 days after closing
    expect(await retention.sweepOnce()).toBe(1);
    expect(await retention.sweepOnce()).toBe(0);

    expect((await keys.openerFor([responseId]))(payload.sealedSuggestion)).toBe(ERASED_MARKER);
    expect(await stored()).toBe(before);
  });
});
