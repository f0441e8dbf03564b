import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { requestCodec } from '@lib/contracts';
import { type AuthConfig, type HttpSurface, PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { RequestConfig } from './config';
import { REQUEST_ERRORS } from './request/domain/error-codes';
import { REQUEST_FIELD_RULES } from './request/domain/field-rules';
import { RequestResourceLocator } from './request/http/resources';
import { RequestModule, requestProjections } from './request/request.module';

/** How the service names itself in its OpenAPI document (/docs). */
export const httpSurface: HttpSurface = {
  title: 'Pantau request service',
  description: 'Service standards, citizen requests with SLA, complaints (SP4N-LAPOR!)',
};

@Module({})
export class AppModule {
  static register(config: RequestConfig, logger: Logger, auth: AuthConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forService({
          config,
          configClass: RequestConfig,
          auth,
          targetLocator: RequestResourceLocator,
          logger,
          errors: { codes: REQUEST_ERRORS, fieldRules: REQUEST_FIELD_RULES },
          codec: requestCodec,
          projections: requestProjections,
        }),
        RequestModule,
      ],
    };
  }
}
