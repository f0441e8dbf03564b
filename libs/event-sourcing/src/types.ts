import type { PoolClient } from 'pg';
import type { EventEnvelope } from '@lib/contracts';
import { DomainError } from './domain';

/** Who and why, for every command: becomes the metadata of each event it appends. */
export interface CommandMeta {
  correlationId: string;
  /** The event or HTTP request that caused the command; defaults to the correlation id. */
  causationId?: string;
  /** A retried command with the same key appends nothing new and returns the first result. */
  idempotencyKey?: string;
  tenantId: string;
  unitId: string;
  actor: { id: string; role: string };
  /** Domain time of the command (ISO instant); defaults to the store's clock. */
  occurredAt?: string;
}

/** An event as stored: the domain event plus its envelope and its place in the log. */
export interface StoredEvent<E> {
  event: E;
  envelope: EventEnvelope;
  /** bigint as decimal string: positions outgrow Number.MAX_SAFE_INTEGER long before the store dies. */
  globalPosition: string;
  /** xid8 of the writing transaction, as decimal string. */
  transactionId: string;
  recordedAt: Date;
}

/** Where a stream lives: the tenant and unit of its latest event, and its version. */
export interface StreamLocation {
  tenantId: string;
  unitId?: string;
  version: number;
}

/** Where a reader of the whole log stopped: ordered by (transaction id, position). */
export interface Checkpoint {
  transactionId: string;
  globalPosition: string;
}

export const START: Checkpoint = { transactionId: '0', globalPosition: '0' };

export interface AppendResult {
  streamId: string;
  /** Stream version after the append (the expected version of the next one). */
  nextExpectedVersion: number;
  /** Events appended by this call; 0 for a duplicate or a decision with no events. */
  appended: number;
  /** True when the idempotency key had been used: nothing was appended this time. */
  duplicate: boolean;
}

/** Only the AppendResult of what `EventStore.handle` answers (which also carries the events and the state), for a reply. */
export const appendResultOf = ({ streamId, nextExpectedVersion, appended, duplicate }: AppendResult): AppendResult => ({
  streamId,
  nextExpectedVersion,
  appended,
  duplicate,
});

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * Other streams a command decided on, which must be unchanged when it appends (see
 * `EventStore.handle`). Commands guarding against each other name the same `lockKey`: `shared`
 * holders run side by side, an `exclusive` holder waits for them and they for it, so whichever
 * commits second sees the first one's events and is refused with StreamChangedError.
 */
export interface AppendGuard {
  lockKey: string;
  lockMode: 'shared' | 'exclusive';
  unchanged: readonly { streamId: string; version: number }[];
}

/** How `EventStore.handle` treats a stream beyond reading, deciding and appending. */
export interface HandleOptions {
  /** Other streams the decision read, which must not change before the append. */
  guard?: AppendGuard;
  /**
   * What must commit with the command's events or not at all (a one-time proof claimed, a row of a
   * table the command owns): run in the append's transaction once events were appended, never for a
   * command that appends nothing or a retry answered from its key. Its error rolls the append back.
   */
  alongside?: (tx: PoolClient) => Promise<void>;
  /**
   * A stream belongs to the tenant of its first event, and a command of another tenant is refused as
   * if the stream did not exist, with a DomainError of this code (default STREAM.NOT_FOUND). Streams
   * whose ids a client chooses also carry the tenant in the id, so two tenants never meet on one.
   */
  otherTenantNotFoundCode?: string;
  /**
   * The command creates its stream under an id it generated, so a retry of it comes with a fresh id:
   * an idempotency key remembered for another stream with this prefix was this command's earlier
   * attempt and answers as its duplicate. Any other stream a key names is a reused key.
   */
  createsStreamWithPrefix?: string;
}

/**
 * An idempotency key the store remembers for another stream than the command's: a client that reuses
 * a key for a different command would otherwise get that command's answer and nothing done.
 */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(readonly rememberedStreamId: string) {
    super('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for a different command');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A stream an AppendGuard named changed after the command read it: read again and decide again. */
export class StreamChangedError extends Error {
  constructor(
    readonly streamId: string,
    readonly readVersion: number,
    readonly currentVersion: number,
  ) {
    super(`stream ${streamId} moved from version ${readVersion} to ${currentVersion} while the command ran`);
    this.name = 'StreamChangedError';
  }
}

/** Where a stored event is and what it claims to be, without decoding it. */
export interface StoredEventRef {
  eventId: string;
  eventType: string;
  globalPosition: string;
  transactionId: string;
}

/**
 * A stored payload the codec cannot decode (an event type removed from the contract, a field whose
 * shape changed): thrown where the event is first read, so a reader can quarantine it (see
 * ProjectionGroup) instead of stopping on it.
 */
export class UndecodableEventError extends Error {
  constructor(
    readonly event: StoredEventRef,
    override readonly cause: unknown,
  ) {
    super(`event ${event.eventId} (${event.eventType}, position ${event.globalPosition}) cannot be decoded: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'UndecodableEventError';
  }
}
