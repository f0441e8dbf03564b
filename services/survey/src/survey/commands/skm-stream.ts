import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, EventStore } from '@lib/event-sourcing';
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

export async function readSurvey(store: EventStore<SurveyEvent>, tenantId: string, ref: SkmSurveyRef): Promise<Survey> {
  const history = await store.readStream(skmStreamId(tenantId, ref.unitId, ref.periodKind, ref.periodStart));
  return foldEvents(
    surveyDecider.evolve,
    surveyDecider.initialState(),
    history.map((stored) => stored.event),
  );
}

/** Runs a staff command on a survey stream of the actor's tenant: another tenant's survey of the same unit and period is another stream. */
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
    (state) => surveyDecider.decide(command(state), state),
    commandMeta(actor, ref.unitId, idempotencyKey),
  );
}
