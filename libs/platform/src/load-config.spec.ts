import 'reflect-metadata';
import { DEVELOPMENT_DLQ_ENCRYPTION_KEY } from '@lib/messaging';
import { BaseServiceConfig, ConfigError, loadConfig } from './load-config';

class TestServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override KAFKA_CLIENT_ID = 'pantau-test';
}

const BASE = { DATABASE_URL: 'postgres://pantau_app@127.0.0.1:5432/pantau_test', KAFKA_BROKERS: '127.0.0.1:9092' };
/** What a production deployment sets besides Kafka: its own dead-letter key. */
const PRODUCTION = { NODE_ENV: 'production', DLQ_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
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
