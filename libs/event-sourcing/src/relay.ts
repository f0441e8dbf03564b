import { type EventCodec, envelopeToHeaders } from '@lib/contracts';
import { type Span, SpanKind } from '@opentelemetry/api';
import type { Pool } from 'pg';
import { inCheckpointTransaction } from './checkpoint-store';
import { type EventStore } from './event-store';
import { checkpointOf, IdleProbe, ReadAhead } from './log-readers';
import { endSpan, startMessageSpan } from './trace-context';
import { START, type StoredEvent } from './types';

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** The broker side of the relay: resolves only once every message is acknowledged (acks=all). */
export abstract class MessagePublisher {
  abstract publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
}

/**
 * Publishes the event store (the outbox) to the context's topic, in commit order, keyed by unit id so
 * each unit's events stay ordered. The checkpoint advances only after Kafka acknowledged the batch, in
 * the transaction that holds the checkpoint lock: a crash republishes the batch (consumers deduplicate
 * on event id), it never loses one. A second replica waits on the lock.
 */
export class OutboxRelay<E extends { $case: string; value: unknown }> {
  readonly name: string;
  private readonly readAhead: ReadAhead<E>;
  private readonly probe: IdleProbe<E>;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<E>,
    private readonly codec: EventCodec<E>,
    private readonly publisher: MessagePublisher,
    private readonly batchSize = 500,
    private readonly topic = codec.topic,
  ) {
    this.name = `relay:${this.topic}`;
    this.readAhead = new ReadAhead(store);
    this.probe = new IdleProbe(store);
  }

  /** Publishes the next batch; true when there may be more. */
  async publishBatch(): Promise<boolean> {
    const ahead = await this.readAhead.take();
    const probed = ahead ? undefined : await this.probe.peek(this.batchSize);
    if (probed?.events.length === 0) return false;
    try {
      const { published, checkpoint } = await inCheckpointTransaction(this.pool, [this.name], async (tx, checkpoints) => {
        const locked = checkpoints.get(this.name) ?? START;
        const events =
          ReadAhead.usable(ahead, locked, this.batchSize) ?? IdleProbe.usable(probed, locked) ?? (await this.store.readAll(locked, this.batchSize, tx));
        if (events.length === 0) return { result: { published: 0, checkpoint: locked } };
        // A full batch is likely followed by another: read it while this one is published.
        if (events.length === this.batchSize) this.readAhead.start(checkpointOf(events[events.length - 1]), this.batchSize);
        await this.publish(events);
        const last = checkpointOf(events[events.length - 1]);
        return { result: { published: events.length, checkpoint: last }, save: { names: [this.name], checkpoint: last } };
      });
      this.probe.committed(checkpoint);
      return published === this.batchSize;
    } catch (error) {
      this.probe.forget();
      throw error;
    }
  }

  /**
   * Publishes a batch. An event stored with its command's trace context is published in a span of
   * that trace, whose context its message carries on: the command's request ended long ago, and the
   * consumer's work joins the same trace.
   */
  private async publish(events: StoredEvent<E>[]): Promise<void> {
    const spans: Span[] = [];
    const messages = events.map(({ event, envelope }): OutgoingMessage => {
      const value = this.codec.encode(event);
      const headers = envelopeToHeaders(envelope);
      if (envelope.traceparent !== undefined) {
        spans.push(
          startMessageSpan(`publish ${this.topic}`, SpanKind.PRODUCER, headers, {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'send',
            'messaging.destination.name': this.topic,
            'messaging.message.id': envelope.eventId,
          }),
        );
      }
      return {
        key: envelope.unitId || envelope.streamId,
        value: Buffer.from(value.buffer, value.byteOffset, value.byteLength), // a view, not a copy
        headers,
      };
    });
    try {
      await this.publisher.publish(this.topic, messages);
    } catch (error) {
      for (const span of spans) endSpan(span, error);
      throw error;
    }
    for (const span of spans) endSpan(span);
  }
}
