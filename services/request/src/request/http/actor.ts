import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMeta } from '@lib/event-sourcing';
import { type Actor, actorOf, type AuthenticatedRequest, currentContext, InputProblemException, PUBLIC_ACTOR } from '@lib/platform';
import type { Request } from 'express';

const STAFF_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
// A citizen's key must be unguessable: a replayed key answers with the first answer, tracking code and reporterRef included.
const CITIZEN_KEY = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The command metadata of one HTTP request; the unit is filled in by the handler from the stream. */
export function commandMeta(request: Request, actor: Actor | (typeof PUBLIC_ACTOR & { tenantId: string }), unitId = ''): CommandMeta {
  const idempotencyKey = request.header('Idempotency-Key');
  const citizen = actor.role === PUBLIC_ACTOR.role;
  if (idempotencyKey !== undefined && !(citizen ? CITIZEN_KEY : STAFF_KEY).test(idempotencyKey)) {
    const message = citizen ? 'Idempotency-Key must be a random UUID' : 'Idempotency-Key must be 8-128 characters of [A-Za-z0-9._:-]';
    throw new InputProblemException([{ field: 'Idempotency-Key', rule: 'matches', message }]);
  }
  return {
    correlationId: currentContext()?.correlationId ?? request.header('X-Correlation-Id') ?? randomUUID(),
    // Keys are per tenant, and citizens' apart from staff's: two clients may pick the same key.
    idempotencyKey: idempotencyKey === undefined ? undefined : `${actor.tenantId}:${citizen ? 'public:' : ''}${idempotencyKey}`,
    tenantId: actor.tenantId,
    unitId,
    actor: { id: actor.id, role: actor.role },
  };
}

/** `@Caller() caller` gives the authorized actor and the command metadata of a staff request. */
export interface Caller {
  actor: Actor;
  meta: CommandMeta;
}

export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
  const actor = actorOf(request);
  return { actor, meta: commandMeta(request, actor) };
});

/** The command metadata of a citizen's request to `tenantId`: the public actor, nothing personal. */
export function citizenMeta(request: Request, tenantId: string): CommandMeta {
  return commandMeta(request, { ...PUBLIC_ACTOR, tenantId });
}
