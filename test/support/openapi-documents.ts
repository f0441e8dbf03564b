import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  type AuthConfig,
  type BaseServiceConfig,
  createLogger,
  createOpenApiDocument,
  DEFAULT_DEV_SIGNING_SECRET,
  type HttpSurface,
  loadServiceConfig,
  PinoNestLogger,
} from '@lib/platform';
import type { Logger } from 'pino';
import { AppModule as EvaluationAppModule, httpSurface as evaluationSurface } from '../../services/evaluation/src/app.module';
import { EvaluationConfig } from '../../services/evaluation/src/config';
import { AppModule as RequestAppModule, httpSurface as requestSurface } from '../../services/request/src/app.module';
import { RequestConfig } from '../../services/request/src/config';
import { AppModule as SurveyAppModule, httpSurface as surveySurface } from '../../services/survey/src/app.module';
import { SurveyConfig } from '../../services/survey/src/config';

interface DocumentedService<C extends BaseServiceConfig> {
  configClass: new () => C;
  appModule: { register(config: C, logger: Logger, auth: AuthConfig): DynamicModule } & Type;
  surface: HttpSurface;
}

const documented = <C extends BaseServiceConfig>(service: DocumentedService<C>) => service;

/** The services whose documents the portal's API types are generated from. */
export const DOCUMENTED_SERVICES = {
  request: documented({ configClass: RequestConfig, appModule: RequestAppModule, surface: requestSurface }),
  survey: documented({ configClass: SurveyConfig, appModule: SurveyAppModule, surface: surveySurface }),
  evaluation: documented({ configClass: EvaluationConfig, appModule: EvaluationAppModule, surface: evaluationSurface }),
};

export type DocumentedServiceName = keyof typeof DOCUMENTED_SERVICES;
export const DOCUMENTED_SERVICE_NAMES = Object.keys(DOCUMENTED_SERVICES) as DocumentedServiceName[];

/*
 * The module graph only: no app.init(), so no migration, connection, relay or consumer starts, and the
 * database and broker addresses below are never dialled. Routes and their metadata are all there.
 */
const OFFLINE_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  AUTH_MODE: 'dev',
  AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
  DATABASE_URL: 'postgres://openapi@127.0.0.1:1/not-connected',
  KAFKA_BROKERS: '127.0.0.1:1',
};

/** A service's Nest app, built but not initialised; close it when done. */
export async function offlineServiceApp(name: DocumentedServiceName): Promise<INestApplication> {
  const service: DocumentedService<BaseServiceConfig> = DOCUMENTED_SERVICES[name];
  const { config, auth } = loadServiceConfig(service.configClass, OFFLINE_ENV);
  const logger = createLogger(name, config.LOG_LEVEL);
  return NestFactory.create(service.appModule.register(config, logger, auth), { logger: new PinoNestLogger(logger), bodyParser: false, abortOnError: false });
}

/** The OpenAPI document the service serves at /docs-json. */
export async function openApiDocumentOf(name: DocumentedServiceName): Promise<OpenAPIObject> {
  const app = await offlineServiceApp(name);
  try {
    return createOpenApiDocument(app, DOCUMENTED_SERVICES[name].surface);
  } finally {
    await app.close();
  }
}
