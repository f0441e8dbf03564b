import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMeta } from '@lib/event-sourcing';
import { callerFromHeaders, currentContext, InputProblemException } from '@lib/platform';
import type { Request } from 'express';

/** Who sends a command. TODO(#7): comes from the verified JWT once auth lands; only this file changes. */
export interface Actor {
  tenantId: string;
  id: string;
  role: string;
}

const ROLES = ['citizen', 'officer', 'supervisor', 'admin', 'system'] as const;

export function actorFrom(request: Request): Actor {
  return callerFromHeaders(request.headers, ROLES);
}

/** The command metadata of one HTTP request; the unit is filled in by the handler from the stream. */
export function commandMeta(request: Request, actor: Actor, unitId = ''): CommandMeta {
  const idempotencyKey = request.header('Idempotency-Key');
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(idempotencyKey)) {
    throw new InputProblemException([{ field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key must be 8-128 characters of [A-Za-z0-9._:-]' }]);
  }
  return {
    correlationId: currentContext()?.correlationId ?? request.header('X-Correlation-Id') ?? randomUUID(),
    // Keys are per tenant: two tenants' clients may pick the same key.
    idempotencyKey: idempotencyKey === undefined ? undefined : `${actor.tenantId}:${idempotencyKey}`,
    tenantId: actor.tenantId,
    unitId,
    actor: { id: actor.id, role: actor.role },
  };
}

/** `@Caller() caller` gives the actor and the command metadata of the request. */
export interface Caller {
  actor: Actor;
  meta: CommandMeta;
}

export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<Request>();
  const actor = actorFrom(request);
  return { actor, meta: commandMeta(request, actor) };
});
