import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '@lib/event-sourcing';
import { currentContext } from '@lib/platform';
import type { Actor } from '../http/actor';

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
export const rulesetStream = (rulesetId: string): string => `ruleset-${rulesetId}`;

/** Local date (YYYY-MM-DD) in the tenant's time zone. TODO(#6): per-tenant zone. */
export function localDate(instant: Date, timeZone = 'Asia/Jakarta'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
