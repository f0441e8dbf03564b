import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { surveyCodec } from '@lib/contracts';
import { type AuthConfig, type HttpSurface, PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { SurveyConfig } from './config';
import { SURVEY_ERRORS } from './survey/domain/error-codes';
import { SURVEY_FIELD_RULES } from './survey/domain/field-rules';
import { CompletedRequestsConsumer } from './survey/consumers/completed-requests.consumer';
import { PekpppCyclesConsumer } from './survey/consumers/pekppp-cycles.consumer';
import { SkmSurveysProjection } from './survey/projections/skm-surveys.projection';
import { SurveyModule } from './survey/survey.module';

/** How the service names itself in its OpenAPI document (/docs). */
export const httpSurface: HttpSurface = {
  title: 'Pantau survey service',
  description: 'SKM surveys (PermenPANRB 14/2017) and PEKPPP F-03 user assessment',
};

@Module({})
export class AppModule {
  static register(config: SurveyConfig, logger: Logger, auth: AuthConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forService({
          config,
          configClass: SurveyConfig,
          auth,
          logger,
          errors: { codes: SURVEY_ERRORS, fieldRules: SURVEY_FIELD_RULES },
          codec: surveyCodec,
          projections: [SkmSurveysProjection],
          consumers: [CompletedRequestsConsumer, PekpppCyclesConsumer],
        }),
        SurveyModule,
      ],
    };
  }
}
