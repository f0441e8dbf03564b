import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { surveyCodec } from '@lib/contracts';
import { PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { SurveyConfig } from './config';

@Module({})
export class AppModule {
  static register(config: SurveyConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forService({ config, configClass: SurveyConfig, logger, codec: surveyCodec }),
      ],
    };
  }
}
