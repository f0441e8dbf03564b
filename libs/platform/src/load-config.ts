import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, type ValidationError } from 'class-validator';
import { IsTrustedProxyList, retiredHopCountProblems } from './trusted-proxies';

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
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

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
  @Matches(/^postgres(ql)?:\/\/.+\/[^/]+$/, { message: 'DATABASE_URL must be a postgres:// URL that names the database' })
  DATABASE_URL!: string;

  /** The schema owner's connection, used only to run migrations at boot; DATABASE_URL when not set. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+\/[^/]+$/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL that names the database' })
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

  /** Largest JSON body accepted, in bytes; larger requests get 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
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
  // SASL PLAIN sends the password as it is: only over TLS, except on a developer's loopback broker.
  if (config.NODE_ENV === 'production' && config.KAFKA_SASL_MECHANISM === 'plain' && !config.KAFKA_SSL) {
    problems.push('KAFKA_SASL_MECHANISM=plain needs KAFKA_SSL=true when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && !defined.REDIS_URL) {
    problems.push('REDIS_URL is required when NODE_ENV=production: the rate limits of the replicas are counted there');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function describe(error: ValidationError, prefix = ''): string[] {
  const path = `${prefix}${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => (message.startsWith(path) ? message : `${path}: ${message}`));
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, `${path}.`))];
}
