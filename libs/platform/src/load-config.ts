import { plainToInstance, Transform, Type } from 'class-transformer';
import { DEVELOPMENT_DLQ_ENCRYPTION_KEY } from '@lib/messaging';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, type ValidationError } from 'class-validator';
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
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

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
   * How many reverse proxies (the portal, an ingress) stand in front of the service and are trusted to
   * set X-Forwarded-For; 0 = none, the peer address is the client's. Rate limits and duplicate
   * detection key on the client address, so behind a proxy this must be set or every client looks alike.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  TRUST_PROXY_HOPS = 0;

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
  const problems = validateSync(config, { whitelist: false }).flatMap((error) => describe(error));
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
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function describe(error: ValidationError, prefix = ''): string[] {
  const path = `${prefix}${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) => (message.startsWith(path) ? message : `${path}: ${message}`));
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, `${path}.`))];
}
