import { eventStoreMigrations } from '@lib/event-sourcing';
import {
  ApplicationRole1732900000000,
  EVENT_STORE_TABLE_PRIVILEGES,
  LeastPrivilege1733200000000,
  PersonalDataKeys1733500000000,
  type ServiceDatabase,
} from '@lib/platform';
import { SurveyReadModels1732500000000 } from './1732500000000-survey-read-models';
import { CompletedOnLocalDate1732600000000 } from './1732600000000-completed-on-local-date';
import { TenantScopedStreams1732850000000 } from './1732850000000-tenant-scoped-streams';
import { RespondentProofs1733000000000 } from './1733000000000-respondent-proofs';
import { SurveyTableGrants1733200000001 } from './1733200000001-table-grants';
import { RespondentProofGrants1733300000000 } from './1733300000000-respondent-proof-grants';
import { PopulationDeclarations1733600000000 } from './1733600000000-population-declarations';
import { PekpppCycles1733700000000 } from './1733700000000-pekppp-cycles';
import { PekpppCycleGrants1733700000001 } from './1733700000001-pekppp-cycle-grants';

/** In order: the shared event store first, then this service's read tables, then the application role's grants, table by table, then the personal-data keys. */
export const surveyMigrations = [
  ...eventStoreMigrations,
  SurveyReadModels1732500000000,
  CompletedOnLocalDate1732600000000,
  TenantScopedStreams1732850000000,
  ApplicationRole1732900000000,
  RespondentProofs1733000000000,
  LeastPrivilege1733200000000,
  SurveyTableGrants1733200000001,
  RespondentProofGrants1733300000000,
  PersonalDataKeys1733500000000,
  PopulationDeclarations1733600000000,
  PekpppCycles1733700000000,
  PekpppCycleGrants1733700000001,
];

/** What the application role may do on each table (see SurveyTableGrants1733200000001): the boot check refuses more. */
export const surveyTablePrivileges = {
  ...EVENT_STORE_TABLE_PRIVILEGES,
  skm_surveys_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  skm_unsur_totals_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  f03_collections_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  completed_requests_v1: ['SELECT', 'INSERT'],
  f03_proof_codes_v1: ['SELECT', 'INSERT'],
  survey_used_proofs_v1: ['SELECT', 'INSERT'],
  survey_submissions_v1: ['SELECT', 'INSERT', 'DELETE'],
  pekppp_cycles_v1: ['SELECT', 'INSERT'],
  pekppp_unit_lokus_v1: ['SELECT', 'INSERT'],
  personal_data_keys: ['SELECT', 'INSERT', 'UPDATE'],
} as const;

export const surveyDatabase: ServiceDatabase = { migrations: surveyMigrations, tablePrivileges: surveyTablePrivileges };
