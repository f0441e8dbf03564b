import type { EventEnvelope } from '@lib/contracts';
import { isLocalDate, type LocalDate, QUALIFIED_ID, QUALIFIED_ID_RULE } from '@lib/kernel';
import type { PoolClient } from 'pg';
import { DomainError } from '../domain/error-codes';
import type { TenantTimeZones } from '../queries/tenant-time-zones';

// What the proposal-figures consumers share: which unit a source event is about, and its dates as
// local dates of the tenant. An event that fails either cannot be counted anywhere, so it is refused
// with a DomainError and the runner dead-letters it with the reason.

/** The unit the event is about: the envelope's (the runner has refused a payload naming another one). */
export function sourceUnit(envelope: Pick<EventEnvelope, 'unitId' | 'eventType' | 'eventId'>): string {
  if (!envelope.unitId || !QUALIFIED_ID.test(envelope.unitId)) {
    throw new DomainError(
      'PROPOSAL.UNMAPPABLE_EVENT',
      `${envelope.eventType} ${envelope.eventId} names unit "${envelope.unitId ?? ''}", which must be ${QUALIFIED_ID_RULE}`,
      { field: 'unitId' },
    );
  }
  return envelope.unitId;
}

/** A local date the event carries (YYYY-MM-DD on the tenant's calendar). */
export function carriedDate(value: string, field: string): LocalDate {
  if (!isLocalDate(value)) throw new DomainError('PROPOSAL.INVALID_EVENT_DATE', `${field} must be a date YYYY-MM-DD, got "${value}"`, { field });
  return value;
}

/** The tenant's local date of an instant the event carries. */
export async function localDateOf(
  timeZones: Pick<TenantTimeZones, 'localDate'>,
  tenantId: string,
  instant: string,
  field: string,
  tx: PoolClient,
): Promise<LocalDate> {
  const at = Date.parse(instant);
  if (instant === '' || Number.isNaN(at)) {
    throw new DomainError('PROPOSAL.INVALID_EVENT_DATE', `${field} must be an RFC 3339 instant, got "${instant}"`, { field });
  }
  return timeZones.localDate(tenantId, new Date(at), tx);
}
