import { eventStoreMigrations } from '@lib/event-sourcing';
import { ApplicationRole1732900000000, EVENT_STORE_TABLE_PRIVILEGES, LeastPrivilege1733200000000, type ServiceDatabase } from '@lib/platform';
import { OperationalFacts1732400000000 } from './1732400000000-operational-facts';
import { EvaluationReadModel1732500000000 } from './1732500000000-evaluation-read-model';
import { EvidenceFiles1732600000000 } from './1732600000000-evidence-files';
import { TenantTimeZones1732700000000 } from './1732700000000-tenant-time-zones';
import { TenantScopedStreams1732740000000 } from './1732740000000-tenant-scoped-streams';
import { TenantRulesets1732750000000 } from './1732750000000-tenant-rulesets';
import { Units1732800000000 } from './1732800000000-units';
import { EvidenceFileUploads1732850000000 } from './1732850000000-evidence-file-uploads';
import { EvaluationTableGrants1733200000001 } from './1733200000001-table-grants';
import { EvidenceUploadGrants1733300000000 } from './1733300000000-evidence-upload-grants';
import { IndicatorProposals1733400000000 } from './1733400000000-indicator-proposals';
import { SkmDeclaredPopulation1733450000000 } from './1733450000000-skm-declared-population';
import { ComplianceGrades1733460000000 } from './1733460000000-compliance-grades';
import { FindingsDirtyUnits1733470000000 } from './1733470000000-findings-dirty-units';
import { F01Versions1733520000000 } from './1733520000000-f01-versions';
import { F01VersionsGrants1733520000001 } from './1733520000001-f01-versions-grants';

/** In order: the shared event store first, then this service's read tables, then the application role's grants, table by table. */
export const evaluationMigrations = [
  ...eventStoreMigrations,
  OperationalFacts1732400000000,
  EvaluationReadModel1732500000000,
  EvidenceFiles1732600000000,
  TenantTimeZones1732700000000,
  TenantScopedStreams1732740000000,
  TenantRulesets1732750000000,
  Units1732800000000,
  EvidenceFileUploads1732850000000,
  ApplicationRole1732900000000,
  LeastPrivilege1733200000000,
  EvaluationTableGrants1733200000001,
  EvidenceUploadGrants1733300000000,
  IndicatorProposals1733400000000,
  SkmDeclaredPopulation1733450000000,
  ComplianceGrades1733460000000,
  FindingsDirtyUnits1733470000000,
  F01Versions1733520000000,
  F01VersionsGrants1733520000001,
];

/** What the application role may do on each table (see EvaluationTableGrants1733200000001): the boot check refuses more. */
export const evaluationTablePrivileges = {
  ...EVENT_STORE_TABLE_PRIVILEGES,
  units_v1: ['SELECT', 'INSERT', 'TRUNCATE'],
  rulesets_v1: ['SELECT', 'INSERT', 'TRUNCATE'],
  cycles_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  unit_assessments_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  unit_results_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  operational_facts_v1: ['SELECT', 'INSERT', 'UPDATE'],
  tenant_time_zones_v1: ['SELECT', 'INSERT', 'UPDATE'],
  evidence_files_v1: ['SELECT', 'INSERT'],
  evidence_file_uploads_v1: ['SELECT', 'INSERT'],
  evidence_upload_chunks_v1: ['SELECT', 'INSERT', 'DELETE'],
  proposal_standards_v1: ['SELECT', 'INSERT', 'UPDATE'],
  proposal_requests_v1: ['SELECT', 'INSERT', 'UPDATE'],
  proposal_complaints_v1: ['SELECT', 'INSERT', 'UPDATE'],
  proposal_skm_periods_v1: ['SELECT', 'INSERT', 'UPDATE'],
  indicator_proposals_v1: ['SELECT', 'INSERT', 'UPDATE'],
  compliance_grades_v1: ['SELECT', 'INSERT', 'UPDATE'],
  findings_dirty_units: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  f01_histories_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  f01_evidence_hashes_v1: ['SELECT', 'INSERT', 'DELETE', 'TRUNCATE'],
  f01_answer_prints_v1: ['SELECT', 'INSERT', 'DELETE', 'TRUNCATE'],
} as const;

export const evaluationDatabase: ServiceDatabase = { migrations: evaluationMigrations, tablePrivileges: evaluationTablePrivileges };
