import { eventStoreMigrations } from '@lib/event-sourcing';
import { OperationalFacts1732400000000 } from './1732400000000-operational-facts';
import { EvaluationReadModel1732500000000 } from './1732500000000-evaluation-read-model';

/** In order: the shared event store first, then this service's read tables. */
export const evaluationMigrations = [...eventStoreMigrations, OperationalFacts1732400000000, EvaluationReadModel1732500000000];
