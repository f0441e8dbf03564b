import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { ProblemBody } from '@lib/platform';

/**
 * Answers with the same application/problem+json shape the services use, for errors the portal
 * raises outside Nest's exception filter (the proxy, the static files).
 */
export function sendProblem(response: Response, status: number, code: string, detail: string): void {
  const correlationId = response.getHeader('X-Correlation-Id');
  const body: ProblemBody = {
    type: `https://pantau.example/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
    status,
    code,
    detail,
    correlationId: typeof correlationId === 'string' ? correlationId : undefined,
  };
  response.status(status).type('application/problem+json').send(JSON.stringify(body));
}
