import 'reflect-metadata';
import { ConfigError } from '../load-config';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET, loadAuthConfig, validateAuthConfig } from './auth.config';

const config = (values: Partial<AuthConfig>): AuthConfig => Object.assign(new AuthConfig(), values);
const JWKS = { AUTH_MODE: 'jwks', AUTH_ISSUER: 'https://sso.banjarmasinkota.go.id/realms/pantau', AUTH_AUDIENCE: 'pantau-api' } as const;

describe('validateAuthConfig', () => {
  it.each<[string, string, Partial<AuthConfig>, string[]]>([
    ['dev mode with its default secret is fine in development', 'development', { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET }, []],
    ['dev mode is fine in test', 'test', { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET }, []],
    ['jwks mode over https is fine in production', 'production', { ...JWKS, AUTH_JWKS_URL: 'https://sso.example/certs' }, []],
    [
      'dev mode is refused in production, even with a fresh secret',
      'production',
      { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: 'x'.repeat(40) },
      ['AUTH_MODE=dev is refused when NODE_ENV=production; use jwks or key'],
    ],
    [
      'the default dev secret is refused in production even when unused',
      'production',
      { ...JWKS, AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET },
      ['AUTH_DEV_SIGNING_SECRET is the documented default dev secret; it is refused when NODE_ENV=production'],
    ],
    [
      'a plain-http JWKS url is refused in production',
      'production',
      { ...JWKS, AUTH_JWKS_URL: 'http://sso.example/certs' },
      ['AUTH_JWKS_URL must be https when NODE_ENV=production'],
    ],
    [
      'jwks mode lists every missing key',
      'development',
      { AUTH_MODE: 'jwks' },
      ['AUTH_ISSUER is required when AUTH_MODE=jwks', 'AUTH_AUDIENCE is required when AUTH_MODE=jwks', 'AUTH_JWKS_URL is required when AUTH_MODE=jwks'],
    ],
    [
      'key mode needs a PEM public key',
      'production',
      { AUTH_MODE: 'key', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_PUBLIC_KEY_PEM: 'not a key' },
      ['AUTH_PUBLIC_KEY_PEM must hold a PEM public key (-----BEGIN PUBLIC KEY-----) when AUTH_MODE=key'],
    ],
    [
      'dev mode needs a long secret',
      'development',
      { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: 'short' },
      ['AUTH_DEV_SIGNING_SECRET of at least 32 characters is required when AUTH_MODE=dev'],
    ],
  ])('%s', (_name, nodeEnv, values, expected) => {
    expect(validateAuthConfig(nodeEnv, config(values))).toEqual(expected);
  });
});

describe('loadAuthConfig', () => {
  it('fails with every problem listed', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET })).toThrow(ConfigError);
    try {
      loadAuthConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET });
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('refuses an unknown mode', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'development', AUTH_MODE: 'basic', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET })).toThrow(/AUTH_MODE/);
  });

  it('refuses to start without an explicit mode, whatever else is set', () => {
    expect(() => loadAuthConfig({ AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET })).toThrow(/AUTH_MODE is required/);
    expect(() => loadAuthConfig({ NODE_ENV: 'development', HOST: '127.0.0.1' })).toThrow(/AUTH_MODE is required/);
  });

  it.each([
    ['on all interfaces', '0.0.0.0', {}, /AUTH_MODE=dev is refused on HOST=0.0.0.0/],
    ['on a private address', '10.0.0.5', {}, /AUTH_MODE=dev is refused on HOST=10.0.0.5/],
    [
      'with the published secret, even when exposure is allowed',
      '0.0.0.0',
      { AUTH_DEV_ALLOW_EXPOSED_HOST: 'true' },
      /default dev secret; it is refused on HOST=0.0.0.0/,
    ],
  ])('refuses dev mode %s', (_name, host, extra, problem) => {
    expect(() =>
      loadAuthConfig({ NODE_ENV: 'development', HOST: host, AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET, ...extra }),
    ).toThrow(problem);
  });

  it.each(['127.0.0.1', '::1', 'localhost'])('allows dev mode on the loopback address %s', (host) => {
    expect(loadAuthConfig({ NODE_ENV: 'development', HOST: host, AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET }).AUTH_MODE).toBe(
      'dev',
    );
  });

  it('allows dev mode on an exposed address only when asked to, and with a secret of its own', () => {
    const own = 'a-secret-of-this-compose-demo-only-0123456789';
    expect(loadAuthConfig({ HOST: '0.0.0.0', AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: own, AUTH_DEV_ALLOW_EXPOSED_HOST: 'true' }).AUTH_MODE).toBe('dev');
  });

  it('unescapes a PEM written on one line', () => {
    const pem = loadAuthConfig({
      AUTH_MODE: 'key',
      AUTH_ISSUER: 'i',
      AUTH_AUDIENCE: 'a',
      AUTH_PUBLIC_KEY_PEM: '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----',
    }).AUTH_PUBLIC_KEY_PEM;
    expect(pem).toBe('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
  });
});
