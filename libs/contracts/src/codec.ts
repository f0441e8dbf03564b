import type { BinaryWriter } from '@bufbuild/protobuf/wire';
import * as evaluationPb from './gen/pantau/evaluation/v1/events';
import * as requestPb from './gen/pantau/request/v1/events';
import * as surveyPb from './gen/pantau/survey/v1/events';
import { type ContextName, topics } from './topics';

interface MessageFns<M> {
  encode(message: M, writer?: BinaryWriter): BinaryWriter;
  decode(input: Uint8Array): M;
  fromJSON(object: unknown): M;
  toJSON(message: M): unknown;
}

type Envelope<M> = { event?: { $case: string; value: unknown } | undefined } & M;

/** The oneof union of a context, e.g. `{ $case: 'requestSubmitted'; value: RequestSubmitted } | …`. */
export type RequestEvent = NonNullable<requestPb.RequestEvent['event']>;
export type SurveyEvent = NonNullable<surveyPb.SurveyEvent['event']>;
export type EvaluationEvent = NonNullable<evaluationPb.EvaluationEvent['event']>;
export type AnyEvent = RequestEvent | SurveyEvent | EvaluationEvent;

export class CodecError extends Error {
  override readonly name = 'CodecError';
}

/**
 * One schema, two encodings: proto-JSON for the event store's `payload` column and binary protobuf
 * on Kafka. The stored `event_type` is the message name (`RequestSubmitted`), the oneof case is its
 * camel-case form (`requestSubmitted`).
 */
export class EventCodec<E extends { $case: string; value: unknown }> {
  constructor(
    readonly context: ContextName,
    private readonly wrapper: MessageFns<Envelope<object>>,
    private readonly messages: Record<string, unknown>,
  ) {}

  get topic(): string {
    return topics[this.context];
  }

  typeOf(event: E): string {
    return event.$case.charAt(0).toUpperCase() + event.$case.slice(1);
  }

  toPayload(event: E): unknown {
    return this.messageFns(this.typeOf(event)).toJSON(event.value);
  }

  fromPayload(eventType: string, payload: unknown): E {
    const value = this.messageFns(eventType).fromJSON(payload);
    return { $case: eventType.charAt(0).toLowerCase() + eventType.slice(1), value } as E;
  }

  encode(event: E): Uint8Array {
    return this.wrapper.encode({ event }).finish();
  }

  /** Decodes Kafka bytes; anything that is not exactly one known event is a CodecError. */
  decode(bytes: Uint8Array): E {
    let decoded: Envelope<object>;
    try {
      decoded = this.wrapper.decode(bytes);
    } catch (error) {
      throw new CodecError(`not a ${this.context} event: ${(error as Error).message}`);
    }
    if (!decoded.event) throw new CodecError(`no known ${this.context} event in the message`);
    return decoded.event as E;
  }

  private messageFns(eventType: string): MessageFns<unknown> {
    const fns = this.messages[eventType] as MessageFns<unknown> | undefined;
    if (!fns || typeof fns.fromJSON !== 'function' || eventType.endsWith('Event')) {
      throw new CodecError(`unknown ${this.context} event type "${eventType}"`);
    }
    return fns;
  }
}

export const requestCodec = new EventCodec<RequestEvent>('request', requestPb.RequestEvent, requestPb);
export const surveyCodec = new EventCodec<SurveyEvent>('survey', surveyPb.SurveyEvent, surveyPb);
export const evaluationCodec = new EventCodec<EvaluationEvent>('evaluation', evaluationPb.EvaluationEvent, evaluationPb);
