import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore, foldStream } from '@lib/event-sourcing';
import { forUnit } from '@lib/platform';
import { type SkmPeriodKind, type SkmSurveyEvent, skmStreamId, type Survey, type SurveyCommand, surveyDecider } from '../domain';

/** Where a staff command points: one unit's survey of one period. */
export interface SkmSurveyRef {
  unitId: string;
  periodKind: SkmPeriodKind;
  periodStart: string;
}

export async function readSurvey(store: EventStore<SurveyEvent>, tenantId: string, ref: SkmSurveyRef): Promise<Survey> {
  const streamId = skmStreamId(tenantId, ref.unitId, ref.periodKind, ref.periodStart);
  const history = await store.readStream(streamId);
  return foldStream(
    surveyDecider,
    streamId,
    history.map((stored) => stored.event),
  );
}

/** Runs a staff command on a survey stream of the command's tenant: another tenant's survey of the same unit and period is another stream. */
export function handleStaffSurveyCommand(
  store: EventStore<SurveyEvent>,
  meta: CommandMeta,
  ref: SkmSurveyRef,
  command: (state: Survey) => SurveyCommand,
): Promise<AppendResult & { events: SkmSurveyEvent[] }> {
  return store.handle(
    skmStreamId(meta.tenantId, ref.unitId, ref.periodKind, ref.periodStart),
    surveyDecider,
    (state) => surveyDecider.decide(command(state), state),
    forUnit(meta, ref.unitId),
  );
}
