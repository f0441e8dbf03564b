import { randomUUID } from 'node:crypto';
import { type EventCodec, type EventEnvelope, envelopeToHeaders } from '@lib/contracts';
import { testKafka } from '@lib/testing';

/** Where a test pretends an event came from: the other service's tenant, unit and stream. */
export interface ForeignOrigin {
  tenantId: string;
  unitId: string;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
}

/**
 * Publishes an event as another service's relay would (binary protobuf, envelope in the headers), for
 * tests of a consumer without running the producing service. Keyed by unit id where the relay keys by
 * stream id: a test's events for one unit then reach one partition in the order it published them,
 * which tests rely on to know that an earlier event was handled (the relay orders only each stream).
 */
export async function publishForeignEvent<E extends { $case: string; value: unknown }>(
  topic: string,
  codec: EventCodec<E>,
  event: E,
  origin: ForeignOrigin,
): Promise<EventEnvelope> {
  const envelope: EventEnvelope = {
    eventId: randomUUID(),
    eventType: codec.typeOf(event),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actorId: 'test-producer',
    actorRole: 'system',
    ...origin,
  };
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: origin.unitId, value: Buffer.from(codec.encode(event)), headers: envelopeToHeaders(envelope) }] });
  } finally {
    await producer.disconnect();
  }
  return envelope;
}
