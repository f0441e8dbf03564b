import type { IncomingHttpHeaders } from 'node:http';

/** What travels beside every event: Kafka headers and the event store's `metadata` column. */
export interface EventEnvelope {
  eventId: string;
  eventType: string;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
  tenantId: string;
  unitId: string;
  correlationId: string;
  causationId: string;
  actorId: string;
  actorRole: string;
}

const headerNames: Record<keyof EventEnvelope, string> = {
  eventId: 'event-id',
  eventType: 'event-type',
  streamId: 'stream-id',
  streamVersion: 'stream-version',
  occurredAt: 'occurred-at',
  tenantId: 'tenant-id',
  unitId: 'unit-id',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  actorId: 'actor-id',
  actorRole: 'actor-role',
};

/** Renders an envelope as Kafka headers (names as in proto/pantau/common/v1/envelope.proto, kebab-case). */
export function envelopeToHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [field, header] of Object.entries(headerNames)) {
    headers[header] = String(envelope[field as keyof EventEnvelope]);
  }
  return headers;
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Reads an envelope back from Kafka headers; a missing header is an EnvelopeError (poison message). */
export function envelopeFromHeaders(headers: Record<string, HeaderValue> | IncomingHttpHeaders | undefined): EventEnvelope {
  const read = (name: string): string => {
    const raw = headers?.[name] as HeaderValue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) throw new EnvelopeError(`header "${name}" is missing`);
    return value.toString();
  };
  const envelope = {} as Record<keyof EventEnvelope, string | number>;
  for (const [field, header] of Object.entries(headerNames)) {
    envelope[field as keyof EventEnvelope] = read(header);
  }
  const streamVersion = Number(envelope.streamVersion);
  if (!Number.isSafeInteger(streamVersion) || streamVersion < 1) {
    throw new EnvelopeError(`header "stream-version" is not a positive integer: ${envelope.streamVersion}`);
  }
  return { ...(envelope as unknown as EventEnvelope), streamVersion };
}
