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
  /**
   * The W3C trace context of the command that appended the event, when it was traced: the relay and
   * the consumers continue its trace. Absent when tracing is off.
   */
  traceparent?: string;
}

const headerNames: Record<Exclude<keyof EventEnvelope, 'traceparent'>, string> = {
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

/** The W3C Trace Context header name, which tracing libraries read as it is. */
export const TRACEPARENT_HEADER = 'traceparent';

/** Renders an envelope as Kafka headers (names as in proto/pantau/common/v1/envelope.proto, kebab-case). */
export function envelopeToHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [field, header] of Object.entries(headerNames)) {
    headers[header] = String(envelope[field as keyof EventEnvelope]);
  }
  if (envelope.traceparent !== undefined) headers[TRACEPARENT_HEADER] = envelope.traceparent;
  return headers;
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Reads an envelope back from Kafka headers; a missing header is an EnvelopeError (poison message). */
export function envelopeFromHeaders(headers: Record<string, HeaderValue> | IncomingHttpHeaders | undefined): EventEnvelope {
  const readOptional = (name: string): string | undefined => {
    const raw = headers?.[name] as HeaderValue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    return value?.toString();
  };
  const read = (name: string): string => {
    const value = readOptional(name);
    if (value === undefined) throw new EnvelopeError(`header "${name}" is missing`);
    return value;
  };
  const envelope = {} as Record<keyof EventEnvelope, string | number>;
  for (const [field, header] of Object.entries(headerNames)) {
    envelope[field as keyof EventEnvelope] = read(header);
  }
  const streamVersion = Number(envelope.streamVersion);
  if (!Number.isSafeInteger(streamVersion) || streamVersion < 1) {
    throw new EnvelopeError(`header "stream-version" is not a positive integer: ${envelope.streamVersion}`);
  }
  const traceparent = readOptional(TRACEPARENT_HEADER);
  return { ...(envelope as unknown as EventEnvelope), streamVersion, ...(traceparent === undefined ? {} : { traceparent }) };
}
