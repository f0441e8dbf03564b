import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { type Application, json, type NextFunction, type Request, type Response } from 'express';
import type { MigrationInterface } from 'typeorm';
import type { Logger } from 'pino';
import { assertDatabaseReachable, runMigrations } from './database';
import type { BaseServiceConfig } from './load-config';
import { runWithContext } from './logger';
import { createOpenApiDocument, type HttpSurface } from './openapi';
import { createValidationPipe } from './validation';

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Makes sure the database answers and its schema is current before anything else starts. */
export async function prepareDatabase(url: string, migrations: (new () => MigrationInterface)[], logger: Logger): Promise<void> {
  await assertDatabaseReachable(url);
  const applied = await runMigrations(url, migrations);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
}

/**
 * The HTTP edge every service shares: correlation ids in and out, body size limit, security headers,
 * CORS from config, strict validation, OpenAPI at /docs (JSON at /docs-json), graceful shutdown.
 */
export function configureHttp(app: INestApplication, config: BaseServiceConfig, logger: Logger, surface: HttpSurface): void {
  app.enableShutdownHooks();
  if (config.TRUST_PROXY_HOPS > 0) (app.getHttpAdapter().getInstance() as Application).set('trust proxy', config.TRUST_PROXY_HOPS);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const incoming = request.headers[CORRELATION_HEADER];
    const correlationId = typeof incoming === 'string' && SAFE_CORRELATION_ID.test(incoming) ? incoming : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    if (!request.path.startsWith('/docs')) response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    response.removeHeader('X-Powered-By');
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug({ correlationId, method: request.method, path: request.path, status: response.statusCode, ms }, 'request');
    });
    runWithContext({ correlationId }, next);
  });
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
