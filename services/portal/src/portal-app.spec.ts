import type { INestApplication } from '@nestjs/common';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET, DEV_USERS, TokenVerifier } from '@lib/platform';
import request from 'supertest';
import { portalSettings, silentLogger } from '../test/portal-fixtures';
import type { PortalSettings } from './config';
import { createPortalApp } from './portal-app';

/** The app's own scripts, styles, fonts and API calls; QR images inline; no inline script, no framing, no plugins. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

describe('portal app', () => {
  const apps: INestApplication[] = [];
  const start = async (settings: PortalSettings = portalSettings()) => {
    const app = await createPortalApp(settings, silentLogger);
    apps.push(app);
    return request(app.getHttpServer());
  };
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  describe('security headers', () => {
    it('sends a CSP that allows only the app’s own scripts, and the other security headers, on the app page', async () => {
      const response = await (await start()).get('/').expect(200).expect('Content-Type', /html/);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
        'cache-control': 'no-cache',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Only this policy: none of the other headers helmet writes by default.
      for (const header of ['origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
        expect(response.headers[header]).toBeUndefined();
      }
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });

    it('adds HSTS in production and keeps a safe caller correlation id', async () => {
      const http = await start(portalSettings({ NODE_ENV: 'production' }, { AUTH_MODE: 'jwks', AUTH_DEV_SIGNING_SECRET: undefined }));
      const response = await http.get('/health/live').set('X-Correlation-Id', 'kiosk-42').expect(200);
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['x-correlation-id']).toBe('kiosk-42');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    });
  });

  describe('the single-page app', () => {
    it('answers index.html for app routes such as the QR code target /survei/<id>', async () => {
      const response = await (await start()).get('/survei/b7c4d2e0-5f1a-4c3b-9d8e-123456789abc?kiosk=1').expect(200).expect('Content-Type', /html/);
      expect(response.text).toContain('<div id="root">');
    });

    it('serves hashed assets for a year and answers a missing file or API with a 404 problem, not the app', async () => {
      const http = await start();
      const asset = await http.get('/assets/app-1a2b3c.js').expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const path of ['/assets/missing-0000.js', '/api/unknown/thing', '/auth/nothing']) {
        const response = await http.get(path).expect(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('HTTP.NOT_FOUND');
      }
    });

    it('reports readiness from the built app and shows each service’s state', async () => {
      const http = await start(
        portalSettings({ REQUEST_SERVICE_URL: 'http://127.0.0.1:9', SURVEY_SERVICE_URL: 'http://127.0.0.1:9', EVALUATION_SERVICE_URL: 'http://127.0.0.1:9' }),
      );
      const response = await http.get('/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', webApp: 'built', services: { request: 'down', survey: 'down', evaluation: 'down' } });
      const missing = await start(portalSettings({ WEB_ROOT: '/nonexistent/pantau-web' }));
      expect((await missing.get('/health').expect(503)).body.webApp).toBe('missing');
      expect((await missing.get('/').expect(503)).body.code).toBe('PORTAL.WEB_APP_NOT_BUILT');
    });
  });

  describe('dev sign-in', () => {
    it('lists the demo users and issues a token the services’ verifier accepts', async () => {
      const http = await start();
      expect((await http.get('/auth/options').expect(200)).body).toEqual({ devLogin: true });
      const users = (await http.get('/auth/dev-users').expect(200)).body as { username: string; subject: string; role: string }[];
      expect(users).toContainEqual(expect.objectContaining({ username: 'operator-disdukcapil', subject: 'dev-operator-disdukcapil', role: 'skpd-operator' }));

      const login = await http.post('/auth/dev-login').send({ username: 'operator-disdukcapil' }).expect(200);
      expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600 });
      const verifier = TokenVerifier.fromConfig(Object.assign(new AuthConfig(), { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET }));
      expect(await verifier.verify(login.body.accessToken)).toEqual(DEV_USERS['operator-disdukcapil']);
    });

    it('refuses an unknown user with 400 naming the field', async () => {
      const response = await (await start()).post('/auth/dev-login').send({ username: 'root' }).expect(400);
      expect(response.body.code).toBe('INPUT.INVALID');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'username', rule: 'isIn' })]);
    });

    it.each<[string, PortalSettings]>([
      ['in production, even if dev mode got through', portalSettings({ NODE_ENV: 'production' })],
      [
        'when tokens come from an identity provider',
        portalSettings(
          {},
          { AUTH_MODE: 'jwks', AUTH_ISSUER: 'https://sso.example/realms/pantau', AUTH_AUDIENCE: 'pantau-api', AUTH_JWKS_URL: 'https://sso.example/certs' },
        ),
      ],
    ])('does not exist %s', async (_name, settings) => {
      const http = await start(settings);
      expect((await http.get('/auth/options').expect(200)).body).toEqual({ devLogin: false });
      await http.get('/auth/dev-users').expect(404);
      // 404 before the body is looked at: an unknown user learns nothing either.
      for (const username of ['admin-orpeg', 'root']) {
        const response = await http.post('/auth/dev-login').send({ username }).expect(404);
        expect(response.body.accessToken).toBeUndefined();
      }
    });
  });
});
