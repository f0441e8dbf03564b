import type { EventEnvelope } from '@lib/contracts';

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
   * For streams whose ids are unique across tenants (random ids): the stream belongs to the tenant of
   * its first event, and a command of another tenant is refused with a DomainError of this code, as
   * if the stream did not exist.
   */
  otherTenantNotFoundCode?: string;
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
