import 'reflect-metadata';
import { DEFAULT_DEV_SIGNING_SECRET } from './auth/auth.config';
import { BaseServiceConfig, ConfigError } from './load-config';
import { loadServiceConfig } from './service-config';

class TestServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override KAFKA_CLIENT_ID = 'pantau-test';
}

const BASE = { DATABASE_URL: 'postgres://pantau_app@127.0.0.1:5432/pantau_test', KAFKA_BROKERS: '127.0.0.1:9092' };
const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadServiceConfig', () => {
  it('returns the service and auth settings', () => {
    const { config, auth } = loadServiceConfig(TestServiceConfig, { ...BASE, AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET });
    expect(config).toMatchObject({ PORT: 3999, DATABASE_URL: BASE.DATABASE_URL, PUBLIC_RATE_LIMIT_PER_MINUTE: 60 });
    expect(auth.AUTH_MODE).toBe('dev');
  });

  it('refuses to start in production with the default secret and lists every problem of both at once', () => {
    const problems = problemsOf(() =>
      loadServiceConfig(TestServiceConfig, {
        NODE_ENV: 'production',
        KAFKA_BROKERS: '127.0.0.1:9092',
        AUTH_MODE: 'dev',
        AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('DATABASE_URL'),
        'AUTH_MODE=dev is refused when NODE_ENV=production; use jwks or key',
        'AUTH_DEV_SIGNING_SECRET is the documented default dev secret; it is refused when NODE_ENV=production',
      ]),
    );
  });

  it('refuses tracing settings it cannot use, with the other problems', () => {
    const problems = problemsOf(() =>
      loadServiceConfig(TestServiceConfig, {
        KAFKA_BROKERS: '127.0.0.1:9092',
        OTEL_TRACES_EXPORTER: 'otlp',
        AUTH_MODE: 'dev',
        AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining('DATABASE_URL'),
      'OTEL_EXPORTER_OTLP_ENDPOINT must be the http(s) URL of an OTLP collector when OTEL_TRACES_EXPORTER=otlp',
    ]);
    expect(
      problemsOf(() =>
        loadServiceConfig(TestServiceConfig, {
          ...BASE,
          OTEL_TRACES_EXPORTER: 'jaeger',
          AUTH_MODE: 'dev',
          AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
        }),
      ),
    ).toEqual([expect.stringContaining('OTEL_TRACES_EXPORTER must be one of the following values: otlp, none')]);
    expect(() =>
      loadServiceConfig(TestServiceConfig, {
        ...BASE,
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        AUTH_MODE: 'dev',
        AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
      }),
    ).not.toThrow();
  });

  it('keeps the migration connection apart from the application one', () => {
    const { config } = loadServiceConfig(TestServiceConfig, {
      ...BASE,
      DATABASE_MIGRATION_URL: 'postgres://postgres@127.0.0.1:5432/pantau_test',
      AUTH_MODE: 'dev',
      AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
    });
    expect(config).toMatchObject({ DATABASE_URL: BASE.DATABASE_URL, DATABASE_MIGRATION_URL: 'postgres://postgres@127.0.0.1:5432/pantau_test' });
  });
});
