import type { Api } from './use-api';

const base = '/api/evaluation';

export interface CycleSummary {
  cycleId: string;
  name: string;
  status: 'open' | 'published' | string;
  ruleset: { id: string; version: number };
  windowStart: string;
  windowEnd: string;
  selfAssessmentDue: string;
  units: { unitId: string; evaluatorIds: string[]; leadEvaluatorId: string }[];
}

export interface CycleDetail extends CycleSummary {
  units: (CycleSummary['units'][number] & { userScore: { score: number; respondents: number; quotaMet: boolean } | null })[];
}

export interface RulesetSummary {
  id: string;
  version: number;
  title: string;
  provisional: boolean;
}

export interface Indicator {
  no: number;
  code: string;
  name: string;
  weightBp: number;
  descriptors: string[];
  descriptorsProvenance: { provisional: boolean; source: string };
  evidenceExamples: string[];
}

export interface Aspect {
  code: string;
  name: string;
  weightBp: number;
  indicators: Indicator[];
}

export interface Ruleset {
  id: string;
  version: number;
  title: string;
  provisional: boolean;
  aspects: Aspect[];
}

export interface Evidence {
  evidenceId: string;
  kind: 'file' | 'link' | string;
  name: string;
  /** The link URL, or the storage key of a file. */
  location: string;
  sha256: string;
}

export interface SelfAnswer {
  indicatorCode: string;
  score: number;
  justification: string;
  evidenceIds: string[];
}

export interface Assessment {
  cycleId: string;
  unitId: string;
  status: 'draft' | 'submitted' | 'returned' | 'verified';
  answers: Record<string, SelfAnswer>;
  evidence: Record<string, Evidence[]>;
  returnNotes: { indicatorCode: string; note: string }[];
  scores: Record<string, Record<string, { score: number; note: string }>>;
  visits: { visitedOn: string; evaluatorIds: string[]; findings: string }[];
}

export interface UnitScore {
  unitId: string;
  ruleset: { id: string; version: number; provisional: boolean };
  assessmentStatus: Assessment['status'];
  indicators: { indicatorCode: string; aspectCode: string; weightBp: number; selfScore: number | null; evaluatorScore: number | null; gap: number | null }[];
  aspects: { aspectCode: string; weightBp: number; self: number; evaluator: number; missingIndicatorCodes: string[] }[];
  ipp: {
    self: number;
    evaluator: number;
    userScore: number | null;
    userScoreRespondents: number;
    userScoreMerged: boolean;
    userScoreNotMergedReason: string | null;
    final: number;
  };
  category: string;
  predicate: string;
  complete: boolean;
  provisional: boolean;
}

export interface WeakIndicator {
  indicatorCode: string;
  name: string;
  aspectCode: string;
  score: number | null;
  selfScore: number | null;
  evaluatorScore: number | null;
  ippLost: number;
}

export interface UnitScoreLine {
  unitId: string;
  assessmentStatus: Assessment['status'];
  complete: boolean;
  provisional: boolean;
  ipp: UnitScore['ipp'];
  category: string;
  predicate: string;
  published: { ipp: number; category: string } | null;
  correctionReason: string | null;
  explanation: {
    basis: 'evaluator' | 'self';
    selfAnswered: number;
    selfCategory: string;
    weakestAspects: { aspectCode: string; name: string; value: number }[];
    weakestIndicators: WeakIndicator[];
    selfMinusEvaluator: number | null;
    largestGaps: { indicatorCode: string; name: string; selfScore: number; evaluatorScore: number; gap: number }[];
  };
}

export interface CycleScores {
  cycleId: string;
  name: string;
  status: string;
  ruleset: { id: string; version: number; provisional: boolean };
  units: UnitScoreLine[];
}

export interface StoredEvidenceFile {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

const cyclePath = (cycleId: string) => `${base}/cycles/${encodeURIComponent(cycleId)}`;
const unitPath = (cycleId: string, unitId: string) => `${cyclePath(cycleId)}/units/${encodeURIComponent(unitId)}`;

/** The query string of the parameters that have a value; '' when none has. */
const queryString = (parameters: Record<string, string | undefined>): string => {
  const given = Object.entries(parameters).filter((parameter): parameter is [string, string] => Boolean(parameter[1]));
  return given.length === 0 ? '' : `?${new URLSearchParams(given).toString()}`;
};

/**
 * Reads name the tenant only for a national auditor: it has no tenant of its own, and a cycle id is
 * only unique within one. Everyone else reads their own tenant and leaves it out.
 */
const tenantQuery = (tenantId?: string) => queryString({ tenantId });

export const evaluationApi = {
  cycles: (api: Api, tenantId?: string) => api<CycleSummary[]>(`${base}/cycles${tenantQuery(tenantId)}`),
  cycle: (api: Api, cycleId: string, tenantId?: string) => api<CycleDetail>(`${cyclePath(cycleId)}${tenantQuery(tenantId)}`),
  rulesets: (api: Api) => api<RulesetSummary[]>(`${base}/rulesets`),
  // A tenant may publish its own rulesets, so a cycle's ruleset is read in the cycle's tenant.
  ruleset: (api: Api, id: string, version: number, tenantId?: string) =>
    api<Ruleset>(`${base}/rulesets/${encodeURIComponent(id)}/versions/${version}${tenantQuery(tenantId)}`),
  openCycle: (
    api: Api,
    body: { name: string; rulesetId: string; rulesetVersion?: number; windowStart: string; windowEnd: string; selfAssessmentDue: string },
  ) => api<{ cycleId: string }>(`${base}/cycles`, { method: 'POST', body }),
  assignUnit: (api: Api, cycleId: string, unitId: string, body: { evaluatorIds: string[]; leadEvaluatorId: string }) =>
    api(unitPath(cycleId, unitId), { method: 'PUT', body }),
  publishResults: (api: Api, cycleId: string) => api(`${cyclePath(cycleId)}/results`, { method: 'POST' }),
  scores: (api: Api, cycleId: string, { unitId, tenantId }: { unitId?: string; tenantId?: string } = {}) =>
    api<CycleScores>(`${cyclePath(cycleId)}/scores${queryString({ unitId, tenantId })}`),
  unitScore: (api: Api, cycleId: string, unitId: string, tenantId?: string) => api<UnitScore>(`${unitPath(cycleId, unitId)}/score${tenantQuery(tenantId)}`),
  assessment: (api: Api, cycleId: string, unitId: string, tenantId?: string) =>
    api<Assessment>(`${unitPath(cycleId, unitId)}/assessment${tenantQuery(tenantId)}`),
  saveDraft: (api: Api, cycleId: string, unitId: string, answers: { indicatorCode: string; score: number; justification: string }[]) =>
    api(`${unitPath(cycleId, unitId)}/assessment/draft`, { method: 'PUT', body: { answers } }),
  submit: (api: Api, cycleId: string, unitId: string, resubmit: boolean) =>
    api(`${unitPath(cycleId, unitId)}/assessment/${resubmit ? 'resubmit' : 'submit'}`, { method: 'POST' }),
  uploadEvidenceFile: (api: Api, cycleId: string, unitId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<StoredEvidenceFile>(`${unitPath(cycleId, unitId)}/evidence-files`, { method: 'POST', body: form });
  },
  attachEvidence: (
    api: Api,
    cycleId: string,
    unitId: string,
    body:
      | { indicatorCode: string; kind: 'file'; name: string; storageKey: string; sha256: string }
      | { indicatorCode: string; kind: 'link'; name: string; url: string },
  ) => api<{ evidenceId: string }>(`${unitPath(cycleId, unitId)}/assessment/evidence`, { method: 'POST', body }),
  downloadEvidence: (api: Api, cycleId: string, unitId: string, sha256: string, tenantId?: string) =>
    api<Response>(`${unitPath(cycleId, unitId)}/evidence-files/${sha256}${tenantQuery(tenantId)}`, { raw: true }),
  scoreIndicator: (api: Api, cycleId: string, unitId: string, indicatorCode: string, body: { score: number; note: string }) =>
    api(`${unitPath(cycleId, unitId)}/assessment/scores/${encodeURIComponent(indicatorCode)}`, { method: 'PUT', body }),
  verify: (api: Api, cycleId: string, unitId: string) => api(`${unitPath(cycleId, unitId)}/assessment/verify`, { method: 'POST' }),
  returnToUnit: (api: Api, cycleId: string, unitId: string, notes: { indicatorCode: string; note: string }[]) =>
    api(`${unitPath(cycleId, unitId)}/assessment/return`, { method: 'POST', body: { notes } }),
};
