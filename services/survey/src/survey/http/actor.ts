import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { InputProblemException } from '@lib/platform';
import type { Request } from 'express';

/** Who is calling. Staff identity comes from headers until auth lands (TODO(#7): replace with the token's claims). */
export interface Actor {
  tenantId: string;
  id: string;
  role: string;
}

/** Respondents fill public surveys without logging in; the tenant comes from the survey itself. */
export const PUBLIC_ACTOR = { id: 'public', role: 'public' } as const;

const SAFE = /^[A-Za-z0-9._:@-]{1,100}$/;
const HEADERS = [
  ['X-Tenant-Id', 'tenantId'],
  ['X-Actor-Id', 'id'],
  ['X-Actor-Role', 'role'],
] as const;

export function actorFromHeaders(headers: Request['headers']): Actor {
  const actor: Partial<Actor> = {};
  const problems = HEADERS.flatMap(([header, key]) => {
    const value = headers[header.toLowerCase()];
    if (typeof value !== 'string' || value.trim() === '') return [{ field: header, rule: 'required', message: `header ${header} is required` }];
    if (!SAFE.test(value)) return [{ field: header, rule: 'format', message: `header ${header} must be 1-100 letters, digits or ._:@-` }];
    actor[key] = value;
    return [];
  });
  if (problems.length > 0) throw new InputProblemException(problems);
  return actor as Actor;
}

/** The staff member calling a staff endpoint; a 400 names each missing header. */
export const StaffActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => actorFromHeaders(context.switchToHttp().getRequest<Request>().headers));

/** The `Idempotency-Key` header, if any. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
});
