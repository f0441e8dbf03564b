import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { runWithContext } from '@lib/platform';

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The web app loads only its own bundle: scripts, styles, fonts and API calls from this origin, QR
 * images from this origin (or inline data: URLs), no inline script, no framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every answer of the portal; a proxied service answer may override them with its own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The SKM kiosk needs none of these; a compromised script gets none either.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * First middleware of every request: a correlation id (the caller's if it is safe, else a new one)
 * that the proxy forwards to the service and every log line carries; the security headers; one
 * structured log line per request.
 */
export function edgeMiddleware(logger: Logger, options: { hsts: boolean }) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.headers[CORRELATION_HEADER];
    const correlationId = typeof incoming === 'string' && SAFE_CORRELATION_ID.test(incoming) ? incoming : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // Browsers ignore HSTS over plain http; it matters behind the production TLS terminator.
    if (options.hsts) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    response.removeHeader('X-Powered-By');
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      // The path only: query strings may carry tracking codes.
      logger.info({ correlationId, method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms }, 'request');
    });
    runWithContext({ correlationId }, next);
  };
}
