import { createParamDecorator, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import { callerFromHeaders } from '@lib/platform';
import type { Request } from 'express';

// TODO(#7): replace the headers with the verified JWT's claims; nothing else needs to change.

export type ActorRole = 'admin' | 'evaluator' | 'unit';
const ROLES: readonly ActorRole[] = ['admin', 'evaluator', 'unit'];

export interface Actor {
  tenantId: string;
  id: string;
  role: ActorRole;
}

export function actorFrom(request: Request): Actor {
  return callerFromHeaders(request.headers, ROLES) as Actor;
}

/** The calling actor; `@CurrentActor('admin')` also refuses every other role with 403. */
export const CurrentActor = createParamDecorator((allowed: ActorRole | ActorRole[] | undefined, context: ExecutionContext): Actor => {
  const actor = actorFrom(context.switchToHttp().getRequest<Request>());
  const roles = allowed === undefined ? ROLES : Array.isArray(allowed) ? allowed : [allowed];
  if (!roles.includes(actor.role)) {
    throw new ForbiddenException({ code: 'ACTOR.FORBIDDEN', message: `role ${actor.role} may not do this; allowed: ${roles.join(', ')}` });
  }
  return actor;
});

/** The optional Idempotency-Key header. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const raw = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.trim() !== '' ? value.slice(0, 200) : undefined;
});
