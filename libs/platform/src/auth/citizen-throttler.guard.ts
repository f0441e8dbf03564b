import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { SharedCountersUnavailable } from '../shared-counters';
import { LOGGER } from '../tokens';

/** The code of a citizen write refused because its limit could not be counted. */
export const RATE_LIMIT_UNAVAILABLE = 'RATE_LIMIT.UNAVAILABLE';

/** A citizen write whose limit cannot be counted (Redis down): refused, since the limit is all that stands against a flood. */
export function rateLimitUnavailable(cause: SharedCountersUnavailable): ServiceUnavailableException {
  return new ServiceUnavailableException({ code: RATE_LIMIT_UNAVAILABLE, message: cause.message });
}

/**
 * The per-address limit of citizen endpoints, counted in Redis. When Redis does not answer, a write
 * (anything but GET and HEAD) is refused with 503: an uncounted write is what floods a unit's figures
 * or an SKM. A read goes through: reading a form or a status changes nothing, and a tracking code
 * (80 random bits) cannot be guessed even unlimited.
 */
@Injectable()
export class CitizenThrottlerGuard extends ThrottlerGuard {
  @Inject(LOGGER) private readonly log!: Logger;

  protected override async handleRequest(requestProps: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(requestProps);
    } catch (error) {
      if (!(error instanceof SharedCountersUnavailable)) throw error;
      const { method, path } = requestProps.context.switchToHttp().getRequest<Request>();
      if (method === 'GET' || method === 'HEAD') {
        this.log.warn({ err: error, method, path }, 'rate limit not counted (Redis does not answer): read let through');
        return true;
      }
      throw rateLimitUnavailable(error);
    }
  }
}
