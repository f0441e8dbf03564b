import { eventStoreMigrations } from '@lib/event-sourcing';
import { ApplicationRole1732900000000, PersonalDataKeys1733500000000 } from '@lib/platform';
import { SurveyReadModels1732500000000 } from './1732500000000-survey-read-models';
import { CompletedOnLocalDate1732600000000 } from './1732600000000-completed-on-local-date';
import { TenantScopedStreams1732850000000 } from './1732850000000-tenant-scoped-streams';
import { RespondentProofs1733000000000 } from './1733000000000-respondent-proofs';

/**
 * In order: the shared event store first, then this service's read tables, then the application role's
 * grants (later tables get them by default privileges, the personal-data keys all but DELETE).
 */
export const surveyMigrations = [
  ...eventStoreMigrations,
  SurveyReadModels1732500000000,
  CompletedOnLocalDate1732600000000,
  TenantScopedStreams1732850000000,
  ApplicationRole1732900000000,
  RespondentProofs1733000000000,
  PersonalDataKeys1733500000000,
];
