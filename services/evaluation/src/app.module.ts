import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { evaluationCodec } from '@lib/contracts';
import { PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { EvaluationConfig } from './config';
import { F03ClosedConsumer } from './evaluation/consumers/f03-closed.consumer';
import { EvaluationModule } from './evaluation/evaluation.module';
import { EvaluationReadModelProjection } from './evaluation/projections/evaluation-read-model.projection';
import { OperationalFactsController } from './operations/operational-facts.controller';
import { RequestFactsConsumer } from './operations/request-facts.consumer';

@Module({})
export class AppModule {
  static register(config: EvaluationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forService({
          config,
          configClass: EvaluationConfig,
          logger,
          codec: evaluationCodec,
          projections: [EvaluationReadModelProjection],
          consumers: [RequestFactsConsumer, F03ClosedConsumer],
        }),
        EvaluationModule,
      ],
      controllers: [OperationalFactsController],
    };
  }
}
