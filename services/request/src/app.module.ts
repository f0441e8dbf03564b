import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { requestCodec } from '@lib/contracts';
import { PlatformModule } from '@lib/platform';
import type { Logger } from 'pino';
import { RequestConfig } from './config';
import { RequestModule, requestProjections } from './request/request.module';

@Module({})
export class AppModule {
  static register(config: RequestConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forService({ config, configClass: RequestConfig, logger, codec: requestCodec, projections: requestProjections }),
        RequestModule,
      ],
    };
  }
}
