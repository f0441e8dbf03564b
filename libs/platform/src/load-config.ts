import { plainToInstance, Transform, Type } from 'class-transformer';
import { DEVELOPMENT_DLQ_ENCRYPTION_KEY } from '@lib/messaging';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, type ValidationError } from 'class-validator';
import { IsTrustedProxyList, retiredHopCountProblems } from './trusted-proxies';
import { IsSecret } from './secret.validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** A `@Transform` for list settings: `a, b,c` → ['a', 'b', 'c']. */
export const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
/** Published in deploy/.env.example for local runs and tests, so refused in production. */
export const DEVELOPMENT_PERSONAL_DATA_KEY = Buffer.from('pantau-local-personal-data-key!!', 'utf8').toString('base64');

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** A postgres:// connection URL that names its database. */
export const POSTGRES_URL = /^postgres(ql)?:\/\/.+\/[^/]+$/;
/** The Redis every development machine and CI runs (deploy/local/start.sh and .ci/run start it if it does not answer). */
export const DEVELOPMENT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Settings every service reads. A service's own config class extends it; `deploy/.env.example`
 * documents each key. Secrets come only from the environment.
 */
export class BaseServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  HOST = '127.0.0.1';

  /** The application role's connection: it may not change or delete stored events (see deploy/local/create-databases.js). */
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL that names the database' })
  DATABASE_URL!: string;

  /**
   * The schema owner's connection, for migrating at boot (local runs, tests): the service closes it and
   * forgets the URL before it serves. Unset, the service never migrates and refuses a schema behind it;
   * production runs the migration step (`main.js --migrate-only`) as a job before the service starts.
   */
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL that names the database' })
  DATABASE_MIGRATION_URL?: string;

  @Transform(splitList)
  @IsString({ each: true })
  @Matches(/^[^:\s]+:\d+$/, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string[];

  @IsString()
  @MinLength(1)
  KAFKA_CLIENT_ID!: string;

  @Transform(toBoolean)
  @IsBoolean()
  KAFKA_SSL = false;

  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /**
   * Seals the value of every dead letter (AES-256-GCM): they are whole events, with complaint texts and
   * reporter references. 32 bytes in base64 (`openssl rand -base64 32`); `npm run dlq:replay` needs the
   * same key. The published development default is refused when NODE_ENV=production.
   */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'DLQ_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)' })
  @IsSecret(DEVELOPMENT_DLQ_ENCRYPTION_KEY)
  DLQ_ENCRYPTION_KEY = DEVELOPMENT_DLQ_ENCRYPTION_KEY;

  /** How long a dead-letter topic the service creates keeps its letters (its retention.ms): 14 days unless set, at most 90. */
  @Type(() => Number)
  @IsInt()
  @Min(3_600_000)
  @Max(90 * 24 * 3_600_000)
  DLQ_RETENTION_MS = 14 * 24 * 3_600_000;

  /**
   * Prepended to every consumer group id, so two deployments (or a test run beside a dev run) can
   * share one broker without stealing each other's partitions.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_CONSUMER_GROUP_PREFIX = '';

  /**
   * Prepended to every topic the service publishes to or consumes (and their dead-letter topics), so a
   * run that floods a broker (the HTTP benchmark) leaves the topics of the deployment, or of the tests,
   * as they were. Every service of one deployment must use the same prefix.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX = '';

  /**
   * Append statements one service runs at once; appends that arrive while all are running wait and
   * commit together (group commit). Unset: the event store's default, which was best on 2 cores
   * (bench/README.md); more cores may want more, within the pool's 20 connections, which the relay,
   * projections and reads share.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  EVENT_STORE_APPENDS_IN_FLIGHT?: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(splitList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /**
   * The reverse proxies (the portal, an ingress) trusted to set X-Forwarded-For, by address: a
   * comma-separated list of addresses, CIDRs and `loopback`, `linklocal`, `uniquelocal`. Rate limits
   * and duplicate detection key on the client address: behind a proxy not listed, every client looks
   * alike; a client connecting from an address not listed is known by that address whatever it sends.
   */
  @Transform(splitList)
  @IsTrustedProxyList()
  TRUST_PROXY: string[] = ['loopback'];

  /**
   * Where rate limits are counted, so they hold across replicas and restarts. Required when
   * NODE_ENV=production; the machine's own Redis otherwise.
   */
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = DEVELOPMENT_REDIS_URL;

  /**
   * Prepended, with NODE_ENV and KAFKA_CLIENT_ID (which names the service), to every key the service
   * writes in Redis: replicas of one deployment share their counts; deployments sharing a Redis do not.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9:._-]*$/)
  REDIS_KEY_PREFIX = 'pantau:';

  /** Requests per minute one client address may make to each citizen endpoint; 429 above. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 60;

  /**
   * The key-encryption key that wraps the per-subject data keys of sealed personal fields (see
   * PersonalDataKeys): 32 bytes in base64. Losing it makes every sealed field unreadable; changing it
   * needs the wrapped keys re-wrapped.
   */
  @Matches(BASE64_32_BYTES, { message: 'PERSONAL_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)' })
  PERSONAL_DATA_KEY = DEVELOPMENT_PERSONAL_DATA_KEY;

  /**
   * Largest JSON body accepted, in bytes; larger requests get 413. No JSON body needs megabytes (evidence
   * files are multipart, limited by EVIDENCE_MAX_BYTES), and each is parsed whole in memory: at most 4 MiB.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(4 * 1024 * 1024)
  BODY_LIMIT_BYTES = 256 * 1024;
}

/**
 * Reads and validates configuration once at boot and fails with every problem listed, so a
 * misconfigured deployment stops before it touches the database or the broker.
 */
export function loadConfig<T extends BaseServiceConfig>(configClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(configClass, defined, { exposeDefaultValues: true });
  const problems = [...validateSync(config, { whitelist: false }).flatMap((error) => describe(error)), ...retiredHopCountProblems(env)];
  if (config.KAFKA_SASL_MECHANISM && (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set');
  }
  // Anyone who can produce to a topic can forge its context's events: production brokers are reached over
  // TLS (SASL PLAIN sends the password as it is) and each service as its own principal, which ACLs restrict.
  if (config.NODE_ENV === 'production' && !config.KAFKA_SSL) {
    problems.push('KAFKA_SSL=true is required when NODE_ENV=production: the brokers are reached over TLS only');
  }
  if (config.NODE_ENV === 'production' && !config.KAFKA_SASL_MECHANISM) {
    problems.push("KAFKA_SASL_MECHANISM is required when NODE_ENV=production: each service authenticates as its own principal, which the broker's ACLs name");
  }
  if (config.NODE_ENV === 'production') {
    for (const key of ['DATABASE_URL', 'DATABASE_MIGRATION_URL'] as const) {
      const url = config[key];
      if (url && !ENCRYPTED_SSL_MODES.includes(sslModeOf(url)))
        problems.push(`${key} needs sslmode=require, verify-ca or verify-full when NODE_ENV=production`);
    }
  }
  if (config.NODE_ENV === 'production' && config.PERSONAL_DATA_KEY === DEVELOPMENT_PERSONAL_DATA_KEY) {
    problems.push('PERSONAL_DATA_KEY is the published development default; set a key of your own when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && !defined.REDIS_URL) {
    problems.push('REDIS_URL is required when NODE_ENV=production: the rate limits of the replicas are counted there');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The `sslmode`s that never fall back to plain text (node-postgres's `no-verify` is left out: it checks no certificate). */
const ENCRYPTED_SSL_MODES = ['require', 'verify-ca', 'verify-full'];

function sslModeOf(url: string): string {
  try {
    return new URL(url).searchParams.get('sslmode') ?? '';
  } catch {
    return '';
  }
}

function describe(error: ValidationError, prefix = ''): string[] {
  const path = `${prefix}${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => (message.startsWith(path) ? message : `${path}: ${message}`));
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, `${path}.`))];
}

/** The key-encryption key of sealed personal fields, as bytes. */
export const personalDataKeyOf = (config: BaseServiceConfig): Buffer => Buffer.from(config.PERSONAL_DATA_KEY, 'base64');
