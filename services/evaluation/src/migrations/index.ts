import { eventStoreMigrations } from '@lib/event-sourcing';
import { ApplicationRole1732900000000 } from '@lib/platform';
import { OperationalFacts1732400000000 } from './1732400000000-operational-facts';
import { EvaluationReadModel1732500000000 } from './1732500000000-evaluation-read-model';
import { EvidenceFiles1732600000000 } from './1732600000000-evidence-files';
import { TenantTimeZones1732700000000 } from './1732700000000-tenant-time-zones';
import { TenantScopedStreams1732740000000 } from './1732740000000-tenant-scoped-streams';
import { TenantRulesets1732750000000 } from './1732750000000-tenant-rulesets';
import { Units1732800000000 } from './1732800000000-units';
import { EvidenceFileUploads1732850000000 } from './1732850000000-evidence-file-uploads';

/** In order: the shared event store first, then this service's read tables, then the application role's grants. */
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
];
