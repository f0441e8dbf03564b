import { eventStoreMigrations } from '@lib/event-sourcing';

/** In order: the shared event store first, then this service's read tables. */
export const surveyMigrations = [...eventStoreMigrations];
