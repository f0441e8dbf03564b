import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { type Application } from 'express';
import { createValidationPipe, PinoNestLogger } from '@lib/platform';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { PortalSettings } from './config';
import { edgeMiddleware, securityHeaders } from './http/edge.middleware';
import { sendProblem } from './http/problem';
import { createServiceProxy } from './proxy/service-proxy';
import { webAssets } from './web-app/web-app';

/** Small JSON bodies only: the portal itself reads nothing larger than a sign-in request. */
const OWN_BODY_LIMIT = '16kb';

/**
 * The portal as main.ts runs it and as tests boot it: edge headers and logs, the three service
 * proxies (bodies streamed, never parsed here), the built web app, the sign-in routes, health.
 * Not listening yet.
 */
export async function createPortalApp(settings: PortalSettings, logger: Logger): Promise<INestApplication> {
  const { config } = settings;
  const app = await NestFactory.create(AppModule.register(settings, logger), { logger: new PinoNestLogger(logger), bodyParser: false });
  app.enableShutdownHooks();
  // The portal's peer is the browser, or an ingress in front of it listed in TRUST_PROXY.
  (app.getHttpAdapter().getInstance() as Application).set('trust proxy', config.TRUST_PROXY);
  app.use(edgeMiddleware(logger));
  app.use(securityHeaders({ hsts: config.NODE_ENV === 'production' }));
  const services = { request: config.REQUEST_SERVICE_URL, survey: config.SURVEY_SERVICE_URL, evaluation: config.EVALUATION_SERVICE_URL };
  for (const [service, target] of Object.entries(services)) {
    app.use(`/api/${service}`, createServiceProxy({ service, target, timeoutMs: config.UPSTREAM_TIMEOUT_MS, logger }));
  }
  app.use('/api', (_request: express.Request, response: express.Response) =>
    sendProblem(response, 404, 'HTTP.NOT_FOUND', 'no such API; use /api/request, /api/survey or /api/evaluation'),
  );
  app.use('/auth', express.json({ limit: OWN_BODY_LIMIT }));
  app.use(webAssets(config.WEB_ROOT));
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return app;
}
