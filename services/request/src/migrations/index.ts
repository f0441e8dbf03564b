import { eventStoreMigrations } from '@lib/event-sourcing';
import { ApplicationRole1732900000000, PersonalDataKeys1733500000000 } from '@lib/platform';
import { RequestReadModels1732500000000 } from './1732500000000-request-read-models';
import { CalendarReadModel1732600000000 } from './1732600000000-calendar-read-model';
import { TenantScopedStandards1732860000000 } from './1732860000000-tenant-scoped-standards';
import { ReporterComplaintLink1733500000001 } from './1733500000001-reporter-complaint-link';

/** In order: the shared event store first, then this service's read tables, then the application role's grants, then the personal-data keys. */
export const requestMigrations = [
  ...eventStoreMigrations,
  RequestReadModels1732500000000,
  CalendarReadModel1732600000000,
  TenantScopedStandards1732860000000,
  ApplicationRole1732900000000,
  PersonalDataKeys1733500000000,
  ReporterComplaintLink1733500000001,
];
