import type { Request } from 'express';
import { clientNetwork } from '@lib/platform';
import type { SubmittingClient } from '../commands/duplicate-check';

/**
 * Who sent a public submission: the one place the survey service turns a request into a client and
 * user agent. The client is its network as the rate limits key it (an IPv4 address, an IPv6 /64), so
 * a respondent cannot look new by rotating addresses within their own prefix.
 */
export function submittingClient(request: Request, respondentToken?: string): SubmittingClient {
  return { address: clientNetwork(request), userAgent: request.headers['user-agent'] ?? '', respondentToken };
}
