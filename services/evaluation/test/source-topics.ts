import { randomUUID } from 'node:crypto';
import { type EventCodec, type EventEnvelope, envelopeToHeaders, type RequestEvent, requestCodec, type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { testKafka } from '@lib/testing';

export interface SourceTopics {
  requestTopic: string;
  surveyTopic: string;
  /** A request-context event as its relay publishes it; `unit` defaults to the harness's unit. */
  onRequestTopic(event: RequestEvent, streamId: string, occurredAt: string, unit?: string): Promise<EventEnvelope>;
  /** A survey-context event on the stream of the harness's survey. */
  onSurveyTopic(event: SurveyEvent, occurredAt: string): Promise<EventEnvelope>;
  /** Sends every event published so far again, with the same bytes and headers, as a redelivery would. */
  redeliverEverything(): Promise<void>;
}

/** The envelope a source context's relay gives an event: a fresh id, the first version of its stream, a system actor. */
export const sourceEnvelope = (fields: Pick<EventEnvelope, 'eventType' | 'streamId' | 'occurredAt' | 'tenantId' | 'unitId'>): EventEnvelope => ({
  eventId: randomUUID(),
  streamVersion: 1,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actorId: 'test-producer',
  actorRole: 'system',
  ...fields,
});

/** Sends exactly these bytes and headers; keyed by unit, so one unit's events stay in order. */
async function send<E extends { $case: string; value: unknown }>(topic: string, codec: EventCodec<E>, event: E, envelope: EventEnvelope): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: [{ key: envelope.unitId || 'none', value: Buffer.from(codec.encode(event)), headers: envelopeToHeaders(envelope) }],
    });
  } finally {
    await producer.disconnect();
  }
}

/**
 * The request and survey contexts' topics under a run's own prefix, published to as their relays
 * would (binary protobuf, the envelope in the headers), for evaluation's consumers to read from offset 0.
 */
export function sourceTopics(options: { topicPrefix: string; tenantId: string; unitId: string; surveyId?: string }): SourceTopics {
  const { topicPrefix, tenantId, unitId, surveyId = randomUUID() } = options;
  const requestTopic = `${topicPrefix}${topics.request}`;
  const surveyTopic = `${topicPrefix}${topics.survey}`;
  const sent: (() => Promise<void>)[] = [];

  async function publish<E extends { $case: string; value: unknown }>(
    topic: string,
    codec: EventCodec<E>,
    event: E,
    streamId: string,
    occurredAt: string,
    unit: string,
  ): Promise<EventEnvelope> {
    const envelope = sourceEnvelope({ eventType: codec.typeOf(event), streamId, occurredAt, tenantId, unitId: unit });
    await send(topic, codec, event, envelope);
    sent.push(() => send(topic, codec, event, envelope));
    return envelope;
  }

  return {
    requestTopic,
    surveyTopic,
    onRequestTopic: (event, streamId, occurredAt, unit = unitId) => publish(requestTopic, requestCodec, event, streamId, occurredAt, unit),
    onSurveyTopic: (event, occurredAt) => publish(surveyTopic, surveyCodec, event, `survey-${tenantId}/${surveyId}`, occurredAt, unitId),
    redeliverEverything: async () => {
      for (const resend of [...sent]) await resend();
    },
  };
}
