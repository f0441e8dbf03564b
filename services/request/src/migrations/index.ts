import { eventStoreMigrations } from '@lib/event-sourcing';
import {
  ApplicationRole1732900000000,
  EVENT_STORE_TABLE_PRIVILEGES,
  LeastPrivilege1733200000000,
  PersonalDataKeys1733500000000,
  type ServiceDatabase,
} from '@lib/platform';
import { RequestReadModels1732500000000 } from './1732500000000-request-read-models';
import { CalendarReadModel1732600000000 } from './1732600000000-calendar-read-model';
import { TenantScopedStandards1732860000000 } from './1732860000000-tenant-scoped-standards';
import { RequestTableGrants1733200000001 } from './1733200000001-table-grants';
import { ReporterComplaintLink1733500000001 } from './1733500000001-reporter-complaint-link';

/** In order: the shared event store first, then this service's read tables, then the application role's grants, table by table, then the personal-data keys. */
export const requestMigrations = [
  ...eventStoreMigrations,
  RequestReadModels1732500000000,
  CalendarReadModel1732600000000,
  TenantScopedStandards1732860000000,
  ApplicationRole1732900000000,
  LeastPrivilege1733200000000,
  RequestTableGrants1733200000001,
  PersonalDataKeys1733500000000,
  ReporterComplaintLink1733500000001,
];

/** What the application role may do on each table (see RequestTableGrants1733200000001): the boot check refuses more. */
export const requestTablePrivileges = {
  ...EVENT_STORE_TABLE_PRIVILEGES,
  service_standards_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  requests_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  complaints_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  calendar_national_years_v1: ['SELECT', 'INSERT', 'TRUNCATE'],
  tenant_calendars_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  complaint_reporters: ['SELECT', 'INSERT', 'DELETE'],
  personal_data_keys: ['SELECT', 'INSERT', 'UPDATE'],
} as const;

export const requestDatabase: ServiceDatabase = { migrations: requestMigrations, tablePrivileges: requestTablePrivileges };
