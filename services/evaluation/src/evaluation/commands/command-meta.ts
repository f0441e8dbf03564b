import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '@lib/event-sourcing';
import { type Actor, currentContext } from '@lib/platform';

/** Metadata of a command issued over HTTP: who, for which tenant/unit, under which correlation id. */
export function httpMeta(actor: Actor, unitId: string, idempotencyKey?: string): CommandMeta {
  const context = currentContext();
  const correlationId = context?.correlationId ?? randomUUID();
  return {
    correlationId,
    causationId: context?.causationId ?? correlationId,
    // Keys are scoped to the tenant so two tenants cannot collide on a client-chosen key.
    idempotencyKey: idempotencyKey ? `${actor.tenantId}:${idempotencyKey}` : undefined,
    tenantId: actor.tenantId,
    unitId,
    actor: { id: actor.id, role: actor.role },
  };
}

export const cycleStream = (cycleId: string): string => `cycle-${cycleId}`;
export const assessmentStream = (cycleId: string, unitId: string): string => `assessment-${cycleId}-${unitId}`;
/** A ruleset version a tenant publishes is that tenant's own; the shipped national ones live in code. */
export const rulesetStream = (tenantId: string, rulesetId: string): string => `ruleset-${tenantId}/${rulesetId}`;
