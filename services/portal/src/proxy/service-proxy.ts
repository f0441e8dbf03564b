import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { sendProblem } from '../http/problem';

/**
 * What the portal passes on to a service: the caller's token and content negotiation, the
 * idempotency key, the correlation id, and the User-Agent (the survey service uses it to tell
 * anonymous respondents apart). Cookies and anything else the browser sends stay here.
 */
export const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-length',
  'content-type',
  'idempotency-key',
  'user-agent',
  'x-correlation-id',
] as const;

/**
 * What a service serves for its operators, never for browsers: metrics (consumer group and topic
 * names), health (host and user names in its errors, a broker connection per call) and the OpenAPI
 * documents. The portal forwards only the API.
 */
const INTERNAL_PATHS = new Set(['metrics', 'health', 'docs', 'docs-json']);

/** Hop-by-hop headers (RFC 9110 7.6.1): about one connection, never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export interface ServiceProxyOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3002. */
  target: string;
  /** Name used in logs and errors, e.g. `survey`. */
  service: string;
  /** How long to wait for the service's answer to start. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * The client chain plus the address this hop saw. Appended, never replaced: a service trusting one
 * hop (the portal) reads the rightmost entry, which a browser cannot forge.
 */
export function forwardedFor(request: Request): string {
  const peer = request.socket.remoteAddress ?? '';
  const incoming = request.headers['x-forwarded-for'];
  const chain = Array.isArray(incoming) ? incoming.join(', ') : incoming;
  return chain ? `${chain}, ${peer}` : peer;
}

function pickHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const picked: Record<string, string | string[]> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value: string | string[] | undefined = headers[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * Forwards a request mounted under a prefix (`/api/survey/public/x` → `<target>/public/x`) and
 * streams both bodies: a 20 MB evidence upload or a QR PNG passes through without being buffered.
 * An unreachable or silent service becomes a 502/504 problem; a caller who goes away cancels the call.
 */
export function createServiceProxy({ target, service, timeoutMs, logger }: ServiceProxyOptions): RequestHandler {
  const base = new URL(target);
  const basePath = base.pathname.replace(/\/$/, '');
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;

  return (request: Request, response: Response) => {
    const url = upstreamUrl(base, basePath, request.url);
    if (isInternal(url.pathname.slice(basePath.length))) {
      sendProblem(response, 404, 'HTTP.NOT_FOUND', 'no such API');
      return;
    }
    const headers = { ...pickHeaders(request.headers), 'x-forwarded-for': forwardedFor(request), 'x-forwarded-proto': request.protocol };
    const upstream = send(url, { method: request.method, headers });

    let callerGone = false;
    upstream.setTimeout(timeoutMs, () => upstream.destroy(new UpstreamTimeoutError(service, timeoutMs)));

    upstream.on('response', (answer) => {
      response.status(answer.statusCode ?? 502);
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) response.setHeader(name, value);
      }
      answer.pipe(response);
      answer.on('error', (error) => response.destroy(error));
    });

    upstream.on('error', (error) => {
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      if (callerGone) return;
      const timedOut = error instanceof UpstreamTimeoutError;
      logger.warn({ service, path: url.pathname, err: error.message }, timedOut ? 'service did not answer in time' : 'service unreachable');
      if (timedOut) sendProblem(response, 504, 'PORTAL.UPSTREAM_TIMEOUT', `the ${service} service did not answer within ${timeoutMs} ms; try again`);
      else sendProblem(response, 502, 'PORTAL.UPSTREAM_UNAVAILABLE', `the ${service} service cannot be reached; try again shortly`);
    });

    // The caller hung up before the answer was complete: stop the work upstream too.
    response.on('close', () => {
      if (response.writableFinished) return;
      callerGone = true;
      upstream.destroy();
    });

    request.pipe(upstream);
  };
}

/**
 * The service URL for a path under the mount point. Built by setting the path, never by resolving
 * it: `/api/survey//evil.example/x` must stay a path on the service, not become another host.
 */
function upstreamUrl(base: URL, basePath: string, pathAndQuery: string): URL {
  const url = new URL(base.origin);
  const queryAt = pathAndQuery.indexOf('?');
  url.pathname = `${basePath}${queryAt === -1 ? pathAndQuery : pathAndQuery.slice(0, queryAt)}`;
  url.search = queryAt === -1 ? '' : pathAndQuery.slice(queryAt);
  return url;
}

/**
 * Whether a service path (as the URL parser normalised it: dot segments, encoded or not, resolved)
 * names an internal endpoint. Express matches routes without regard to case or a trailing slash.
 */
function isInternal(servicePath: string): boolean {
  const first = servicePath.split('/').find((segment) => segment !== '') ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(first);
  } catch {
    return false; // a malformed escape names no endpoint; the service refuses it like any unknown path
  }
  return INTERNAL_PATHS.has(decoded.toLowerCase());
}

class UpstreamTimeoutError extends Error {
  constructor(service: string, ms: number) {
    super(`${service} did not answer within ${ms} ms`);
  }
}
