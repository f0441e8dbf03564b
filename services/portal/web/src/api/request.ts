import { call } from './http';
import type { Api } from './use-api';

const base = '/api/request';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RequestRow {
  requestId: string;
  unitId: string;
  serviceId: string;
  trackingCode: string;
  status: string;
  period: string;
  dueDate: string;
  paused: boolean;
  slaBreached: boolean;
  metStandard: boolean | null;
}

export interface ComplaintRow {
  complaintId: string;
  unitId: string;
  channel: string;
  category: string;
  status: string;
  period: string;
  statusDueDate: string;
  resolutionDueDate: string | null;
  deadlineBreaches: number;
  resolvedWithinDeadline: boolean | null;
}

export interface UnitFigures {
  unitId: string;
  period: string;
  requests: { submitted: number; completed: number; completedOnTime: number; open: number; overdue: number; slaCompliancePercent: number | null };
  complaints: {
    received: number;
    resolved: number;
    resolvedWithinDeadline: number;
    open: number;
    overdue: number;
    resolvedWithinDeadlinePercent: number | null;
    receivedViaLapor: number;
    resolvedViaLapor: number;
    laporResolvedPercent: number | null;
  };
}

export interface PublicRequestStatus {
  trackingCode: string;
  serviceId: string;
  status: string;
  submittedAt: string;
  dueDate: string;
  paused: boolean;
  overdue: boolean;
  metStandard: boolean | null;
  closedAt: string | null;
}

const unitQuery = (unitId: string, limit = 50) => `?unitId=${encodeURIComponent(unitId)}&limit=${limit}`;

export const requestApi = {
  requests: (api: Api, unitId: string) => api<Page<RequestRow>>(`${base}/requests${unitQuery(unitId)}`),
  complaints: (api: Api, unitId: string) => api<Page<ComplaintRow>>(`${base}/complaints${unitQuery(unitId)}`),
  figures: (api: Api, unitId: string) => api<Page<UnitFigures>>(`${base}/figures${unitQuery(unitId, 12)}`),
};

export const publicRequestApi = {
  track: (trackingCode: string) => call<PublicRequestStatus>(`${base}/public/requests/${encodeURIComponent(trackingCode)}`),
};
