import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureHttp, createLogger, loadServiceConfig, MIGRATE_ONLY_FLAG, migrateOnly, PinoNestLogger, prepareDatabase } from '@lib/platform';
import { AppModule, httpSurface } from './app.module';
import { RequestConfig } from './config';
import { requestDatabase } from './migrations';

async function main(): Promise<void> {
  if (process.argv.includes(MIGRATE_ONLY_FLAG)) return migrateOnly('request', requestDatabase);
  const { config, auth } = loadServiceConfig(RequestConfig);
  const logger = createLogger('request', config.LOG_LEVEL);
  await prepareDatabase(config, requestDatabase, logger);
  const app = await NestFactory.create(AppModule.register(config, logger, auth), { logger: new PinoNestLogger(logger), bodyParser: false });
  configureHttp(app, config, logger, httpSurface);
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: `http://${config.HOST}:${config.PORT}`, docs: `http://${config.HOST}:${config.PORT}/docs` }, 'request service listening');
}

main().catch((error: unknown) => {
  // Config, database and broker problems are expected at boot: print them plainly, not as a stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pantau-request failed to start: ${message}\n`);
  process.exit(1);
});
