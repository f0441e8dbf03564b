import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { type Application, json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { MigrationInterface } from 'typeorm';
import type { Logger } from 'pino';
import { CORRELATION_ID } from '@lib/kernel';
import { assertDatabaseReachable, assertEventLogReadable, runMigrations } from './database';
import type { BaseServiceConfig } from './load-config';
import { runWithContext } from './logger';
import { ServiceMetrics } from './metrics';
import { createOpenApiDocument, type HttpSurface } from './openapi';
import { createValidationPipe } from './validation';

const CORRELATION_HEADER = 'x-correlation-id';

/** Makes sure the database answers, its schema is current and its event log can be read in order, before anything else starts. */
export async function prepareDatabase(url: string, migrations: (new () => MigrationInterface)[], logger: Logger): Promise<void> {
  await assertDatabaseReachable(url);
  const applied = await runMigrations(url, migrations);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  await assertEventLogReadable(url);
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
