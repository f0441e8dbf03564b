import 'reflect-metadata';
import { type ArgumentsHost, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { ConcurrencyError, DomainError } from '@lib/event-sourcing';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsString, IsUUID, Max, MaxLength, ValidateNested } from 'class-validator';
import pino from 'pino';
import { type ErrorCatalogue, PLATFORM_ERRORS } from './errors';
import { InputProblemException, ProblemDetailsFilter, type ProblemBody } from './problem-details.filter';
import { createValidationPipe } from './validation';

const SERVICE_ERRORS: ErrorCatalogue = {
  codes: { 'CYCLE.NOT_FOUND': 'Siklus evaluasi tidak ditemukan.', 'CYCLE.CLOSED': 'Siklus evaluasi ini sudah ditutup.' },
};

/** Runs the filter on `exception` the way Nest does and returns what the client receives. */
function answer(exception: unknown): { status: number; contentType: string; body: ProblemBody } {
  const sent = { status: 0, contentType: '', body: undefined as ProblemBody | undefined };
  const response = {
    status: (status: number) => ((sent.status = status), response),
    type: (contentType: string) => ((sent.contentType = contentType), response),
    json: (body: ProblemBody) => ((sent.body = body), response),
  };
  const request = { headers: { 'x-correlation-id': 'corr-1' }, url: '/cycles/c1' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter(pino({ level: 'silent' }), SERVICE_ERRORS).catch(exception, host);
  if (!sent.body) throw new Error('the filter sent no body');
  return { status: sent.status, contentType: sent.contentType, body: sent.body };
}

describe('ProblemDetailsFilter', () => {
  it.each<[string, unknown, Partial<ProblemBody>]>([
    [
      "a DomainError *.NOT_FOUND, titled from the service's catalogue",
      new DomainError('CYCLE.NOT_FOUND', 'no cycle c1'),
      { status: 404, code: 'CYCLE.NOT_FOUND', title: 'Siklus evaluasi tidak ditemukan.', detail: 'no cycle c1' },
    ],
    [
      'a broken business rule',
      new DomainError('CYCLE.CLOSED', 'cycle c1 closed on 2026-06-30'),
      { status: 409, code: 'CYCLE.CLOSED', title: 'Siklus evaluasi ini sudah ditutup.', detail: 'cycle c1 closed on 2026-06-30' },
    ],
    [
      'a code no catalogue lists, titled by its status',
      new DomainError('CYCLE.NOT_LISTED', 'new code'),
      { status: 409, code: 'CYCLE.NOT_LISTED', title: PLATFORM_ERRORS['HTTP.CONFLICT'], detail: 'new code' },
    ],
    [
      'a concurrent write',
      new ConcurrencyError('cycle-c1', 3),
      { status: 409, code: 'STREAM.CONCURRENT_UPDATE', title: PLATFORM_ERRORS['STREAM.CONCURRENT_UPDATE'] },
    ],
    [
      'a refused token',
      new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: 'UNIT_OUT_OF_SCOPE: unit dinkes' }),
      { status: 403, code: 'AUTH.FORBIDDEN', title: PLATFORM_ERRORS['AUTH.FORBIDDEN'], detail: 'UNIT_OUT_OF_SCOPE: unit dinkes' },
    ],
    [
      "Nest's own not-found",
      new NotFoundException('Cannot GET /nowhere'),
      { status: 404, code: 'HTTP.NOT_FOUND', title: PLATFORM_ERRORS['HTTP.NOT_FOUND'], detail: 'Cannot GET /nowhere' },
    ],
    [
      'the rate limit',
      new HttpException('too many requests from this address', 429),
      { status: 429, code: 'HTTP.TOO_MANY_REQUESTS', title: PLATFORM_ERRORS['HTTP.TOO_MANY_REQUESTS'] },
    ],
    [
      'a body that is not JSON',
      Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }),
      {
        status: 400,
        code: 'INPUT.MALFORMED_JSON',
        title: PLATFORM_ERRORS['INPUT.MALFORMED_JSON'],
        errors: [{ field: 'body', rule: 'json', message: 'Data yang dikirim bukan JSON yang valid.' }],
      },
    ],
    [
      'a body over the limit',
      Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit: 1024 }),
      { status: 413, code: 'INPUT.TOO_LARGE', title: PLATFORM_ERRORS['INPUT.TOO_LARGE'], detail: 'the request body exceeds 1024 bytes' },
    ],
    [
      'field problems: Indonesian messages in errors[], the English ones kept in detail',
      new InputProblemException([{ field: 'name', rule: 'maxLength', message: 'name must be shorter than or equal to 200 characters', constraints: [200] }]),
      {
        status: 400,
        code: 'INPUT.INVALID',
        title: PLATFORM_ERRORS['INPUT.INVALID'],
        detail: 'name: name must be shorter than or equal to 200 characters',
        errors: [{ field: 'name', rule: 'maxLength', message: 'Kolom name paling banyak 200 karakter.' }],
      },
    ],
  ])('answers %s as problem+json with its code, title and correlation id', (_name, exception, expected) => {
    const { status, contentType, body } = answer(exception);
    expect(status).toBe(expected.status);
    expect(contentType).toBe('application/problem+json');
    expect(body).toMatchObject({
      ...expected,
      correlationId: 'corr-1',
      type: `https://pantau.example/problems/${expected.code?.toLowerCase().replace(/[._]/g, '-')}`,
    });
  });

  it('answers an unexpected error with 500, an errorId and nothing internal', () => {
    const { status, body } = answer(new TypeError('cannot read properties of undefined (reading "rows") at handler.ts:12'));
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL', title: PLATFORM_ERRORS['INTERNAL'], errorId: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/rows|handler\.ts/);
  });
});

class ScoreItem {
  @IsInt()
  @Max(5)
  score!: number;
}

class ScoreBody {
  @IsString()
  @MaxLength(200)
  name!: string;

  @IsIn(['kecamatan', 'puskesmas'])
  kind!: string;

  @IsUUID()
  requestId!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScoreItem)
  answers!: ScoreItem[];
}

describe('validation pipe and filter together', () => {
  it("name each field and the DTO's own bounds in Indonesian", async () => {
    const invalid = { name: 'x'.repeat(201), kind: 'dinas', requestId: 'not-a-uuid', answers: [{ score: 6 }], extra: true };
    const thrown = await createValidationPipe()
      .transform(invalid, { type: 'body', metatype: ScoreBody })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(InputProblemException);
    expect(answer(thrown).body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', rule: 'maxLength', message: 'Kolom name paling banyak 200 karakter.' },
        { field: 'kind', rule: 'isIn', message: 'Kolom kind harus salah satu dari: kecamatan, puskesmas.' },
        { field: 'requestId', rule: 'isUuid', message: 'Kolom requestId harus berupa UUID.' },
        { field: 'answers[0].score', rule: 'max', message: 'Kolom answers[0].score paling besar 5.' },
        { field: 'extra', rule: 'whitelistValidation', message: 'Kolom extra tidak dikenal dan tidak boleh dikirim.' },
      ]),
    );
  });
});
