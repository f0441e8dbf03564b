import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ConcurrencyError, DomainError } from '@lib/event-sourcing';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { type ErrorCatalogue, ErrorMessages, type FieldRuleBreach } from './errors';
import { currentContext } from './logger';
import { redactBearerSecrets } from './redact';

/** One field that failed one rule: what API clients show next to the input. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** A field problem as raised, with the rule's parameters that its Indonesian message names. */
export type RaisedFieldProblem = FieldProblem & Pick<FieldRuleBreach, 'constraints'>;

/** A 400 that names each field and rule; thrown by the validation pipe and by handlers that check data. */
export class InputProblemException extends HttpException {
  constructor(
    readonly problems: RaisedFieldProblem[],
    readonly code = 'INPUT.INVALID',
  ) {
    super({ code, problems }, HttpStatus.BAD_REQUEST);
  }
}

export interface ProblemBody {
  type: string;
  /** What a person reads for this code, from the error catalogues (Indonesian); `detail` is for developers. */
  title: string;
  status: number;
  code: string;
  detail: string;
  correlationId?: string;
  errors?: FieldProblem[];
  errorId?: string;
  details?: Record<string, unknown>;
}

const DOMAIN_STATUS: Record<string, number> = { NOT_FOUND: HttpStatus.NOT_FOUND, FORBIDDEN: HttpStatus.FORBIDDEN };

/** A problem+json body: `type` derived from the code, `title` the catalogue's message for it. */
export function problemBody(messages: ErrorMessages, status: number, code: string, detail: string, extra: Partial<ProblemBody> = {}): ProblemBody {
  return {
    type: `https://pantau.example/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: messages.forCode(code, status),
    status,
    code,
    detail,
    ...extra,
  };
}

/**
 * Every error leaves as application/problem+json with a stable `code`, the catalogue's message for
 * it as `title` and the correlation id. Broken business rules are 409, bad input 400 with
 * field-level errors (each message from the catalogue's rule messages), and anything unexpected a
 * 500 that carries only an errorId to find the logged stack: no internals reach the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly messages: ErrorMessages;

  /** `catalogue`: the service's own codes and field rules, added to the platform's. */
  constructor(
    private readonly logger: Logger,
    catalogue?: ErrorCatalogue,
  ) {
    this.messages = new ErrorMessages(catalogue);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500) this.logger.error({ err: exception, errorId: body.errorId, path: redactBearerSecrets(request.url) }, 'unhandled error');
    response.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(exception: unknown, request: Request): ProblemBody {
    const correlationId = currentContext()?.correlationId ?? (request.headers['x-correlation-id'] as string | undefined);
    const problem = (status: number, code: string, detail: string, extra: Partial<ProblemBody> = {}): ProblemBody =>
      problemBody(this.messages, status, code, detail, { correlationId, ...extra });

    if (exception instanceof DomainError) {
      const suffix = exception.code.split('.').pop() ?? '';
      const status = DOMAIN_STATUS[suffix] ?? HttpStatus.CONFLICT;
      return problem(status, exception.code, exception.message, exception.details ? { details: exception.details } : {});
    }
    if (exception instanceof ConcurrencyError) {
      return problem(HttpStatus.CONFLICT, 'STREAM.CONCURRENT_UPDATE', 'the resource changed while the command ran; retry it');
    }
    if (exception instanceof InputProblemException) {
      const summary = exception.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      const errors = exception.problems.map((p) => ({ field: p.field, rule: p.rule, message: this.messages.forField(p) }));
      return problem(HttpStatus.BAD_REQUEST, exception.code, summary, { errors });
    }
    const bodyParserError = exception as { type?: string; status?: number; limit?: number };
    if (bodyParserError?.type === 'entity.parse.failed') {
      return problem(HttpStatus.BAD_REQUEST, 'INPUT.MALFORMED_JSON', 'the request body is not valid JSON', {
        errors: [{ field: 'body', rule: 'json', message: this.messages.forField({ field: 'body', rule: 'json' }) }],
      });
    }
    if (bodyParserError?.type === 'entity.too.large') {
      return problem(HttpStatus.PAYLOAD_TOO_LARGE, 'INPUT.TOO_LARGE', `the request body exceeds ${bodyParserError.limit} bytes`);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      const { code = `HTTP.${HttpStatus[status] ?? status}`, details } = response as { code?: string; details?: Record<string, unknown> };
      return problem(status, code, Array.isArray(detail) ? detail.join('; ') : String(detail), details ? { details } : {});
    }
    const errorId = randomUUID();
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', `an unexpected error occurred; quote errorId ${errorId}`, { errorId });
  }
}
