import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LOGGER, ProblemDetailsFilter, SpanFlusher } from '@lib/platform';
import type { Logger } from 'pino';
import { DevLoginController, DevLoginEnabledGuard } from './auth/dev-login.controller';
import type { PortalSettings } from './config';
import { HealthController } from './health/health.controller';
import { PORTAL_ERRORS } from './http/error-codes';
import { PORTAL_SETTINGS } from './tokens';
import { WebAppController } from './web-app/web-app.controller';
import { WebAppShell } from './web-app/web-app';

/**
 * Holds the single-page app's catch-all route. Nest registers routes module by module in the order
 * it scanned them, so importing this module last keeps /health and /auth ahead of the catch-all.
 */
@Module({ controllers: [WebAppController] })
class WebAppRoutesModule {}

@Module({})
export class AppModule {
  static register(settings: PortalSettings, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [WebAppRoutesModule],
      controllers: [HealthController, DevLoginController],
      providers: [
        { provide: PORTAL_SETTINGS, useValue: settings },
        { provide: LOGGER, useValue: logger },
        { provide: WebAppShell, useValue: new WebAppShell(settings.config.WEB_ROOT) },
        DevLoginEnabledGuard,
        SpanFlusher,
        { provide: APP_FILTER, useFactory: (log: Logger) => new ProblemDetailsFilter(log, { codes: PORTAL_ERRORS }), inject: [LOGGER] },
      ],
      exports: [PORTAL_SETTINGS, WebAppShell],
    };
  }
}
