import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { EventEnvelope } from '@lib/contracts';
import type { CommandMeta } from '@lib/event-sourcing';
import type { Request } from 'express';
import { type Actor, actorOf, type AuthenticatedRequest, PUBLIC_ACTOR } from '../auth/require-permission.decorator';
import { currentContext } from '../logger';
import { InputProblemException } from '../problem-details.filter';

/*
 * The one way to build a command's metadata, whoever sends the command: a staff member or a citizen
 * over HTTP, a consumer for an event it received, or the service itself (a boot task, a scheduler).
 *
 * Idempotency keys are scoped per actor: `<tenant>/<actor id>/<key>`, citizens under the actor id
 * `public`. A key another actor used (another unit's operator, another tenant) is another key, so it
 * can never replay that actor's answer; the store refuses a key of the same actor reused on another
 * stream (IDEMPOTENCY.KEY_REUSED). A citizen has no identity to scope by, so a citizen's key must be a
 * random UUID: unguessable, it cannot name another citizen's submission.
 */
const STAFF_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const CITIZEN_KEY = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Someone acting over HTTP: a signed-in member of staff, or a citizen in the tenant the path names. */
export type HttpActor = Actor | (typeof PUBLIC_ACTOR & { tenantId: string });

const isCitizen = (actor: { role: string }): boolean => actor.role === PUBLIC_ACTOR.role;

/** The request's `Idempotency-Key`, checked: a citizen's must be a random UUID, staff's 8–128 safe characters. */
function idempotencyKeyOf(request: Request, citizen: boolean): string | undefined {
  const key = request.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!(citizen ? CITIZEN_KEY : STAFF_KEY).test(key)) {
    const message = citizen ? 'Idempotency-Key harus berupa UUID acak' : 'Idempotency-Key harus 8–128 karakter: huruf, angka atau . _ : -';
    throw new InputProblemException([{ field: 'Idempotency-Key', rule: 'matches', message }]);
  }
  return key;
}

/** The key as the store remembers it: per tenant and actor. */
export const scopedIdempotencyKey = (actor: { tenantId: string; id: string; role: string }, key: string): string =>
  `${actor.tenantId}/${isCitizen(actor) ? PUBLIC_ACTOR.id : actor.id}/${key}`;

/**
 * The metadata of a command sent over HTTP. `unitId` is the unit the events are about, when the
 * route knows it; a handler that learns it from the stream fills it in (see `forUnit`).
 */
export function httpCommandMeta(request: Request, actor: HttpActor, unitId = ''): CommandMeta {
  const key = idempotencyKeyOf(request, isCitizen(actor));
  const context = currentContext();
  const correlationId = context?.correlationId ?? randomUUID();
  return {
    correlationId,
    causationId: context?.causationId ?? correlationId,
    idempotencyKey: key === undefined ? undefined : scopedIdempotencyKey(actor, key),
    tenantId: actor.tenantId,
    unitId,
    actor: { id: actor.id, role: actor.role },
  };
}

/** The metadata of a citizen's command in `tenantId`: the public actor, nothing personal. */
export const citizenCommandMeta = (request: Request, tenantId: string, unitId = ''): CommandMeta =>
  httpCommandMeta(request, { ...PUBLIC_ACTOR, tenantId }, unitId);

/**
 * The metadata of a command a consumer sends for an event it received: the event's tenant and
 * correlation, the event as its cause, and a key per consumer and event, so a redelivered event
 * appends nothing. `consumer` is the consumer's logical name (never a deployment's prefixed group id).
 */
export function eventCommandMeta(consumer: string, envelope: Pick<EventEnvelope, 'eventId' | 'tenantId' | 'correlationId'>, unitId = ''): CommandMeta {
  return {
    correlationId: envelope.correlationId,
    causationId: envelope.eventId,
    idempotencyKey: `${consumer}/${envelope.eventId}`,
    tenantId: envelope.tenantId,
    unitId,
    actor: { id: consumer, role: 'system' },
  };
}

/** The metadata of a command the service sends on its own (a boot task, a scheduled scan), as `task`. */
export function systemCommandMeta(task: string, target: { tenantId: string; unitId?: string }, correlationId: string = randomUUID()): CommandMeta {
  return { correlationId, causationId: correlationId, tenantId: target.tenantId, unitId: target.unitId ?? '', actor: { id: task, role: 'system' } };
}

/** The same metadata, about `unitId`. */
export const forUnit = (meta: CommandMeta, unitId: string): CommandMeta => ({ ...meta, unitId });

/** What `@Caller()` gives a staff route: the authorized actor and the metadata of its command. */
export interface Caller {
  actor: Actor;
  meta: CommandMeta;
}

/** `@Caller() caller`: the authorized actor of a `@RequirePermission` route and its command metadata. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
  const actor = actorOf(request);
  return { actor, meta: httpCommandMeta(request, actor) };
});
