import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The label of requests no route answered (404s, static files): raw paths would make a series per id. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * The Prometheus metrics of one service app, served at /metrics: the process's default metrics, HTTP
 * request durations, and what the background workers add (lags, dead letters). A registry per app,
 * not prom-client's global one: tests run several services in one process, each with its own metrics.
 */
@Injectable()
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'pantau_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records a finished request under its route pattern (`/cycles/:cycleId/results`), never its URL. */
  observeRequest(request: Request, response: Response, seconds: number): void {
    const route = (request.route as { path?: unknown } | undefined)?.path;
    this.requestDuration.observe(
      { method: request.method, route: typeof route === 'string' ? route : UNMATCHED_ROUTE, status_code: String(response.statusCode) },
      seconds,
    );
  }
}
