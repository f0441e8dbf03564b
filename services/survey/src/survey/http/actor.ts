import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { callerFromHeaders } from '@lib/platform';
import type { Request } from 'express';

/** Who is calling. Staff identity comes from headers until auth lands (TODO(#7): replace with the token's claims). */
export interface Actor {
  tenantId: string;
  id: string;
  role: string;
}

/** Respondents fill public surveys without logging in; the tenant comes from the survey itself. */
export const PUBLIC_ACTOR = { id: 'public', role: 'public' } as const;

export function actorFromHeaders(headers: Request['headers']): Actor {
  return callerFromHeaders(headers);
}

/** The staff member calling a staff endpoint; a 400 names each missing header. */
export const StaffActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => actorFromHeaders(context.switchToHttp().getRequest<Request>().headers));

/** The `Idempotency-Key` header, if any. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
});
