import type { Request } from 'express';
import type { SubmittingClient } from '../commands/duplicate-check';

/**
 * Who sent a public submission: the one place the survey service turns a request into a client address
 * and user agent, so how the address is derived (trusted proxies, IPv6 prefixes) changes here only.
 */
export function submittingClient(request: Request, respondentToken?: string): SubmittingClient {
  return { address: request.ip ?? '', userAgent: request.headers['user-agent'] ?? '', respondentToken };
}
