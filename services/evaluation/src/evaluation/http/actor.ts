import { BadRequestException, createParamDecorator, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';

// TODO(#7): replace the headers with the verified JWT's claims; nothing else needs to change.

export type ActorRole = 'admin' | 'evaluator' | 'unit';
const ROLES: readonly ActorRole[] = ['admin', 'evaluator', 'unit'];

export interface Actor {
  tenantId: string;
  id: string;
  role: ActorRole;
}

const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

function header(request: Request, name: string): string {
  const raw = request.headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') {
    throw new BadRequestException({ code: 'ACTOR.HEADER_MISSING', message: `header ${name} is required` });
  }
  if (!SAFE_ID.test(value)) throw new BadRequestException({ code: 'ACTOR.HEADER_INVALID', message: `header ${name} is not a valid id` });
  return value;
}

export function actorFrom(request: Request): Actor {
  const tenantId = header(request, 'X-Tenant-Id');
  const id = header(request, 'X-Actor-Id');
  const role = header(request, 'X-Actor-Role');
  if (!ROLES.includes(role as ActorRole)) {
    throw new BadRequestException({ code: 'ACTOR.HEADER_INVALID', message: `header X-Actor-Role must be one of ${ROLES.join(', ')}` });
  }
  return { tenantId, id, role: role as ActorRole };
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
