import { eventStoreMigrations } from '@lib/event-sourcing';
import { ApplicationRole1732900000000, EVENT_STORE_TABLE_PRIVILEGES, LeastPrivilege1733200000000, type ServiceDatabase } from '@lib/platform';
import { SurveyReadModels1732500000000 } from './1732500000000-survey-read-models';
import { CompletedOnLocalDate1732600000000 } from './1732600000000-completed-on-local-date';
import { TenantScopedStreams1732850000000 } from './1732850000000-tenant-scoped-streams';
import { SurveyTableGrants1733200000001 } from './1733200000001-table-grants';

/** In order: the shared event store first, then this service's read tables, then the application role's grants, table by table. */
export const surveyMigrations = [
  ...eventStoreMigrations,
  SurveyReadModels1732500000000,
  CompletedOnLocalDate1732600000000,
  TenantScopedStreams1732850000000,
  ApplicationRole1732900000000,
  LeastPrivilege1733200000000,
  SurveyTableGrants1733200000001,
];

/** What the application role may do on each table (see SurveyTableGrants1733200000001): the boot check refuses more. */
export const surveyTablePrivileges = {
  ...EVENT_STORE_TABLE_PRIVILEGES,
  skm_surveys_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  skm_unsur_totals_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  f03_collections_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  completed_requests_v1: ['SELECT', 'INSERT'],
} as const;

export const surveyDatabase: ServiceDatabase = { migrations: surveyMigrations, tablePrivileges: surveyTablePrivileges };
