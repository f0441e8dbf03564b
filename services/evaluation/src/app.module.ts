import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { evaluationCodec } from '@lib/contracts';
import { type AuthConfig, type HttpSurface, PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { EvaluationConfig } from './config';
import { EVALUATION_ERRORS } from './evaluation/domain/error-codes';
import { EVALUATION_FIELD_RULES } from './evaluation/domain/field-rules';
import { FindingsRecomputeWorker } from './evaluation/commands/findings-recompute.worker';
import { F03ClosedConsumer } from './evaluation/consumers/f03-closed.consumer';
import { EvaluationModule } from './evaluation/evaluation.module';
import { EvaluationResourceLocator } from './evaluation/http/resources';
import { EvaluationReadModelProjection } from './evaluation/projections/evaluation-read-model.projection';
import { F01VersionsProjection } from './evaluation/projections/f01-versions.projection';
import { UnitsProjection } from './evaluation/projections/units.projection';
import { RequestFactsConsumer } from './evaluation/consumers/request-facts.consumer';
import { RequestProposalFiguresConsumer } from './evaluation/consumers/request-proposal-figures.consumer';
import { SurveyProposalFiguresConsumer } from './evaluation/consumers/survey-proposal-figures.consumer';
import { UnitLokusFindingsConsumer } from './evaluation/consumers/unit-lokus-findings.consumer';

/** How the service names itself in its OpenAPI document (/docs). */
export const httpSurface: HttpSurface = {
  title: 'Pantau evaluation service',
  description: 'PEKPPP cycles, self-assessment, evaluator scoring and IPP under versioned rulesets',
};

@Module({})
export class AppModule {
  static register(config: EvaluationConfig, logger: Logger, auth: AuthConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forService({
          config,
          configClass: EvaluationConfig,
          auth,
          targetLocator: EvaluationResourceLocator,
          logger,
          errors: { codes: EVALUATION_ERRORS, fieldRules: EVALUATION_FIELD_RULES },
          codec: evaluationCodec,
          projections: [EvaluationReadModelProjection, UnitsProjection, F01VersionsProjection],
          consumers: [RequestFactsConsumer, F03ClosedConsumer, RequestProposalFiguresConsumer, SurveyProposalFiguresConsumer, UnitLokusFindingsConsumer],
          queueWorkers: [FindingsRecomputeWorker],
        }),
        EvaluationModule,
      ],
    };
  }
}
