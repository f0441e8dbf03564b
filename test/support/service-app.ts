import { randomUUID } from 'node:crypto';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  type AuthConfig,
  type BaseServiceConfig,
  configureHttp,
  createLogger,
  DEFAULT_DEV_SIGNING_SECRET,
  loadServiceConfig,
  PinoNestLogger,
  prepareDatabase,
  type ServiceDatabase,
} from '@lib/platform';
import { applicationDatabaseUrl } from '@lib/testing';
import type { Logger } from 'pino';

export interface ServiceUnderTest<C extends BaseServiceConfig> {
  name: string;
  configClass: new () => C;
  appModule: { register(config: C, logger: Logger, auth: AuthConfig): DynamicModule } & Type;
  database: ServiceDatabase;
}

/**
 * Boots a service the way main.ts does (validated config, migrations, the whole module with its relay
 * and consumers, the HTTP edge) against the given database and broker, without opening a port.
 * Migrations run over `env.DATABASE_URL` (the schema owner); the service then connects as the
 * application role, as in production. Tokens come from the dev issuer (see ./auth.ts); citizen
 * endpoints are not rate-limited unless `env` sets PUBLIC_RATE_LIMIT_PER_MINUTE. Each service counts
 * its limits in the machine's Redis under a key prefix of its own, unless `env` gives one (replicas).
 */
export async function startService<C extends BaseServiceConfig>(service: ServiceUnderTest<C>, env: Record<string, string>): Promise<INestApplication> {
  const { config, auth } = loadServiceConfig(service.configClass, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    AUTH_MODE: 'dev',
    AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    REDIS_KEY_PREFIX: `pantau-test-${randomUUID()}:`,
    ...env,
    DATABASE_MIGRATION_URL: env.DATABASE_URL,
    DATABASE_URL: applicationDatabaseUrl(env.DATABASE_URL),
  });
  const logger = createLogger(service.name, config.LOG_LEVEL);
  await prepareDatabase(config, service.database, logger, {});
  const app = await NestFactory.create(service.appModule.register(config, logger, auth), { logger: new PinoNestLogger(logger), bodyParser: false });
  configureHttp(app, config, logger, { title: service.name, description: 'under test' });
  await app.init();
  return app;
}
