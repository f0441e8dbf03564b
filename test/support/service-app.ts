import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type BaseServiceConfig, configureHttp, createLogger, loadConfig, PinoNestLogger, prepareDatabase } from '@lib/platform';
import type { Logger } from 'pino';
import type { MigrationInterface } from 'typeorm';

export interface ServiceUnderTest<C extends BaseServiceConfig> {
  name: string;
  configClass: new () => C;
  appModule: { register(config: C, logger: Logger): DynamicModule } & Type;
  migrations: (new () => MigrationInterface)[];
}

/**
 * Boots a service the way main.ts does (validated config, migrations, the whole module with its relay
 * and consumers, the HTTP edge) against the given database and broker, without opening a port.
 */
export async function startService<C extends BaseServiceConfig>(service: ServiceUnderTest<C>, env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig(service.configClass, { NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env });
  const logger = createLogger(service.name, config.LOG_LEVEL);
  await prepareDatabase(config.DATABASE_URL, service.migrations, logger);
  const app = await NestFactory.create(service.appModule.register(config, logger), { logger: new PinoNestLogger(logger), bodyParser: false });
  configureHttp(app, config, logger, { title: service.name, description: 'under test' });
  await app.init();
  return app;
}
