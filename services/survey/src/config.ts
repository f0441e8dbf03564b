import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@lib/platform';

/** The only reader of process.env in the survey service; every key is in deploy/.env.example. */
export class SurveyConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3002;

  override KAFKA_CLIENT_ID = 'pantau-survey';
}
