import { eventStoreMigrations } from '@lib/event-sourcing';
import { SurveyReadModels1732500000000 } from './1732500000000-survey-read-models';

/** In order: the shared event store first, then this service's read tables. */
export const surveyMigrations = [...eventStoreMigrations, SurveyReadModels1732500000000];
