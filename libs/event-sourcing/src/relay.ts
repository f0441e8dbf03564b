import { performance } from 'node:perf_hooks';
import { type EventCodec, envelopeToHeaders } from '@lib/contracts';
import { type Span, SpanKind } from '@opentelemetry/api';
import type { Pool } from 'pg';
import { CheckpointLeadership } from './checkpoint-leadership';
import { type EventStore } from './event-store';
import { checkpointOf, ReadAhead } from './log-readers';
import { endSpan, startMessageSpan } from './trace-context';
import { recordQuarantined } from './quarantine';
import { type StoredEvent, UndecodableEventError } from './types';

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** The broker side of the relay: resolves only once every message is acknowledged (acks=all). */
export abstract class MessagePublisher {
  abstract publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
}

export interface OutboxRelayOptions {
  /** The codec's topic unless given. */
  topic?: string;
  /** Events per batch at most. */
  batchSize?: number;
  /**
   * Bytes per batch at most (keys, values, headers and a record's framing), one event whatever its
   * size. Kafka refuses a record batch above the broker's `message.max.bytes` (1 MiB by default) with
   * MESSAGE_TOO_LARGE, which no retry cures; a batch's messages for one partition travel as one record
   * batch, so the cap on the whole batch keeps each of them under it.
   */
  maxBatchBytes?: number;
  /** Told of every event the relay quarantined (see `encode`), to raise an alert. */
  onQuarantine?: (event: RelayQuarantinedEvent) => void;
}

/** An event the relay skipped because it could not decode it, as recorded in `quarantined_events`. */
export interface RelayQuarantinedEvent {
  /** The relay's name, `relay:<topic>`. */
  reader: string;
  eventId: string;
  eventType: string;
  globalPosition: string;
  error: string;
}

export const DEFAULT_RELAY_BATCH_SIZE = 500;
export const DEFAULT_RELAY_BATCH_BYTES = 512 * 1024;
/** What a record adds to its key, value and headers in a record batch, generously: length, attributes, deltas, and each header's lengths. */
const RECORD_FRAMING_BYTES = 32;
const HEADER_FRAMING_BYTES = 10;
/** A replica that found another one leading tries again after this long, not on every wake-up. */
const STANDBY_RETRY_MS = 1_000;

/**
 * Publishes the event store (the outbox) to the context's topic, in commit order, keyed by stream id:
 * every stream's events reach one partition in stream order (a stream's events do not all carry the
 * same unit, so a unit key would not keep a stream in order). Nothing orders two streams.
 *
 * One replica publishes at a time: the one holding the relay's CheckpointLeadership, a session-level
 * advisory lock, so no transaction (and no transaction id, which would hold back the read gate of every
 * reader of the log) stays open while Kafka is waited for. The leader reads a batch, publishes it,
 * and only once Kafka acknowledged it saves the checkpoint, in a statement of its own: a crash in
 * between publishes the batch again (consumers deduplicate on event id), it never loses one.
 */
export class OutboxRelay<E extends { $case: string; value: unknown }> {
  readonly name: string;
  readonly topic: string;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly readAhead: ReadAhead<E>;
  private leadership?: CheckpointLeadership;
  private readonly onQuarantine?: (event: RelayQuarantinedEvent) => void;
  private standbyUntil = -Infinity;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<E>,
    private readonly codec: EventCodec<E>,
    private readonly publisher: MessagePublisher,
    { topic = codec.topic, batchSize = DEFAULT_RELAY_BATCH_SIZE, maxBatchBytes = DEFAULT_RELAY_BATCH_BYTES, onQuarantine }: OutboxRelayOptions = {},
  ) {
    this.onQuarantine = onQuarantine;
    this.topic = topic;
    this.batchSize = batchSize;
    this.maxBatchBytes = maxBatchBytes;
    this.name = `relay:${topic}`;
    this.readAhead = new ReadAhead(store);
  }

  /** Publishes the next batch; true when there may be more. False too while another replica leads. */
  async publishBatch(): Promise<boolean> {
    const ahead = await this.readAhead.take();
    const leadership = await this.lead();
    if (!leadership) return false;
    const from = leadership.checkpoint;
    const read = ReadAhead.usable(ahead, from, this.batchSize) ?? (await leadership.read((session) => this.store.readAll(from, this.batchSize, session)));
    if (read.length === 0) return false;
    const { consumed, events, messages } = await this.encode(read);
    const last = checkpointOf(read[consumed - 1]);
    // A full batch is likely followed by another: read it while this one is published.
    if (read.length === this.batchSize) this.readAhead.start(last, this.batchSize);
    if (messages.length > 0) await this.publish(events, messages);
    await leadership.save(last);
    return read.length === this.batchSize || consumed < read.length;
  }

  /** Gives up the leadership, so another replica takes over at once; call it after the last batch. */
  async stop(): Promise<void> {
    await this.readAhead.take();
    await this.leadership?.release();
    this.leadership = undefined;
  }

  private async lead(): Promise<CheckpointLeadership | undefined> {
    if (this.leadership?.held) return this.leadership;
    await this.leadership?.release();
    this.leadership = undefined;
    if (performance.now() < this.standbyUntil) return undefined;
    this.leadership = await CheckpointLeadership.tryTake(this.pool, this.name);
    if (!this.leadership) this.standbyUntil = performance.now() + STANDBY_RETRY_MS;
    return this.leadership;
  }

  /**
   * The messages of the batch's first events that fit in maxBatchBytes, at least one, and how many of
   * the read events they cover. A stored payload the codec can no longer decode (an event type removed
   * from the contract, say) is quarantined instead of published: recorded in `quarantined_events`,
   * announced, and stepped over, so one bad row never stops every event behind it.
   */
  private async encode(read: StoredEvent<E>[]): Promise<{ consumed: number; events: StoredEvent<E>[]; messages: OutgoingMessage[] }> {
    const events: StoredEvent<E>[] = [];
    const messages: OutgoingMessage[] = [];
    let bytes = 0;
    let consumed = 0;
    for (const stored of read) {
      let value: Uint8Array;
      try {
        value = this.codec.encode(stored.event);
      } catch (error) {
        if (!(error instanceof UndecodableEventError)) throw error;
        await this.quarantine(error);
        consumed += 1;
        continue;
      }
      const message: OutgoingMessage = {
        key: stored.envelope.streamId,
        value: Buffer.from(value.buffer, value.byteOffset, value.byteLength), // a view, not a copy
        headers: envelopeToHeaders(stored.envelope),
      };
      bytes += recordBytes(message);
      if (bytes > this.maxBatchBytes && messages.length > 0) break;
      events.push(stored);
      messages.push(message);
      consumed += 1;
    }
    return { consumed, events, messages };
  }

  private async quarantine(error: UndecodableEventError): Promise<void> {
    await recordQuarantined(this.pool, this.name, error);
    const { eventId, eventType, globalPosition } = error.event;
    this.onQuarantine?.({ reader: this.name, eventId, eventType, globalPosition, error: String((error.cause as Error)?.message ?? error.cause) });
  }

  /**
   * Publishes a batch. An event stored with its command's trace context is published in a span of
   * that trace, whose context its message carries on: the command's request ended long ago, and the
   * consumer's work joins the same trace.
   */
  private async publish(events: StoredEvent<E>[], messages: OutgoingMessage[]): Promise<void> {
    const spans: Span[] = [];
    for (const [index, { envelope }] of events.entries()) {
      if (envelope.traceparent === undefined) continue;
      spans.push(
        startMessageSpan(`publish ${this.topic}`, SpanKind.PRODUCER, messages[index].headers, {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': this.topic,
          'messaging.message.id': envelope.eventId,
        }),
      );
    }
    try {
      await this.publisher.publish(this.topic, messages);
    } catch (error) {
      for (const span of spans) endSpan(span, error);
      throw error;
    }
    for (const span of spans) endSpan(span);
  }
}

function recordBytes({ key, value, headers }: OutgoingMessage): number {
  let bytes = RECORD_FRAMING_BYTES + Buffer.byteLength(key) + value.byteLength;
  for (const name in headers) bytes += HEADER_FRAMING_BYTES + Buffer.byteLength(name) + Buffer.byteLength(headers[name]);
  return bytes;
}
