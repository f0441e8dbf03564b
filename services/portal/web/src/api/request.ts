import { call } from './http';
import type { components } from './generated/request';
import type { Api } from './use-api';

const base = '/api/request';

type Schemas = components['schemas'];

// The service's answers, generated from its OpenAPI document (npm run api:gen).
export type RequestPage = Schemas['RequestPageResponse'];
export type RequestRow = Schemas['RequestRowResponse'];
export type ComplaintPage = Schemas['ComplaintPageResponse'];
export type ComplaintRow = Schemas['ComplaintRowResponse'];
export type UnitFiguresPage = Schemas['UnitFiguresPageResponse'];
export type UnitFigures = Schemas['UnitFiguresResponse'];
export type PublicRequestStatus = Schemas['PublicRequestStatusResponse'];

const unitQuery = (unitId: string, limit = 50) => `?unitId=${encodeURIComponent(unitId)}&limit=${limit}`;

export const requestApi = {
  requests: (api: Api, unitId: string) => api<RequestPage>(`${base}/requests${unitQuery(unitId)}`),
  complaints: (api: Api, unitId: string) => api<ComplaintPage>(`${base}/complaints${unitQuery(unitId)}`),
  figures: (api: Api, unitId: string) => api<UnitFiguresPage>(`${base}/figures${unitQuery(unitId, 12)}`),
};

export const publicRequestApi = {
  // The code is a bearer secret: sent in the body, it stays out of URLs, access logs and browser history.
  track: (trackingCode: string) => call<PublicRequestStatus>(`${base}/public/requests/lookup`, { method: 'POST', body: { trackingCode } }),
};
