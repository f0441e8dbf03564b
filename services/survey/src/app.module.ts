import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { surveyCodec } from '@lib/contracts';
import { type AuthConfig, PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { SurveyConfig } from './config';
import { SURVEY_ERRORS } from './survey/domain/error-codes';
import { SURVEY_FIELD_RULES } from './survey/domain/field-rules';
import { CompletedRequestsConsumer } from './survey/consumers/completed-requests.consumer';
import { SkmSurveysProjection } from './survey/projections/skm-surveys.projection';
import { SurveyModule } from './survey/survey.module';

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
          consumers: [CompletedRequestsConsumer],
        }),
        SurveyModule,
      ],
    };
  }
}
