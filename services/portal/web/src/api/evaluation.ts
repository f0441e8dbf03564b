import type { CatchUp } from '../query-client';
import type { components } from './generated/evaluation';
import type { Api } from './use-api';

const base = '/api/evaluation';

type Schemas = components['schemas'];

// The services' answers, generated from their OpenAPI documents (npm run api:gen).
export type CycleSummary = Schemas['CycleSummaryResponse'];
export type CycleDetail = Schemas['CycleResponse'];
export type RulesetSummary = Schemas['RulesetSummaryResponse'];
export type Indicator = Schemas['IndicatorDocument'];
export type Aspect = Schemas['AspectDocument'];
export type Ruleset = Schemas['RulesetDocumentResponse'];
export type Evidence = Schemas['EvidenceResponse'];
export type SelfAnswer = Schemas['SelfAnswerResponse'];
export type Assessment = Schemas['AssessmentResponse'];
export type UnitScore = Schemas['UnitScoreResponse'];
export type WeakIndicator = Schemas['WeakIndicatorResponse'];
export type UnitScoreLine = Schemas['UnitScoreLineResponse'];
export type CycleScores = Schemas['CycleScoresResponse'];
export type StoredEvidenceFile = Schemas['StoredEvidenceFileResponse'];
export type UnitProposals = Schemas['UnitProposalsResponse'];
export type IndicatorProposal = Schemas['IndicatorProposalResponse'];
export type IndicatorDecision = Schemas['IndicatorDecisionResponse'];
export type DecisionMark = Schemas['DecisionMarkResponse'];
export type ServiceSlaCompliance = Schemas['ServiceSlaComplianceResponse'];
export type UnitCompliance = Schemas['UnitComplianceResponse'];
export type ComplianceBand = Schemas['ComplianceBandResponse'];
export type ComplianceDimension = Schemas['ComplianceDimensionResponse'];
export type ComplianceRulesetRef = Schemas['ComplianceRulesetRefResponse'];
export type ComplianceObservation = Schemas['RecordComplianceObservationRequest'];
/** What every evaluation command answers: the stream it changed and the version it reached. */
export type CommandReply = Schemas['CommandReply'];

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
  openCycle: (api: Api, body: Schemas['OpenCycleRequest']) => api<Schemas['OpenedCycleResponse']>(`${base}/cycles`, { method: 'POST', body }),
  assignUnit: (api: Api, cycleId: string, unitId: string, body: Schemas['AssignUnitLokusRequest']) =>
    api<CommandReply>(unitPath(cycleId, unitId), { method: 'PUT', body }),
  publishResults: (api: Api, cycleId: string) => api<CommandReply>(`${cyclePath(cycleId)}/results`, { method: 'POST' }),
  scores: (api: Api, cycleId: string, { unitId, tenantId }: { unitId?: string; tenantId?: string } = {}) =>
    api<CycleScores>(`${cyclePath(cycleId)}/scores${queryString({ unitId, tenantId })}`),
  unitScore: (api: Api, cycleId: string, unitId: string, tenantId?: string) => api<UnitScore>(`${unitPath(cycleId, unitId)}/score${tenantQuery(tenantId)}`),
  assessment: (api: Api, cycleId: string, unitId: string, tenantId?: string) =>
    api<Assessment>(`${unitPath(cycleId, unitId)}/assessment${tenantQuery(tenantId)}`),
  saveDraft: (api: Api, cycleId: string, unitId: string, answers: Schemas['SaveDraftRequest']['answers']) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/assessment/draft`, { method: 'PUT', body: { answers } }),
  submit: (api: Api, cycleId: string, unitId: string, resubmit: boolean) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/assessment/${resubmit ? 'resubmit' : 'submit'}`, { method: 'POST' }),
  uploadEvidenceFile: (api: Api, cycleId: string, unitId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<StoredEvidenceFile>(`${unitPath(cycleId, unitId)}/evidence-files`, { method: 'POST', body: form });
  },
  attachEvidence: (api: Api, cycleId: string, unitId: string, body: Schemas['AttachEvidenceRequest']) =>
    api<Schemas['AttachedEvidenceResponse']>(`${unitPath(cycleId, unitId)}/assessment/evidence`, { method: 'POST', body }),
  downloadEvidence: (api: Api, cycleId: string, unitId: string, sha256: string, tenantId?: string) =>
    api<Response>(`${unitPath(cycleId, unitId)}/evidence-files/${sha256}${tenantQuery(tenantId)}`, { raw: true }),
  scoreIndicator: (api: Api, cycleId: string, unitId: string, indicatorCode: string, body: Schemas['ScoreIndicatorRequest']) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/assessment/scores/${encodeURIComponent(indicatorCode)}`, { method: 'PUT', body }),
  proposals: (api: Api, cycleId: string, unitId: string, tenantId?: string) =>
    api<UnitProposals>(`${unitPath(cycleId, unitId)}/proposals${tenantQuery(tenantId)}`),
  confirmProposal: (api: Api, cycleId: string, unitId: string, indicatorCode: string, body: Schemas['ConfirmProposalRequest']) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/proposals/${encodeURIComponent(indicatorCode)}/confirmation`, { method: 'POST', body }),
  overrideProposal: (api: Api, cycleId: string, unitId: string, indicatorCode: string, body: Schemas['OverrideProposalRequest']) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/proposals/${encodeURIComponent(indicatorCode)}/override`, { method: 'POST', body }),
  /** The unit's Ombudsman compliance grade; with `whatIf`, the same input graded under another shipped ruleset (nothing is recorded). */
  compliance: (api: Api, cycleId: string, unitId: string, { tenantId, whatIf }: { tenantId?: string; whatIf?: ComplianceRulesetRef } = {}) =>
    api<UnitCompliance>(`${unitPath(cycleId, unitId)}/compliance${queryString({ tenantId, ruleset: whatIf?.id, version: whatIf && String(whatIf.version) })}`),
  recordComplianceObservation: (api: Api, cycleId: string, unitId: string, body: ComplianceObservation) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/compliance/observations`, { method: 'PUT', body }),
  verify: (api: Api, cycleId: string, unitId: string) => api<CommandReply>(`${unitPath(cycleId, unitId)}/assessment/verify`, { method: 'POST' }),
  returnToUnit: (api: Api, cycleId: string, unitId: string, notes: Schemas['ReturnRequest']['notes']) =>
    api<CommandReply>(`${unitPath(cycleId, unitId)}/assessment/return`, { method: 'POST', body: { notes } }),
};

/** The unit's assessment, until it shows the version an assessment command reached (see refreshAfterCommand). */
export const assessmentCatchUp = (api: Api, cycleId: string, unitId: string, reply: CommandReply, tenantId?: string): CatchUp<Assessment> => ({
  read: () => evaluationApi.assessment(api, cycleId, unitId, tenantId),
  versionIn: (assessment) => assessment.version,
  reached: reply.version,
});

/** The cycle, until it shows the version a cycle command reached. */
export const cycleCatchUp = (api: Api, cycleId: string, reply: CommandReply): CatchUp<CycleDetail> => ({
  read: () => evaluationApi.cycle(api, cycleId),
  versionIn: (cycle) => cycle.version,
  reached: reply.version,
});
