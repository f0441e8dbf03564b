import 'reflect-metadata';
import { DEVELOPMENT_DLQ_ENCRYPTION_KEY } from '@lib/messaging';
import { BaseServiceConfig, ConfigError, DEVELOPMENT_PERSONAL_DATA_KEY, loadConfig, personalDataKeyOf } from './load-config';

class TestServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override KAFKA_CLIENT_ID = 'pantau-test';
}

const BASE = {
  DATABASE_URL: 'postgres://pantau_app@127.0.0.1:5432/pantau_test?sslmode=verify-full',
  KAFKA_BROKERS: '127.0.0.1:9092',
  PERSONAL_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
  REDIS_URL: 'redis://127.0.0.1:6379',
};
/** What a production deployment sets besides Kafka: its own dead-letter key. */
const PRODUCTION = { NODE_ENV: 'production', DLQ_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
/** A production deployment whose Kafka is reached as it must be (TLS and its own SASL principal). */
const PRODUCTION_WITH_KAFKA = {
  ...PRODUCTION,
  KAFKA_SSL: 'true',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'pantau',
  KAFKA_SASL_PASSWORD: 's3cret',
};
const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('Kafka security settings', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['plain on loopback in development', { NODE_ENV: 'development' }, []],
    ['plain without TLS or SASL in test', { NODE_ENV: 'test' }, []],
    [
      'SASL PLAIN over TLS in production',
      { ...PRODUCTION, KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'pantau', KAFKA_SASL_PASSWORD: 's3cret' },
      [],
    ],
    [
      'SCRAM over TLS in production',
      { ...PRODUCTION, KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'pantau', KAFKA_SASL_PASSWORD: 's3cret' },
      [],
    ],
    [
      'SCRAM without TLS in production',
      { ...PRODUCTION, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'pantau', KAFKA_SASL_PASSWORD: 's3cret' },
      ['KAFKA_SSL=true is required when NODE_ENV=production: the brokers are reached over TLS only'],
    ],
    [
      'SASL PLAIN without TLS in production',
      { ...PRODUCTION, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'pantau', KAFKA_SASL_PASSWORD: 's3cret' },
      ['KAFKA_SSL=true is required when NODE_ENV=production: the brokers are reached over TLS only'],
    ],
    [
      'TLS without SASL in production',
      { ...PRODUCTION, KAFKA_SSL: 'true' },
      ["KAFKA_SASL_MECHANISM is required when NODE_ENV=production: each service authenticates as its own principal, which the broker's ACLs name"],
    ],
    [
      'neither TLS nor SASL in production',
      PRODUCTION,
      [
        'KAFKA_SSL=true is required when NODE_ENV=production: the brokers are reached over TLS only',
        "KAFKA_SASL_MECHANISM is required when NODE_ENV=production: each service authenticates as its own principal, which the broker's ACLs name",
      ],
    ],
    [
      'a mechanism without credentials',
      { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256' },
      ['KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set'],
    ],
  ])('%s', (_name, env, expected) => {
    expect(problemsOf(() => loadConfig(TestServiceConfig, { ...BASE, ...env }))).toEqual(expected);
  });

  it('reads TLS and SASL from the environment', () => {
    const config = loadConfig(TestServiceConfig, {
      ...BASE,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'pantau',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(config).toMatchObject({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'pantau', KAFKA_SASL_PASSWORD: 's3cret' });
  });
});

describe('EVENT_STORE_APPENDS_IN_FLIGHT', () => {
  it.each<[string, string | undefined, number | undefined, string[]]>([
    ['unset: left to the event store', undefined, undefined, []],
    ['a count within bounds', '4', 4, []],
    ['zero', '0', undefined, ['EVENT_STORE_APPENDS_IN_FLIGHT must not be less than 1']],
    ['more than the bound', '17', undefined, ['EVENT_STORE_APPENDS_IN_FLIGHT must not be greater than 16']],
    ['not a whole number', '2.5', undefined, ['EVENT_STORE_APPENDS_IN_FLIGHT must be an integer number']],
  ])('%s', (_name, value, expected, problems) => {
    const env = value === undefined ? BASE : { ...BASE, EVENT_STORE_APPENDS_IN_FLIGHT: value };
    expect(problemsOf(() => loadConfig(TestServiceConfig, env))).toEqual(problems);
    if (problems.length === 0) expect(loadConfig(TestServiceConfig, env).EVENT_STORE_APPENDS_IN_FLIGHT).toBe(expected);
  });
});

describe('production transport and size settings', () => {
  const PRODUCTION_DATABASE = { ...PRODUCTION_WITH_KAFKA, DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_test?sslmode=verify-full' };
  it.each<[string, Record<string, string>, string[]]>([
    ['a database over TLS with the server verified', PRODUCTION_DATABASE, []],
    ['sslmode=require', { ...PRODUCTION_DATABASE, DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_test?sslmode=require' }, []],
    ['sslmode=verify-ca', { ...PRODUCTION_DATABASE, DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_test?sslmode=verify-ca' }, []],
    ['no TLS outside production', { DATABASE_URL: 'postgres://pantau_app@127.0.0.1:5432/pantau_test' }, []],
    [
      'no sslmode in production',
      { ...PRODUCTION_DATABASE, DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_test' },
      ['DATABASE_URL needs sslmode=require, verify-ca or verify-full when NODE_ENV=production'],
    ],
    [
      'sslmode=prefer in production (falls back to plain text)',
      { ...PRODUCTION_DATABASE, DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_test?sslmode=prefer' },
      ['DATABASE_URL needs sslmode=require, verify-ca or verify-full when NODE_ENV=production'],
    ],
    [
      'sslmode=no-verify in production',
      { ...PRODUCTION_DATABASE, DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_test?sslmode=no-verify' },
      ['DATABASE_URL needs sslmode=require, verify-ca or verify-full when NODE_ENV=production'],
    ],
    [
      'a migration URL without TLS in production',
      { ...PRODUCTION_DATABASE, DATABASE_MIGRATION_URL: 'postgres://pantau_owner@db.internal:5432/pantau_test' },
      ['DATABASE_MIGRATION_URL needs sslmode=require, verify-ca or verify-full when NODE_ENV=production'],
    ],
    ['the largest body limit', { BODY_LIMIT_BYTES: String(4 * 1024 * 1024) }, []],
    ['a body limit above the largest', { BODY_LIMIT_BYTES: String(4 * 1024 * 1024 + 1) }, ['BODY_LIMIT_BYTES must not be greater than 4194304']],
  ])('%s', (_name, env, expected) => {
    expect(problemsOf(() => loadConfig(TestServiceConfig, { ...BASE, ...env }))).toEqual(expected);
  });
});

describe('TRUST_PROXY', () => {
  const HOP_COUNT =
    /TRUST_PROXY must list the proxies trusted to set X-Forwarded-For by address or CIDR.*a hop count or true would let any client choose its own address/;
  it.each<[string, Record<string, string>, string[]]>([
    ['loopback by default', {}, ['loopback']],
    ['the portal by address and an ingress subnet', { TRUST_PROXY: '10.0.0.1, 10.20.0.0/16' }, ['10.0.0.1', '10.20.0.0/16']],
    ['keywords and IPv6 ranges', { TRUST_PROXY: 'loopback,uniquelocal,fd00:1::/64,::1' }, ['loopback', 'uniquelocal', 'fd00:1::/64', '::1']],
  ])('accepts %s', (_name, env, expected) => {
    expect(loadConfig(TestServiceConfig, { ...BASE, ...env }).TRUST_PROXY).toEqual(expected);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a hop count', { TRUST_PROXY: '1' }, HOP_COUNT],
    ['true', { TRUST_PROXY: 'true' }, HOP_COUNT],
    ['a host name', { TRUST_PROXY: '10.0.0.1,portal.internal' }, /not 'portal.internal'$/],
    ['a prefix too long for IPv4', { TRUST_PROXY: '10.0.0.0/33' }, /not '10.0.0.0\/33'$/],
    ['a list of nothing', { TRUST_PROXY: ' , ' }, /not an empty list$/],
    ['the retired hop count setting', { TRUST_PROXY_HOPS: '1' }, /TRUST_PROXY_HOPS is no longer read: set TRUST_PROXY/],
  ])('refuses %s with a boot error', (_name, env, problem) => {
    expect(problemsOf(() => loadConfig(TestServiceConfig, { ...BASE, ...env }))).toEqual([expect.stringMatching(problem)]);
  });
});

describe('REDIS_URL', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ["the machine's Redis in development", { NODE_ENV: 'development' }, []],
    ['a Redis of its own in production', { ...PRODUCTION_WITH_KAFKA, REDIS_URL: 'rediss://:s3cret@redis.pemda.internal:6380/0' }, []],
    [
      'none in production',
      { ...PRODUCTION_WITH_KAFKA, REDIS_URL: '' },
      ['REDIS_URL is required when NODE_ENV=production: the rate limits of the replicas are counted there'],
    ],
    ['a host without a scheme', { REDIS_URL: 'redis.pemda.internal:6379' }, ['REDIS_URL must be a redis:// or rediss:// URL']],
  ])('%s', (_name, env, expected) => {
    expect(problemsOf(() => loadConfig(TestServiceConfig, { ...BASE, ...env }))).toEqual(expected);
  });
});

describe('PERSONAL_DATA_KEY', () => {
  const ownKey = Buffer.alloc(32, 7).toString('base64');
  it.each<[string, Record<string, string>, string[]]>([
    ['the development default outside production', { PERSONAL_DATA_KEY: DEVELOPMENT_PERSONAL_DATA_KEY }, []],
    ['a key of its own in production', { ...PRODUCTION_WITH_KAFKA, PERSONAL_DATA_KEY: ownKey }, []],
    [
      'the development default in production',
      { ...PRODUCTION_WITH_KAFKA, PERSONAL_DATA_KEY: DEVELOPMENT_PERSONAL_DATA_KEY },
      ['PERSONAL_DATA_KEY is the published development default; set a key of your own when NODE_ENV=production'],
    ],
    ['16 bytes', { PERSONAL_DATA_KEY: Buffer.alloc(16, 1).toString('base64') }, ['PERSONAL_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)']],
    ['not base64', { PERSONAL_DATA_KEY: 'x'.repeat(44) }, ['PERSONAL_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)']],
  ])('%s', (_name, env, expected) => {
    expect(problemsOf(() => loadConfig(TestServiceConfig, { ...BASE, ...env }))).toEqual(expected);
  });

  it('hands the key out as 32 bytes', () => {
    expect(personalDataKeyOf(loadConfig(TestServiceConfig, { ...BASE, PERSONAL_DATA_KEY: ownKey }))).toEqual(Buffer.alloc(32, 7));
  });
});

describe('dead-letter settings', () => {
  const KAFKA = { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'pantau-survey', KAFKA_SASL_PASSWORD: 's3cret' };
  const ownKey = Buffer.alloc(32, 7).toString('base64');

  it.each<[string, Record<string, string>, string[]]>([
    ['the development key outside production', {}, []],
    ['an own key in production', { ...KAFKA, NODE_ENV: 'production', DLQ_ENCRYPTION_KEY: ownKey }, []],
    [
      'no key in production',
      { ...KAFKA, NODE_ENV: 'production' },
      ['DLQ_ENCRYPTION_KEY is the published development default; set a secret of your own when NODE_ENV=production'],
    ],
    [
      'the development key in production',
      { ...KAFKA, NODE_ENV: 'production', DLQ_ENCRYPTION_KEY: DEVELOPMENT_DLQ_ENCRYPTION_KEY },
      ['DLQ_ENCRYPTION_KEY is the published development default; set a secret of your own when NODE_ENV=production'],
    ],
    [
      'a key of 31 bytes',
      { DLQ_ENCRYPTION_KEY: Buffer.alloc(31, 7).toString('base64') },
      expect.arrayContaining(['DLQ_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)']),
    ],
    [
      'a key of 33 bytes',
      { DLQ_ENCRYPTION_KEY: Buffer.alloc(33, 7).toString('base64') },
      ['DLQ_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)'],
    ],
    ['a key that is not base64', { DLQ_ENCRYPTION_KEY: `${'!'.repeat(43)}=` }, ['DLQ_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)']],
    ['a retention under an hour', { DLQ_RETENTION_MS: '60000' }, ['DLQ_RETENTION_MS must not be less than 3600000']],
    ['a retention over 90 days', { DLQ_RETENTION_MS: String(91 * 24 * 3_600_000) }, ['DLQ_RETENTION_MS must not be greater than 7776000000']],
  ])('%s', (_name, env, expected) => {
    expect(problemsOf(() => loadConfig(TestServiceConfig, { ...BASE, ...env }))).toEqual(expected);
  });

  it('keeps dead letters 14 days unless told otherwise', () => {
    expect(loadConfig(TestServiceConfig, BASE).DLQ_RETENTION_MS).toBe(14 * 24 * 3_600_000);
    expect(loadConfig(TestServiceConfig, { ...BASE, DLQ_RETENTION_MS: '86400000' }).DLQ_RETENTION_MS).toBe(86_400_000);
  });
});
