import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Clock, rateLimitUnavailable, SharedCounters, SharedCountersUnavailable } from '@lib/platform';
import { RequestConfig } from '../../config';
import type { RequestErrorCode } from '../domain/error-codes';

const HOUR_MS = 3_600_000;
const UNIT_HOURLY_LIMIT: RequestErrorCode = 'REQUEST.UNIT_HOURLY_LIMIT';

/**
 * The tenant-wide cap on a unit's online submissions (requests and complaints together) per clock
 * hour, whoever sends them: the per-address limit stops one client, this stops many. Every attempt
 * that reaches a handler counts, accepted or not. Counted in Redis; when it does not answer, the
 * submission is refused (503) rather than let through uncounted.
 */
@Injectable()
export class OnlineSubmissionCap {
  constructor(
    private readonly counters: SharedCounters,
    private readonly config: RequestConfig,
    private readonly clock: Clock,
  ) {}

  /** Counts one submission to the unit; 429 with Retry-After (the end of the hour) above the cap. */
  async admit(tenantId: string, unitId: string, request: Request): Promise<void> {
    const limitPerHour = this.config.ONLINE_SUBMISSIONS_PER_UNIT_PER_HOUR;
    const { count, windowEndsInMs } = await this.counters
      .countInWindow(`online-submissions:${tenantId}:${unitId}`, HOUR_MS, this.clock.now())
      .catch((error: unknown) => {
        throw error instanceof SharedCountersUnavailable ? rateLimitUnavailable(error) : error;
      });
    if (count <= limitPerHour) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(windowEndsInMs / 1000));
    request.res?.setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException(
      {
        code: UNIT_HOURLY_LIMIT,
        message: `unit ${unitId} of ${tenantId} accepts at most ${limitPerHour} online requests and complaints per hour`,
        details: { unitId, limitPerHour, retryAfterSeconds },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
