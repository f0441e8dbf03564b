import type { EventCodec, EventEnvelope } from '@lib/contracts';
import { type CustomTypesConfig, types as pgTypes } from 'pg';
import { type StoredEvent, UndecodableEventError } from './types';

type EnvelopeMetadata = Omit<EventEnvelope, 'eventId' | 'eventType' | 'streamId' | 'streamVersion'>;

/** A row of COLUMNS in `rowMode: 'array'`, with jsonb and timestamptz left as the server sent them (see RAW_TYPES). */
export type EventRow = [
  globalPosition: string,
  transactionId: string,
  streamId: string,
  streamVersion: number,
  eventId: string,
  eventType: string,
  payload: string,
  metadata: string,
  recordedAt: string,
];

/** A row that starts with the columns of EventRow (a read may select more after them). */
export type EventColumns = readonly [...EventRow, ...unknown[]];

const JSONB_OID = 3802;
const TIMESTAMPTZ_OID = 1184;
const keepText = (value: string): string => value;
const parseTimestamptz = pgTypes.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date;

// Reading the log is CPU-bound in this process, not in PostgreSQL: per row, the driver would
// JSON.parse two documents and parse a date, and the mapping would decode the payload with fromJSON,
// whether the reader needs them or not (a projection keyed by unit only reads the envelope). So the
// reads take rows as arrays with jsonb and timestamptz as text, and StoredEvent decodes each part on
// first access (see LazyStoredEvent).
export const RAW_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSONB_OID || oid === TIMESTAMPTZ_OID ? keepText : pgTypes.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

export const COLUMNS = `global_position::text, transaction_id::text, stream_id, stream_version, event_id, event_type, payload, metadata, recorded_at`;

/**
 * A StoredEvent whose `event`, `envelope` and `recordedAt` decode on first access and keep the result.
 * They are own, enumerable, assignable accessors, so spreading, JSON.stringify, Object.keys and deep
 * equality see the same five fields, in the same order, as on the plain object this used to be (the
 * row and the caches are private fields, which none of those see). The accessors are shared, defined
 * per instance from one descriptor each: an object literal with getters costs twice as much per row.
 * A payload the codec cannot decode therefore throws UndecodableEventError where `event` is first
 * read, not in readAll.
 */
class LazyStoredEvent<E extends { $case: string; value: unknown }> implements StoredEvent<E> {
  declare event: E;
  declare envelope: EventEnvelope;
  declare globalPosition: string;
  declare transactionId: string;
  declare recordedAt: Date;
  readonly #codec: EventCodec<E>;
  readonly #row: EventColumns;
  #event?: E;
  #envelope?: EventEnvelope;
  #recordedAt?: Date;

  static readonly #accessors = {
    event: {
      enumerable: true,
      configurable: true,
      get(this: LazyStoredEvent<never>) {
        return (this.#event ??= decode(this.#codec, this.#row));
      },
      set(this: LazyStoredEvent<never>, value: never) {
        this.#event = value;
      },
    },
    envelope: {
      enumerable: true,
      configurable: true,
      get(this: LazyStoredEvent<never>) {
        return (this.#envelope ??= toEnvelope(this.#row));
      },
      set(this: LazyStoredEvent<never>, value: EventEnvelope) {
        this.#envelope = value;
      },
    },
    recordedAt: {
      enumerable: true,
      configurable: true,
      get(this: LazyStoredEvent<never>) {
        return (this.#recordedAt ??= parseTimestamptz(this.#row[8]));
      },
      set(this: LazyStoredEvent<never>, value: Date) {
        this.#recordedAt = value;
      },
    },
  } satisfies Record<string, PropertyDescriptor>;

  constructor(codec: EventCodec<E>, row: EventColumns) {
    this.#codec = codec;
    this.#row = row;
    Object.defineProperty(this, 'event', LazyStoredEvent.#accessors.event);
    Object.defineProperty(this, 'envelope', LazyStoredEvent.#accessors.envelope);
    this.globalPosition = row[0];
    this.transactionId = row[1];
    Object.defineProperty(this, 'recordedAt', LazyStoredEvent.#accessors.recordedAt);
  }
}

function decode<E extends { $case: string; value: unknown }>(codec: EventCodec<E>, row: EventColumns): E {
  try {
    return codec.fromPayload(row[5], JSON.parse(row[6]));
  } catch (error) {
    throw new UndecodableEventError({ eventId: row[4], eventType: row[5], globalPosition: row[0], transactionId: row[1] }, error);
  }
}

function toEnvelope(row: EventColumns): EventEnvelope {
  // The parsed metadata object becomes the envelope: same fields, same order as spreading it into a
  // new object, without the copy.
  const envelope = JSON.parse(row[7]) as EnvelopeMetadata as EventEnvelope;
  envelope.eventId = row[4];
  envelope.eventType = row[5];
  envelope.streamId = row[2];
  envelope.streamVersion = row[3];
  return envelope;
}

/** Rows of COLUMNS as stored events that decode on first access. */
export function toStoredEvents<E extends { $case: string; value: unknown }>(codec: EventCodec<E>, rows: readonly EventColumns[]): StoredEvent<E>[] {
  const events = new Array<StoredEvent<E>>(rows.length);
  for (let i = 0; i < rows.length; i++) events[i] = new LazyStoredEvent(codec, rows[i]);
  return events;
}
