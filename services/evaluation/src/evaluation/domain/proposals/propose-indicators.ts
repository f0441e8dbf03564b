import { complaintAccountability, complaintChannels, complaintResolutionShare } from './complaint-rules';
import type { ComplaintFigures, RequestSlaFigures, SkmFigures, StandardFigures } from './figures';
import type { Proposal, ProposalScope } from './proposal';
import type { ProposalRuleset } from './proposal-rules';
import { requestSlaCompliance, type ServiceSlaCompliance } from './request-sla';
import { skmFollowUpShare, skmFollowUpSpeed, skmPerRegulation, skmPublicationMedia } from './skm-rules';
import { standardCompleteness, standardPeriodicReview, standardPublicationMedia } from './standard-rules';

export interface ProposalInput {
  scope: ProposalScope;
  standards: StandardFigures;
  skm: SkmFigures;
  complaints: ComplaintFigures;
  requests: RequestSlaFigures;
}

export interface ProposalSet {
  scope: ProposalScope;
  /** The proposal ruleset used, e.g. pekppp-2023-proposals v1, for the scoring ruleset `forRuleset`. */
  rules: { id: string; version: number; forRuleset: string };
  /** One per indicator events can evidence, in indicator order. */
  proposals: Proposal[];
  /** Shown beside the proposals; no indicator level. */
  requestSla: ServiceSlaCompliance[];
}

export type ProposalRule = (rules: ProposalRuleset, input: ProposalInput) => Proposal;

/** Every proposal rule, one per indicator, in the instrument's order. */
export const PROPOSAL_RULES: readonly ProposalRule[] = [
  (rules, input) => standardCompleteness(rules, input.standards),
  (rules, input) => standardPublicationMedia(rules, input.standards),
  (rules, input) => standardPeriodicReview(rules, input.standards),
  (rules, input) => skmPerRegulation(rules, input.skm),
  (rules, input) => skmPublicationMedia(rules, input.skm),
  (rules, input) => skmFollowUpShare(rules, input.skm),
  (rules, input) => skmFollowUpSpeed(rules, input.skm),
  (rules, input) => complaintChannels(rules, input.complaints),
  (rules, input) => complaintAccountability(rules, input.complaints),
  (rules, input) => complaintResolutionShare(rules, input.complaints),
];

export function proposeIndicators(rules: ProposalRuleset, input: ProposalInput): ProposalSet {
  return {
    scope: input.scope,
    rules: { id: rules.id, version: rules.version, forRuleset: rules.forRuleset },
    proposals: PROPOSAL_RULES.map((rule) => rule(rules, input)),
    requestSla: requestSlaCompliance(input.requests),
  };
}
