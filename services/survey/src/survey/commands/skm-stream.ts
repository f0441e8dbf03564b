import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, DomainError, EventStore } from '@lib/event-sourcing';
import { foldEvents } from '@lib/event-sourcing/domain';
import { type SkmPeriodKind, skmStreamId, type Survey, type SurveyCommand, surveyDecider } from '../domain';
import type { Actor } from '../http/actor';
import { commandMeta } from './command-meta';

/** Where a staff command points: one unit's survey of one period. */
export interface SkmSurveyRef {
  unitId: string;
  periodKind: SkmPeriodKind;
  periodStart: string;
}

/** Another tenant's survey is reported as absent, not as forbidden: its existence is not theirs to learn. */
export function requireOwnTenant<S extends { status: string }>(state: S, tenantId: string, what: string): S {
  if (state.status !== 'none' && (state as S & { tenantId: string }).tenantId !== tenantId) {
    throw new DomainError('SURVEY.NOT_FOUND', `no ${what} of this tenant`);
  }
  return state;
}

export async function readSurvey(store: EventStore<SurveyEvent>, tenantId: string, ref: SkmSurveyRef): Promise<Survey> {
  const history = await store.readStream(skmStreamId(tenantId, ref.unitId, ref.periodKind, ref.periodStart));
  return foldEvents(surveyDecider.evolve, surveyDecider.initialState(), history.map((stored) => stored.event));
}

/** Runs a staff command on a survey stream of the actor's tenant. */
export function handleStaffSurveyCommand(
  store: EventStore<SurveyEvent>,
  actor: Actor,
  ref: SkmSurveyRef,
  command: (state: Survey) => SurveyCommand,
  idempotencyKey?: string,
): Promise<AppendResult & { events: SurveyEvent[] }> {
  return store.handle(
    skmStreamId(actor.tenantId, ref.unitId, ref.periodKind, ref.periodStart),
    surveyDecider,
    (state) => surveyDecider.decide(command(requireOwnTenant(state, actor.tenantId, 'survey')), state),
    commandMeta(actor, ref.unitId, idempotencyKey),
  );
}
