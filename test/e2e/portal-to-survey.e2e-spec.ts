import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { createPortalApp } from '../../services/portal/src/portal-app';
import { portalSettings, silentLogger } from '../../services/portal/test/portal-fixtures';
import { AppModule as SurveyAppModule } from '../../services/survey/src/app.module';
import { SurveyConfig } from '../../services/survey/src/config';
import { surveyDatabase } from '../../services/survey/src/migrations';
import { bearer } from '../support/auth';
import { startService } from '../support/service-app';

const PUBLIC_SURVEY_BASE_URL = 'http://127.0.0.1:3000/survei';

describe('portal in front of the real survey service', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const answers = (value: number) => Array.from({ length: 9 }, (_, i) => ({ code: `U${i + 1}`, value }));
  let db: TestDatabase;
  let survey: INestApplication;
  let portal: INestApplication;
  let publicLinkId: string;
  let staff: { Authorization: string };
  const viaPortal = () => request(portal.getHttpServer());

  beforeAll(async () => {
    staff = await bearer('operator-disdukcapil', { tenantId, unitId });
    db = await createTestDatabase([], 'pantau_portal_survey');
    survey = await startService(
      { name: 'survey', configClass: SurveyConfig, appModule: SurveyAppModule, database: surveyDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `portal-int-${randomUUID().slice(0, 8)}.`,
        PUBLIC_SURVEY_BASE_URL,
        // as start.sh runs the services: behind the portal, trusted by its loopback address
        TRUST_PROXY: 'loopback',
      },
    );
    await survey.listen(0, '127.0.0.1');
    portal = await createPortalApp(
      portalSettings({ SURVEY_SERVICE_URL: await survey.getUrl(), REQUEST_SERVICE_URL: 'http://127.0.0.1:9', EVALUATION_SERVICE_URL: 'http://127.0.0.1:9' }),
      silentLogger,
    );
    await portal.init();

    const opened = await viaPortal()
      .post(`/api/survey/units/${unitId}/skm-surveys/quarter/2026-10-01`)
      .set(staff)
      .send({ periodEnd: '2026-12-31' })
      .expect(201);
    publicLinkId = opened.body.publicLinkId;
  });

  afterAll(async () => {
    await portal?.close();
    await survey?.close();
    await db?.drop();
  });

  it('serves the survey form at /survei/<id> (the QR target) and its unsur through /api/survey', async () => {
    expect((await viaPortal().get(`/survei/${publicLinkId}`).expect(200).expect('Content-Type', /html/)).text).toContain('<div id="root">');
    const form = await eventually(async () => (await viaPortal().get(`/api/survey/public/skm-surveys/${publicLinkId}`).expect(200)).body);
    expect(form).toMatchObject({ publicUrl: `${PUBLIC_SURVEY_BASE_URL}/${publicLinkId}`, accepting: true, unitId });
    expect(form.unsur).toHaveLength(9);
  });

  it('records a citizen response sent through the proxy once per respondent token', async () => {
    const respondentToken = `tok${randomUUID().replace(/-/g, '')}`;
    const submit = () =>
      viaPortal()
        .post(`/api/survey/public/skm-surveys/${publicLinkId}/responses`)
        .set('Idempotency-Key', randomUUID())
        .send({ answers: answers(4), respondentToken });

    const recorded = await submit().expect(201);
    expect(recorded.body).toMatchObject({ recorded: true, responseId: expect.any(String) });
    const duplicate = await submit()
      .expect(409)
      .expect('Content-Type', /application\/problem\+json/);
    expect(duplicate.body.code).toBe('SURVEY.DUPLICATE_RESPONDENT');

    await eventually(async () => {
      const { body } = await viaPortal().get(`/api/survey/units/${unitId}/skm-surveys/quarter/2026-10-01/result`).set(staff).expect(200);
      expect(body.result).toMatchObject({ respondents: 1, ikmConverted: 100, band: 'A' });
    });
  });

  it('streams the poster QR code, which scans to the portal route', async () => {
    const png = await viaPortal().get(`/api/survey/public/skm-surveys/${publicLinkId}/qr.png`).buffer(true).expect(200).expect('Content-Type', 'image/png');
    const image = PNG.sync.read(png.body as Buffer);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(`${PUBLIC_SURVEY_BASE_URL}/${publicLinkId}`);
  });

  it('issues dev tokens the service accepts, and passes its refusals through', async () => {
    const { accessToken } = (await viaPortal().post('/auth/dev-login').send({ username: 'operator-disdukcapil' }).expect(200)).body;
    // The demo operator's unit in the demo tenant: this fresh database has no survey there yet.
    expect((await viaPortal().get('/api/survey/units/disdukcapil/skm-surveys').set('Authorization', `Bearer ${accessToken}`).expect(200)).body).toEqual([]);
    expect((await viaPortal().get('/api/survey/units/dinkes/skm-surveys').set('Authorization', `Bearer ${accessToken}`).expect(403)).body.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect((await viaPortal().get(`/api/survey/units/${unitId}/skm-surveys`).expect(401)).body.code).toBe('AUTH.MISSING_TOKEN');
  });
});
