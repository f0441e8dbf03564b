import type { Response } from 'express';
import { ErrorMessages, type PlatformErrorCode, problemBody } from '@lib/platform';
import { PORTAL_ERRORS, type PortalErrorCode } from './error-codes';

/** What a person reads for the portal's own problems and the platform's. */
const PORTAL_MESSAGES = new ErrorMessages({ codes: PORTAL_ERRORS });

/**
 * Answers with the same application/problem+json shape the services use, for errors the portal
 * raises outside Nest's exception filter (the proxy, the static files).
 */
export function sendProblem(response: Response, status: number, code: PortalErrorCode | PlatformErrorCode, detail: string): void {
  const correlationId = response.getHeader('X-Correlation-Id');
  const body = problemBody(PORTAL_MESSAGES, status, code, detail, { correlationId: typeof correlationId === 'string' ? correlationId : undefined });
  response.status(status).type('application/problem+json').send(JSON.stringify(body));
}
