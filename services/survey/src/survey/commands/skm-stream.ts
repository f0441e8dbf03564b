import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { forUnit } from '@lib/platform';
import { foldEvents } from '@lib/event-sourcing/domain';
import { type SkmPeriodKind, skmStreamId, type Survey, type SurveyCommand, surveyDecider } from '../domain';

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

/** Runs a staff command on a survey stream of the command's tenant: another tenant's survey of the same unit and period is another stream. */
export function handleStaffSurveyCommand(
  store: EventStore<SurveyEvent>,
  meta: CommandMeta,
  ref: SkmSurveyRef,
  command: (state: Survey) => SurveyCommand,
): Promise<AppendResult & { events: SurveyEvent[] }> {
  return store.handle(
    skmStreamId(meta.tenantId, ref.unitId, ref.periodKind, ref.periodStart),
    surveyDecider,
    (state) => surveyDecider.decide(command(state), state),
    forUnit(meta, ref.unitId),
  );
}
