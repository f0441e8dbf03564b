import { call } from './http';
import type { CatchUp } from '../query-client';
import type { components } from './generated/survey';
import type { Api } from './use-api';

const base = '/api/survey';

type Schemas = components['schemas'];

// The service's answers, generated from its OpenAPI document (npm run api:gen).
export type UnitSkmSurvey = Schemas['UnitSkmSurveyResponse'];
export type PeriodKind = UnitSkmSurvey['periodKind'];
export type SkmResult = Schemas['SkmResultResponse'];
export type FollowUp = Schemas['FollowUpResponse'];
export type SkmSurveyResult = Schemas['SkmSurveyResultResponse'];
export type PublicSkmForm = Schemas['PublicSkmFormResponse'];
export type SkmResponse = Schemas['SkmResponseRequest'];
export type PublicF03Form = Schemas['PublicF03FormResponse'];
/** What every survey command answers: the stream it changed and the version it reached. */
export type CommandReply = Schemas['CommandReply'];

export interface SurveyRef {
  unitId: string;
  periodKind: PeriodKind;
  periodStart: string;
}

const surveyPath = ({ unitId, periodKind, periodStart }: SurveyRef) =>
  `${base}/units/${encodeURIComponent(unitId)}/skm-surveys/${periodKind}/${encodeURIComponent(periodStart)}`;
const publicPath = (publicLinkId: string) => `${base}/public/skm-surveys/${encodeURIComponent(publicLinkId)}`;

/** Poster images: public, so plain <img> and download links work without a token. */
export const qrCodeUrl = (publicLinkId: string, format: 'svg' | 'png') => `${publicPath(publicLinkId)}/qr.${format}`;

export const surveyApi = {
  unitSurveys: (api: Api, unitId: string) => api<UnitSkmSurvey[]>(`${base}/units/${encodeURIComponent(unitId)}/skm-surveys`),
  open: (api: Api, ref: SurveyRef, body: Schemas['OpenSkmSurveyRequest']) => api<Schemas['OpenedSurveyResponse']>(surveyPath(ref), { method: 'POST', body }),
  result: (api: Api, ref: SurveyRef) => api<SkmSurveyResult>(`${surveyPath(ref)}/result`),
  declarePopulation: (api: Api, ref: SurveyRef, body: Schemas['DeclareSkmPopulationRequest']) =>
    api<CommandReply>(`${surveyPath(ref)}/population`, { method: 'PUT', body }),
  close: (api: Api, ref: SurveyRef) => api<CommandReply>(`${surveyPath(ref)}/close`, { method: 'POST' }),
  publish: (api: Api, ref: SurveyRef, body: Schemas['PublishSkmResultRequest']) =>
    api<CommandReply>(`${surveyPath(ref)}/publication`, { method: 'POST', body }),
  planFollowUp: (api: Api, ref: SurveyRef, body: Schemas['PlanFollowUpRequest']) =>
    api<CommandReply>(`${surveyPath(ref)}/follow-ups`, { method: 'POST', body }),
  completeFollowUp: (api: Api, ref: SurveyRef, itemId: string, body: Schemas['CompleteFollowUpRequest']) =>
    api<CommandReply>(`${surveyPath(ref)}/follow-ups/${encodeURIComponent(itemId)}/completion`, { method: 'POST', body }),
  openF03: (api: Api, cycleId: string, unitId: string) =>
    api<CommandReply>(`${base}/f03-collections/${encodeURIComponent(cycleId)}/${encodeURIComponent(unitId)}`, { method: 'POST' }),
};

/** The survey's result, until it shows the version a survey command reached (see refreshAfterCommand). */
export const surveyResultCatchUp = (api: Api, ref: SurveyRef, reply: CommandReply): CatchUp<SkmSurveyResult> => ({
  read: () => surveyApi.result(api, ref),
  versionIn: (result) => result.version,
  reached: reply.version,
});

/** The unit's surveys, until they list the one just opened at the version its opening reached. */
export const openedSurveyCatchUp = (api: Api, unitId: string, opened: Schemas['OpenedSurveyResponse']): CatchUp<UnitSkmSurvey[]> => ({
  read: () => surveyApi.unitSurveys(api, unitId),
  versionIn: (surveys) => surveys.find((survey) => survey.surveyId === opened.surveyId)?.version,
  reached: opened.version,
});

const publicF03Path = (tenantId: string, cycleId: string, unitId: string): string =>
  `${base}/public/tenants/${encodeURIComponent(tenantId)}/f03/${encodeURIComponent(cycleId)}/${encodeURIComponent(unitId)}`;

/** What citizens call, without a token. */
export const publicSurveyApi = {
  form: (publicLinkId: string) => call<PublicSkmForm>(publicPath(publicLinkId)),
  respond: (publicLinkId: string, body: SkmResponse) =>
    call<Schemas['RecordedResponseResponse']>(`${publicPath(publicLinkId)}/responses`, { method: 'POST', body }),
  f03Form: (tenantId: string, cycleId: string, unitId: string) => call<PublicF03Form>(publicF03Path(tenantId, cycleId, unitId)),
  respondF03: (tenantId: string, cycleId: string, unitId: string, body: Schemas['F03ResponseRequest']) =>
    call<CommandReply>(`${publicF03Path(tenantId, cycleId, unitId)}/responses`, { method: 'POST', body }),
};
