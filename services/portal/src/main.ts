import './tracing';
import 'reflect-metadata';
import { createLogger } from '@lib/platform';
import { loadPortalSettings } from './config';
import { createPortalApp } from './portal-app';

async function main(): Promise<void> {
  const settings = loadPortalSettings();
  const { config } = settings;
  const logger = createLogger('portal', config.LOG_LEVEL);
  const app = await createPortalApp(settings, logger);
  await app.listen(config.PORT, config.HOST);
  logger.info(
    {
      url: `http://${config.HOST}:${config.PORT}`,
      services: [config.REQUEST_SERVICE_URL, config.SURVEY_SERVICE_URL, config.EVALUATION_SERVICE_URL],
      authMode: settings.auth.AUTH_MODE,
    },
    'portal listening',
  );
}

main().catch((error: unknown) => {
  // Config problems are expected at boot: print them plainly, not as a stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pantau-portal failed to start: ${message}\n`);
  process.exit(1);
});
