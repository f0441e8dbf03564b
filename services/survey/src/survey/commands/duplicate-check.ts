import { createHmac } from 'node:crypto';
import type { DuplicateCheck, UnsurAnswer } from '../domain';

/** How long the same answers from the same device count as one submission sent twice (double tap, resend). */
export const RESEND_WINDOW_MS = 2 * 60_000;

/**
 * Keyed hash of the client's network and user agent, scoped to one collection or survey: what the burst
 * review groups submissions by. It lives only in the submissions table, purged after its retention.
 */
export function clientFingerprint(secret: string, scope: string, client: SubmittingClient): string {
  return createHmac('sha256', secret).update(['client', scope, client.address, client.userAgent].join('\n')).digest('base64url');
}

/** Who sent a public submission, as the HTTP edge saw it. */
export interface SubmittingClient {
  /** The client's network (`clientNetwork`): an IPv6 client by its /64, as the rate limit counts it. */
  address: string;
  userAgent: string;
  /** The random token the public form keeps for this respondent, if it sent one. */
  respondentToken?: string;
}

/**
 * The keyed hashes the decider compares (see `DuplicateCheck`): the form token's when the client sent
 * one, else the device fingerprint. Keyed with the service's secret so the
 * stored values cannot be reversed to an address by trying all of them; scoped to the survey or F-03
 * collection (`scope`) so the same device is not linkable across them. F-03 items count as answers
 * coded by their item number.
 */
export function duplicateCheck(
  secret: string,
  scope: string,
  client: SubmittingClient,
  answers: readonly UnsurAnswer[],
  suggestion: string | undefined,
  now: Date,
): DuplicateCheck {
  const hash = (...parts: string[]): string => createHmac('sha256', secret).update(parts.join('\n')).digest('base64url');
  const token = client.respondentToken?.trim();
  if (token) return { kind: 'respondent', respondentKey: hash('respondent', scope, token) };
  const answerKey = [...answers]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => `${a.code}=${a.value}`)
    .join(',');
  const suggestionKey = (suggestion ?? '').trim().toLowerCase();
  const window = Math.floor(now.getTime() / RESEND_WINDOW_MS);
  const fingerprintIn = (w: number): string => hash('submission', scope, client.address, client.userAgent, answerKey, suggestionKey, String(w));
  return { kind: 'device', fingerprint: fingerprintIn(window), earlierFingerprints: [fingerprintIn(window - 1)] };
}
