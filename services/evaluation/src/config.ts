import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@lib/platform';

/** The only reader of process.env in the evaluation service; every key is in deploy/.env.example. */
export class EvaluationConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3003;

  override KAFKA_CLIENT_ID = 'pantau-evaluation';
}
