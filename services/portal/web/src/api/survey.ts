import { call } from './http';
import type { Api } from './use-api';

const base = '/api/survey';

export type PeriodKind = 'quarter' | 'semester' | 'year';

export interface UnitSkmSurvey {
  surveyId: string;
  publicLinkId: string;
  unitId: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  status: 'open' | 'closed';
  respondents: number;
  final: { ikmConverted: number; band: string; bandLabel: string; weakestUnsur: string } | null;
}

export interface SkmResult {
  respondents: number;
  unsur: { code: string; nrr: number; weight: number }[];
  ikm: number;
  ikmConverted: number;
  band: string;
  bandLabel: string;
  weakestUnsur: string;
  population: number;
  requiredSample: number;
  sampleAdequate: boolean;
  provisional: boolean;
  populationSource: string;
}

export interface FollowUp {
  unsurCode: string;
  action: string;
  dueDate: string;
  completedOn: string | null;
  evidence: string | null;
}

export interface SkmSurveyResult {
  surveyId: string;
  status: 'open' | 'closed';
  periodStart: string;
  periodEnd: string;
  final: boolean;
  verifiedRespondents: number;
  publishedMedia: string[];
  followUps: Record<string, FollowUp>;
  result: SkmResult;
}

export interface PublicSkmForm {
  surveyId: string;
  publicUrl: string;
  unitId: string;
  periodStart: string;
  periodEnd: string;
  accepting: boolean;
  unsur: { code: string; name: string; extra: boolean }[];
  answerScale: { value: number; label: string }[];
}

export interface SkmResponse {
  answers: { code: string; value: number }[];
  respondentToken: string;
  suggestion?: string;
  trackingCode?: string;
  profile?: { ageBand?: string; sex?: string; education?: string; occupation?: string };
}

export interface PublicF03Form {
  tenantId: string;
  cycleId: string;
  unitId: string;
  items: { item: number; aspect: string; name: string }[];
  scale: { min: number; max: number };
}

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
  open: (api: Api, ref: SurveyRef, body: { periodEnd: string; declaredPopulation?: number }) =>
    api<{ surveyId: string; publicLinkId: string }>(surveyPath(ref), { method: 'POST', body }),
  result: (api: Api, ref: SurveyRef) => api<SkmSurveyResult>(`${surveyPath(ref)}/result`),
  close: (api: Api, ref: SurveyRef) => api(`${surveyPath(ref)}/close`, { method: 'POST' }),
  publish: (api: Api, ref: SurveyRef, body: { media: string[]; publishedOn: string }) => api(`${surveyPath(ref)}/publication`, { method: 'POST', body }),
  planFollowUp: (api: Api, ref: SurveyRef, body: { itemId: string; unsurCode: string; action: string; dueDate: string }) =>
    api(`${surveyPath(ref)}/follow-ups`, { method: 'POST', body }),
  completeFollowUp: (api: Api, ref: SurveyRef, itemId: string, body: { completedOn: string; evidence: string }) =>
    api(`${surveyPath(ref)}/follow-ups/${encodeURIComponent(itemId)}/completion`, { method: 'POST', body }),
  openF03: (api: Api, cycleId: string, unitId: string, ruleset: string) =>
    api(`${base}/f03-collections/${encodeURIComponent(cycleId)}/${encodeURIComponent(unitId)}`, { method: 'POST', body: { ruleset } }),
};

const publicF03Path = (tenantId: string, cycleId: string, unitId: string): string =>
  `${base}/public/tenants/${encodeURIComponent(tenantId)}/f03/${encodeURIComponent(cycleId)}/${encodeURIComponent(unitId)}`;

/** What citizens call, without a token. */
export const publicSurveyApi = {
  form: (publicLinkId: string) => call<PublicSkmForm>(publicPath(publicLinkId)),
  respond: (publicLinkId: string, body: SkmResponse) =>
    call<{ responseId: string; recorded: boolean }>(`${publicPath(publicLinkId)}/responses`, { method: 'POST', body }),
  f03Form: (tenantId: string, cycleId: string, unitId: string) => call<PublicF03Form>(publicF03Path(tenantId, cycleId, unitId)),
  respondF03: (tenantId: string, cycleId: string, unitId: string, items: { item: number; score: number }[]) =>
    call(`${publicF03Path(tenantId, cycleId, unitId)}/responses`, { method: 'POST', body: { items } }),
};
