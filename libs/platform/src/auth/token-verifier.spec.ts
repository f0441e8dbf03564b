import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET, DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { AuthenticationError } from './authentication-error';
import { DEV_USERS, issueDevToken } from './dev-issuer';
import { CLOCK_TOLERANCE_SECONDS, TokenVerifier, VERIFIED_TOKEN_TTL_MS } from './token-verifier';

const devConfig = (values: Partial<AuthConfig> = {}): AuthConfig =>
  Object.assign(new AuthConfig(), { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET, ...values });
const HOUR = 3600_000;

async function expectInvalid(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(AuthenticationError);
  await expect(promise).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN', message: expect.stringMatching(message) });
}

describe('dev issuer and TokenVerifier in dev mode', () => {
  const verifier = TokenVerifier.fromConfig(devConfig());

  it.each(Object.keys(DEV_USERS) as (keyof typeof DEV_USERS)[])('round-trips the seeded user %s', async (name) => {
    const user = DEV_USERS[name];
    const token = await issueDevToken(user, DEFAULT_DEV_SIGNING_SECRET, new Date());
    expect(await verifier.verify(token)).toEqual(user);
  });

  it('accepts a token until 8 h after issue, within the 30 s clock tolerance', async () => {
    const token = await issueDevToken(DEV_USERS['operator-dinkes'], DEFAULT_DEV_SIGNING_SECRET, new Date(Date.now() - 8 * HOUR + 10_000));
    await expect(verifier.verify(token)).resolves.toMatchObject({ unitId: 'dinkes' });
  });

  it('refuses an expired token', async () => {
    const token = await issueDevToken(DEV_USERS['operator-dinkes'], DEFAULT_DEV_SIGNING_SECRET, new Date(Date.now() - 8 * HOUR - 60_000));
    await expectInvalid(verifier.verify(token), /expired/);
  });

  it('refuses a token for another audience', async () => {
    const token = await issueDevToken(DEV_USERS['admin-orpeg'], DEFAULT_DEV_SIGNING_SECRET, new Date(), { audience: 'another-app' });
    await expectInvalid(verifier.verify(token), /aud/);
  });

  it('refuses a token from another issuer', async () => {
    const token = await issueDevToken(DEV_USERS['admin-orpeg'], DEFAULT_DEV_SIGNING_SECRET, new Date(), { issuer: 'someone-else' });
    await expectInvalid(verifier.verify(token), /iss/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await issueDevToken(DEV_USERS['admin-orpeg'], 'another-secret-of-at-least-32-characters!', new Date());
    await expectInvalid(verifier.verify(token), /not valid/);
  });

  it('refuses garbage and an unsigned token', async () => {
    await expectInvalid(verifier.verify('not.a.jwt'), /not valid/);
    const [header, payload] = (await issueDevToken(DEV_USERS['admin-orpeg'], DEFAULT_DEV_SIGNING_SECRET, new Date())).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await expectInvalid(verifier.verify(`${none}.${payload}.`), /not valid/);
    expect(header).toBeDefined();
  });

  it.each([
    ['a critical header it does not understand', { alg: 'HS256', crit: ['x-pantau'], 'x-pantau': 1 }],
    ['an algorithm it does not support', { alg: 'none-such' }],
  ])("refuses, as the caller's fault (401), a token with %s", async (_name, header) => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await expectInvalid(verifier.verify(`${encode(header)}.${encode({ sub: 'x' })}.AA`), /./);
  });

  it('refuses a well-signed token whose role is unknown', async () => {
    const token = await new SignJWT({ pantau_role: 'root', pantau_tenant: 'kota-banjarmasin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(DEFAULT_DEV_SIGNING_SECRET));
    await expectInvalid(verifier.verify(token), /pantau_role/);
  });
});

describe('TokenVerifier with asymmetric keys', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const issuer = 'https://sso.banjarmasinkota.go.id/realms/pantau';
  const claims = { pantau_role: 'auditor', pantau_tenant: 'kota-banjarmasin', name: 'Inspektorat' };
  const sign = (kid?: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('kc-123')
      .setIssuer(issuer)
      .setAudience('pantau-api')
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies a token against a configured PEM public key', async () => {
    const verifier = TokenVerifier.fromConfig(
      Object.assign(new AuthConfig(), { AUTH_MODE: 'key', AUTH_ISSUER: issuer, AUTH_AUDIENCE: 'pantau-api', AUTH_PUBLIC_KEY_PEM: pem }),
    );
    await expect(verifier.verify(await sign())).resolves.toEqual({ subject: 'kc-123', name: 'Inspektorat', role: 'auditor', tenantId: 'kota-banjarmasin' });
  });

  it('refuses an HS256 token in key mode (no algorithm confusion)', async () => {
    const verifier = TokenVerifier.fromConfig(
      Object.assign(new AuthConfig(), { AUTH_MODE: 'key', AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: DEV_AUDIENCE, AUTH_PUBLIC_KEY_PEM: pem }),
    );
    await expectInvalid(verifier.verify(await issueDevToken(DEV_USERS['admin-orpeg'], pem, new Date())), /not valid/);
  });

  describe('from a JWKS endpoint', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies a token signed by a key the JWKS publishes, and refuses an unknown kid', async () => {
      const verifier = TokenVerifier.fromConfig(
        Object.assign(new AuthConfig(), { AUTH_MODE: 'jwks', AUTH_ISSUER: issuer, AUTH_AUDIENCE: 'pantau-api', AUTH_JWKS_URL: url }),
      );
      await expect(verifier.verify(await sign('k1'))).resolves.toMatchObject({ subject: 'kc-123', role: 'auditor' });
      await expectInvalid(verifier.verify(await sign('k2')), /not valid/);
    });
  });
});

describe('TokenVerifier remembering verified tokens', () => {
  const secret = new TextEncoder().encode(DEFAULT_DEV_SIGNING_SECRET);
  const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);

  /** A verifier on a settable clock whose key lookups are counted: one lookup per signature actually checked. */
  function countingVerifier() {
    const clock = { now: T0 };
    const checks = { count: 0 };
    const verifier = new TokenVerifier(
      {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        key: async () => {
          checks.count++;
          return secret;
        },
        algorithms: ['HS256'],
      },
      () => clock.now,
    );
    return { verifier, clock, checks };
  }

  const tokenExpiringIn = (seconds: number) =>
    new SignJWT({ pantau_role: 'skpd-operator', pantau_tenant: 'kota-banjarmasin', pantau_unit: 'dinkes' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('op-dinkes')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(T0 / 1000)
      .setExpirationTime(T0 / 1000 + seconds)
      .sign(secret);

  it.each([
    { case: 'again at once', later: 0, checks: 1 },
    { case: 'just before the trust interval ends', later: VERIFIED_TOKEN_TTL_MS - 1, checks: 1 },
    { case: 'once the trust interval has ended', later: VERIFIED_TOKEN_TTL_MS, checks: 2 },
  ])('checks a token it verified before $case: $checks signature check(s)', async ({ later, checks: expected }) => {
    const { verifier, clock, checks } = countingVerifier();
    const token = await tokenExpiringIn(3600);
    const first = await verifier.verify(token);
    clock.now += later;
    expect(await verifier.verify(token)).toEqual(first);
    expect(checks.count).toBe(expected);
  });

  it('stops trusting a remembered token when it expires, and then refuses it like any expired token', async () => {
    const { verifier, clock, checks } = countingVerifier();
    const token = await tokenExpiringIn(20);
    await verifier.verify(token);
    clock.now += 20_000 + CLOCK_TOLERANCE_SECONDS * 1000 + 1000;
    await expectInvalid(verifier.verify(token), /expired/);
    expect(checks.count).toBe(2);
  });

  it('never remembers a refused token', async () => {
    const { verifier, checks } = countingVerifier();
    const forged = `${(await tokenExpiringIn(3600)).slice(0, -4)}AAAA`;
    await expectInvalid(verifier.verify(forged), /not valid/);
    await expectInvalid(verifier.verify(forged), /not valid/);
    expect(checks.count).toBe(2);
  });

  it('hands every caller its own copy of a remembered principal', async () => {
    const { verifier } = countingVerifier();
    const token = await tokenExpiringIn(3600);
    const first = await verifier.verify(token);
    first.unitId = 'changed-by-a-caller';
    expect(await verifier.verify(token)).toMatchObject({ subject: 'op-dinkes', unitId: 'dinkes' });
  });
});
