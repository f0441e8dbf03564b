import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lib/platform';
import { SurveyConfig } from './config';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://pantau_app@db.internal:5432/pantau_survey?sslmode=verify-full',
  KAFKA_BROKERS: 'kafka.internal:9093',
  SURVEY_FINGERPRINT_SECRET: 'a-production-secret-of-at-least-32-characters',
  PERSONAL_DATA_KEY: Buffer.alloc(32, 5).toString('base64'),
  REDIS_URL: 'redis://redis.pemda.internal:6379',
  DLQ_ENCRYPTION_KEY: Buffer.alloc(32, 6).toString('base64'),
  KAFKA_SSL: 'true',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'pantau-survey',
  KAFKA_SASL_PASSWORD: 's3cret',
};
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(SurveyConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('PUBLIC_SURVEY_BASE_URL', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['https in production', { ...PRODUCTION, PUBLIC_SURVEY_BASE_URL: 'https://pantau.example.go.id/survei' }, []],
    ['http on a developer machine', { ...PRODUCTION, NODE_ENV: 'development', PUBLIC_SURVEY_BASE_URL: 'http://127.0.0.1:3000/survei' }, []],
    [
      'http in production (the poster’s QR code would open a form anyone on the path can change)',
      { ...PRODUCTION, PUBLIC_SURVEY_BASE_URL: 'http://pantau.example.go.id/survei' },
      ['PUBLIC_SURVEY_BASE_URL must be an https:// URL when NODE_ENV=production'],
    ],
    ['the http default in production', PRODUCTION, ['PUBLIC_SURVEY_BASE_URL must be an https:// URL when NODE_ENV=production']],
  ])('%s', (_name, env, expected) => {
    expect(problemsOf(env)).toEqual(expected);
  });
});
