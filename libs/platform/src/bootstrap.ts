import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { type Application, json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { MigrationInterface } from 'typeorm';
import type { Logger } from 'pino';
import { CORRELATION_ID } from '@lib/kernel';
import { assertDatabaseReachable, assertEventLogReadable, runMigrations } from './database';
import { assertLeastPrivilege, assertSchemaCurrent, type TablePrivileges } from './database-privileges';
import { type BaseServiceConfig, ConfigError, POSTGRES_URL } from './load-config';
import { createLogger, runWithContext } from './logger';
import { ServiceMetrics } from './metrics';
import { createOpenApiDocument, type HttpSurface } from './openapi';
import { createValidationPipe } from './validation';

const CORRELATION_HEADER = 'x-correlation-id';

/** A service's schema: its migrations, and what its application role may do on each table. */
export interface ServiceDatabase {
  migrations: (new () => MigrationInterface)[];
  tablePrivileges: TablePrivileges;
}

/**
 * Makes sure the database answers, its schema is current, the service's role can only do what the
 * service needs, and its event log can be read in order, before anything else starts. With
 * DATABASE_MIGRATION_URL (local runs, tests) it migrates first as the schema owner, then closes that
 * connection and forgets the URL, in the config and in `env`: the serving process keeps no way to
 * reach the owner. Without it (production: a migration job runs first) it never migrates.
 */
export async function prepareDatabase(
  config: BaseServiceConfig,
  database: ServiceDatabase,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const migrationUrl = config.DATABASE_MIGRATION_URL;
  try {
    if (migrationUrl) await migrateDatabase(migrationUrl, database.migrations, logger);
  } finally {
    delete config.DATABASE_MIGRATION_URL;
    delete env.DATABASE_MIGRATION_URL;
  }
  await assertDatabaseReachable(config.DATABASE_URL);
  await assertSchemaCurrent(config.DATABASE_URL, database.migrations);
  await assertLeastPrivilege(config.DATABASE_URL, database.tablePrivileges);
  await assertEventLogReadable(config.DATABASE_URL);
}

/** Runs the pending migrations as the schema owner (`url`): the migration step, or the start of a local run. */
export async function migrateDatabase(url: string, migrations: (new () => MigrationInterface)[], logger: Logger): Promise<void> {
  await assertDatabaseReachable(url);
  const applied = await runMigrations(url, migrations);
  logger.info({ migrations: applied }, applied.length > 0 ? 'migrations applied' : 'schema already current');
}

/** The service entrypoint's flag for the migration step: migrate as the schema owner, then exit. */
export const MIGRATE_ONLY_FLAG = '--migrate-only';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The migration step, run before the service starts (a Kubernetes Job or init container, `npm run
 * db:migrate`, deploy/local/start.sh): the only process that is given the schema owner's connection.
 * Reads DATABASE_MIGRATION_URL and LOG_LEVEL only, so it needs none of the serving process's secrets.
 */
export async function migrateOnly(service: string, database: ServiceDatabase, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const url = env.DATABASE_MIGRATION_URL;
  if (!url || !POSTGRES_URL.test(url)) {
    throw new ConfigError([
      `DATABASE_MIGRATION_URL must be a postgres:// URL that names the database (the schema owner's connection) for ${MIGRATE_ONLY_FLAG}`,
    ]);
  }
  const logger = createLogger(service, LOG_LEVELS.includes(env.LOG_LEVEL ?? '') ? env.LOG_LEVEL! : 'info');
  await migrateDatabase(url, database.migrations, logger);
}

/**
 * The services answer JSON only: nothing in an answer may load anything or be framed. The other
 * headers helmet would add by default are left out, so the policy stays the one documented in the README.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: 'same-site' },
  originAgentCluster: false,
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});
const contentSecurityPolicy = helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } });

/**
 * The HTTP edge every service shares: correlation ids in and out, request durations for /metrics, body
 * size limit, security headers, CORS from config, strict validation, OpenAPI at /docs (JSON at /docs-json), graceful shutdown.
 */
export function configureHttp(app: INestApplication, config: BaseServiceConfig, logger: Logger, surface: HttpSurface): void {
  app.enableShutdownHooks();
  const metrics = app.get(ServiceMetrics);
  (app.getHttpAdapter().getInstance() as Application).set('trust proxy', config.TRUST_PROXY);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const incoming = request.headers[CORRELATION_HEADER];
    const correlationId = typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.observeRequest(request, response, ms / 1e3);
      logger.debug({ correlationId, method: request.method, path: request.path, status: response.statusCode, ms }, 'request');
    });
    runWithContext({ correlationId }, next);
  });
  app.use(securityHeaders);
  // The OpenAPI page (/docs) runs Swagger UI's own scripts and styles.
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.path.startsWith('/docs') ? next() : contentSecurityPolicy(request, response, next),
  );
  app.use(json({ limit: config.BODY_LIMIT_BYTES }));
  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    exposedHeaders: ['X-Correlation-Id'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'],
  });
  app.useGlobalPipes(createValidationPipe());
  const document = createOpenApiDocument(app, surface);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
