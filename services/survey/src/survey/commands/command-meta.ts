import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '@lib/event-sourcing';
import { currentContext } from '@lib/platform';

/** Meta of a command from an HTTP request: the correlation id of the request, the actor, the idempotency key namespaced by actor. */
export function commandMeta(actor: { tenantId: string; id: string; role: string }, unitId: string, idempotencyKey?: string): CommandMeta {
  const context = currentContext();
  return {
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId,
    // a key is only unique per client; scoping it keeps two tenants' keys apart
    idempotencyKey: idempotencyKey ? `survey/${actor.tenantId}/${actor.id}/${idempotencyKey}` : undefined,
    tenantId: actor.tenantId,
    unitId,
    actor: { id: actor.id, role: actor.role },
  };
}
