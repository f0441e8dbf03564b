import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@lib/platform';

/** The only reader of process.env in the request service; every key is in deploy/.env.example. */
export class RequestConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3001;

  override KAFKA_CLIENT_ID = 'pantau-request';

  /**
   * Online requests and complaints one unit accepts per clock hour from all citizens together (429
   * above), counted in Redis across replicas: a flood of submissions nobody processes would otherwise
   * drive the unit's open, overdue and SLA figures and its staff's workload.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  ONLINE_SUBMISSIONS_PER_UNIT_PER_HOUR = 200;
}
