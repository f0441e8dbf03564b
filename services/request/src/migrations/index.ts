import { eventStoreMigrations } from '@lib/event-sourcing';
import { RequestReadModels1732500000000 } from './1732500000000-request-read-models';

/** In order: the shared event store first, then this service's read tables. */
export const requestMigrations = [...eventStoreMigrations, RequestReadModels1732500000000];
