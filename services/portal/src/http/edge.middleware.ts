import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { CORRELATION_ID } from '@lib/kernel';
import { redactBearerSecrets, runWithContext } from '@lib/platform';

const CORRELATION_HEADER = 'x-correlation-id';

/**
 * The web app loads only its own bundle: scripts, styles, fonts and API calls from this origin, QR
 * images from this origin (or inline data: URLs), no inline script, no framing, no plugins.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// The SKM kiosk needs none of these; a compromised script gets none either. Set by hand: helmet does not write this header.
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * The security headers of every answer of the portal; a proxied service answer may override them with
 * its own. HSTS only in production: browsers ignore it over plain http, and it matters behind the
 * production TLS terminator. The other headers helmet would add by default are left out.
 */
export function securityHeaders(options: { hsts: boolean }) {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    originAgentCluster: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    headers(request, response, next);
  };
}

/**
 * First middleware of every request: a correlation id (the caller's if it is safe, else a new one)
 * that the proxy forwards to the service and every log line carries; one structured log line per request.
 */
export function edgeMiddleware(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.headers[CORRELATION_HEADER];
    const correlationId = typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      // The path only: query strings may carry tracking codes.
      logger.info(
        { correlationId, method: request.method, path: redactBearerSecrets(request.originalUrl.split('?')[0]), status: response.statusCode, ms },
        'request',
      );
    });
    runWithContext({ correlationId }, next);
  };
}
