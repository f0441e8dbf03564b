import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DEFAULT_DEV_SIGNING_SECRET, DEV_AUDIENCE, DEV_ISSUER, DEV_USERS, issueDevToken } from '@lib/platform';
import { createTestDatabase, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import { SignJWT } from 'jose';
import request from 'supertest';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { RequestConfig } from '../src/config';
import { requestDatabase } from '../src/migrations';

const PORTAL = 'https://pantau.banjarmasinkota.go.id';
const RATE_LIMIT = 5;
const BODY_LIMIT = 2048;
const HOUR = 3600_000;

describe('the edge of the request service: tokens, citizen endpoints, headers, CORS', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const operator = DEV_USERS['operator-disdukcapil'];
  const sign = (secret: string) => new TextEncoder().encode(secret);

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_req_edge');
    app = await startService(
      { name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `req-edge-${randomUUID().slice(0, 8)}.`,
        PUBLIC_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        BODY_LIMIT_BYTES: String(BODY_LIMIT),
        CORS_ORIGINS: PORTAL,
      },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** No stack frame, file path or internal class name ever reaches a client. */
  const expectNoInternals = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/\bat .+\(|\.ts:\d+|node_modules|stack|Exception\b/);

  it.each<[string, () => Promise<Record<string, string>>, string, RegExp]>([
    ['no Authorization header', async () => ({}), 'AUTH.MISSING_TOKEN', /Bearer token is required/],
    ['a Basic credential', async () => ({ Authorization: 'Basic b3BlcmF0b3I6c2VjcmV0' }), 'AUTH.MISSING_TOKEN', /Bearer token is required/],
    ['a malformed token', async () => ({ Authorization: 'Bearer not.a.jwt' }), 'AUTH.INVALID_TOKEN', /not valid/],
    [
      'an expired token',
      async () => ({ Authorization: `Bearer ${await issueDevToken(operator, DEFAULT_DEV_SIGNING_SECRET, new Date(Date.now() - 9 * HOUR))}` }),
      'AUTH.INVALID_TOKEN',
      /expired/,
    ],
    [
      'a token signed with another secret',
      async () => ({ Authorization: `Bearer ${await issueDevToken(operator, 'a-secret-that-the-service-does-not-know!!', new Date())}` }),
      'AUTH.INVALID_TOKEN',
      /not valid/,
    ],
    [
      'a token from another issuer',
      async () => ({
        Authorization: `Bearer ${await issueDevToken(operator, DEFAULT_DEV_SIGNING_SECRET, new Date(), { issuer: 'https://sso.elsewhere.example' })}`,
      }),
      'AUTH.INVALID_TOKEN',
      /iss/,
    ],
    [
      'a token for another audience',
      async () => ({ Authorization: `Bearer ${await issueDevToken(operator, DEFAULT_DEV_SIGNING_SECRET, new Date(), { audience: 'another-api' })}` }),
      'AUTH.INVALID_TOKEN',
      /aud/,
    ],
    [
      'a well-signed token with a role Pantau does not know',
      async () => {
        const token = await new SignJWT({ pantau_role: 'superuser', pantau_tenant: operator.tenantId })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('intruder')
          .setIssuer(DEV_ISSUER)
          .setAudience(DEV_AUDIENCE)
          .setExpirationTime('5m')
          .sign(sign(DEFAULT_DEV_SIGNING_SECRET));
        return { Authorization: `Bearer ${token}` };
      },
      'AUTH.INVALID_TOKEN',
      /pantau_role/,
    ],
  ])('answers %s with 401, its code and no internals', async (_name, headers, code, detail) => {
    const response = await http()
      .get('/requests?unitId=disdukcapil')
      .set(await headers())
      .expect(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, code, detail: expect.stringMatching(detail), correlationId: expect.any(String) });
    expectNoInternals(response.body);
  });

  it('answers 429 once a client exceeds the rate limit of a citizen endpoint, and never limits health probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) statuses.push((await http().get('/public/requests/PTN-0000000000')).status);
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(404), 429]);
    const limited = await http().get('/public/requests/PTN-0000000000').expect(429);
    expect(limited.body).toMatchObject({ status: 429, code: 'HTTP.TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectNoInternals(limited.body);
    for (let i = 0; i <= RATE_LIMIT; i++) await http().get('/health/live').expect(200);
  });

  it('answers 413 to a citizen body above the size limit, before reading it', async () => {
    const response = await http()
      .post(`/public/tenants/${operator.tenantId}/complaints`)
      .send({ unitId: 'disdukcapil', category: 'grievance', subject: 'Panjang', description: 'x'.repeat(BODY_LIMIT), reporter: { name: 'Warga' } })
      .expect(413);
    expect(response.body).toMatchObject({ status: 413, code: 'INPUT.TOO_LARGE' });
    expectNoInternals(response.body);
  });

  it('sends the security headers on public answers, errors included', async () => {
    for (const response of [await http().get('/health/live').expect(200), await http().post('/public/complaints/not-a-uuid/reopen').send({})]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-site',
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Only this policy: none of the other headers helmet writes by default.
      for (const header of ['strict-transport-security', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-xss-protection']) {
        expect(response.headers[header]).toBeUndefined();
      }
    }
    // Swagger UI runs its own scripts and styles: the OpenAPI page goes without the API's policy.
    const docs = await http().get('/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });

  it('lets only the configured origins call across origins', async () => {
    const allowed = await http().options('/public/tenants/kota-banjarmasin/complaints').set('Origin', PORTAL).set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const foreign = await http()
      .options('/public/tenants/kota-banjarmasin/complaints')
      .set('Origin', 'https://phishing.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const read = await http().get('/health/live').set('Origin', 'https://phishing.example').expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});
