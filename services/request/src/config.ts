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
   * Days a complaint's reporter identity (name, e-mail, phone) is kept after the complaint was closed
   * (resolved, archived, not our authority). Staff contact reporters only while a complaint is open;
   * the grace covers a reopening that needs a call.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  COMPLAINT_REPORTER_RETENTION_DAYS = 90;

  /**
   * Days a closed complaint's free texts (subject, description, notes, responses, reopening reasons)
   * stay readable before its key is erased. Two years: a report to the Ombudsman may be made up to two
   * years after the event (UU 37/2008 Pasal 24), and the complaint file is its evidence.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  COMPLAINT_TEXT_RETENTION_DAYS = 730;

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
