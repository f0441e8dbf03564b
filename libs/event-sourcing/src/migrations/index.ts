import { EventStore1732300000000 } from './1732300000000-event-store';

/** Migrations every service runs before its own: event store, outbox checkpoints, inbox, idempotency keys. */
export const eventStoreMigrations = [EventStore1732300000000];
