import { EventStore1732300000000 } from './1732300000000-event-store';
import { ReaderFaults1733180000000 } from './1733180000000-reader-faults';

/** Migrations every service runs before its own: event store, outbox checkpoints, inbox, idempotency keys, readers' fault records. */
export const eventStoreMigrations = [EventStore1732300000000, ReaderFaults1733180000000];
