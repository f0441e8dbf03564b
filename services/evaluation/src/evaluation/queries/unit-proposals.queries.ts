import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import {
  type Assessment,
  type Cycle,
  type IndicatorDecision,
  type OpenCycle,
  indicatorDecisions,
  initialAssessment,
  type ProposalSnapshot,
  rulesetRefOf,
} from '../domain';
import { requestSlaCompliance, type RuleSourceKind, type ServiceSlaCompliance } from '../domain/proposals';
import { rulesetIn } from '../projections/evaluation-read-model.projection';
import { ProposalFigures } from './proposal-figures';

/** What the unit claimed for the indicator in its F-01 self-assessment. */
export interface SelfClaimView {
  /** The score the unit typed, or under a ruleset with F-01 questions the level its answers claim. */
  score: number;
  justification: string;
  evidence: { evidenceId: string; kind: string; name: string }[];
  /** The rule that derived `score` from the F-01 answers (`ruleSource` "pantau": ours, not KemenPANRB's); null for a typed score. */
  claimedBy: { rule: string; ruleSource: string } | null;
}

export interface IndicatorProposalView {
  indicatorCode: string;
  level: number;
  ruleId: string;
  ruleSource: { kind: RuleSourceKind; reason: string };
  provisional: boolean;
  provisionalSource: string;
  figures: Record<string, unknown>;
  explanation: string;
  sourceEventIds: string[];
  proposalRules: string;
  updatedAt: string;
  /** Null when the unit has not answered the indicator. */
  selfClaim: SelfClaimView | null;
  decision: IndicatorDecision;
}

export interface UnitProposalsView {
  cycleId: string;
  unitId: string;
  proposals: IndicatorProposalView[];
  /** Request SLA compliance per service in the cycle's window: a figure beside the proposals, no indicator level. */
  requestSla: ServiceSlaCompliance[];
}

/** A unit lokus's proposed F-02 levels in a cycle, beside its F-01 claims and the evaluators' decisions on them. */
export class GetUnitProposalsQuery extends Query<UnitProposalsView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

interface ProposalRow {
  indicator_code: string;
  level: number;
  rule_id: string;
  rule_source: RuleSourceKind;
  rule_source_reason: string;
  provisional: boolean;
  provisional_source: string;
  figures: Record<string, unknown>;
  explanation: string;
  source_event_ids: string[];
  proposal_rules: string;
  updated_at: Date;
}

/** Indicator codes sort as the instrument orders them: by number, then by the rest. */
const instrumentOrder = (a: string, b: string): number => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);

/** While the read model has not caught up with the cycle: nobody has decided anything it could show. */
const UNDECIDED: IndicatorDecision = { status: 'proposed', score: null, marks: [] };

function selfClaimOf(assessment: Assessment, code: string): SelfClaimView | null {
  const answer = assessment.answers[code];
  if (!answer) return null;
  const attached = assessment.evidence[code] ?? [];
  return {
    score: answer.score,
    justification: answer.justification,
    evidence: answer.evidenceIds.flatMap((id) =>
      attached.filter((item) => item.evidenceId === id).map(({ evidenceId, kind, name }) => ({ evidenceId, kind, name })),
    ),
    claimedBy: answer.claimedLevelRule ? { rule: answer.claimedLevelRule, ruleSource: answer.claimedLevelRuleSource } : null,
  };
}

@QueryHandler(GetUnitProposalsQuery)
export class GetUnitProposalsHandler implements IQueryHandler<GetUnitProposalsQuery> {
  constructor(
    private readonly pool: Pool,
    private readonly figures: ProposalFigures,
  ) {}

  async execute({ tenantId, cycleId, unitId }: GetUnitProposalsQuery): Promise<UnitProposalsView> {
    const [{ rows }, { rows: states }] = await Promise.all([
      this.pool.query<ProposalRow>(
        `SELECT indicator_code, level, rule_id, rule_source, rule_source_reason, provisional, provisional_source, figures, explanation,
                source_event_ids, proposal_rules, updated_at
         FROM indicator_proposals_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
        [tenantId, cycleId, unitId],
      ),
      this.pool.query<{ cycle: Cycle; assessment: Assessment | null }>(
        `SELECT c.state AS cycle, a.state AS assessment FROM cycles_v1 c
         LEFT JOIN unit_assessments_v1 a ON a.tenant_id = c.tenant_id AND a.cycle_id = c.cycle_id AND a.unit_id = $3
         WHERE c.tenant_id = $1 AND c.cycle_id = $2`,
        [tenantId, cycleId, unitId],
      ),
    ]);
    rows.sort((a, b) => instrumentOrder(a.indicator_code, b.indicator_code));
    const codes = rows.map((row) => row.indicator_code);
    const cycle = states[0]?.cycle;
    const assessment = states[0]?.assessment ?? initialAssessment();
    const ruleset = cycle && cycle.status !== 'none' ? await rulesetIn(this.pool, tenantId, rulesetRefOf(cycle, unitId)) : undefined;
    const decisions =
      cycle && cycle.status !== 'none' && ruleset
        ? indicatorDecisions(ruleset, assessment, cycle.units[unitId] ?? null, codes)
        : new Map<string, IndicatorDecision>();
    const proposals = rows.map((row) => ({
      indicatorCode: row.indicator_code,
      level: row.level,
      ruleId: row.rule_id,
      ruleSource: { kind: row.rule_source, reason: row.rule_source_reason },
      provisional: row.provisional,
      provisionalSource: row.provisional_source,
      figures: row.figures,
      explanation: row.explanation,
      sourceEventIds: row.source_event_ids,
      proposalRules: row.proposal_rules,
      updatedAt: row.updated_at.toISOString(),
      selfClaim: selfClaimOf(assessment, row.indicator_code),
      decision: decisions.get(row.indicator_code) ?? UNDECIDED,
    }));
    const requestSla = cycle && cycle.status !== 'none' && rows.length > 0 ? await this.requestSla(tenantId, unitId, cycle) : [];
    return { cycleId, unitId, proposals, requestSla };
  }

  /** From the same figures the proposals read, so the two never disagree about which requests count. */
  private async requestSla(tenantId: string, unitId: string, cycle: OpenCycle): Promise<ServiceSlaCompliance[]> {
    const client = await this.pool.connect();
    try {
      return requestSlaCompliance(await this.figures.loadRequestSla({ tenantId, unitId, periodStart: cycle.windowStart, periodEnd: cycle.windowEnd }, client));
    } finally {
      client.release();
    }
  }
}

/** The indicator codes events propose a level for in a unit's cycle. */
export async function proposedIndicatorCodes(pool: Pool, tenantId: string, cycleId: string, unitId: string): Promise<string[]> {
  const { rows } = await pool.query<{ indicator_code: string }>(
    `SELECT indicator_code FROM indicator_proposals_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
    [tenantId, cycleId, unitId],
  );
  return rows.map((row) => row.indicator_code);
}

/**
 * One indicator's proposal as it stands, and the version of the unit's proposals stream it stands at:
 * the consumers rewrite the row and append to that stream in one transaction, and one statement reads
 * both from one snapshot.
 */
export async function currentProposal(
  pool: Pool,
  { tenantId, cycleId, unitId, indicatorCode, streamId }: { tenantId: string; cycleId: string; unitId: string; indicatorCode: string; streamId: string },
): Promise<{ proposal: ProposalSnapshot | null; streamVersion: number }> {
  const { rows } = await pool.query<{ level: number | null; rule_id: string; proposal_rules: string; source_event_ids: string[]; version: number }>(
    `SELECT p.level, p.rule_id, p.proposal_rules, p.source_event_ids, s.version
     FROM (SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $5) s
     LEFT JOIN indicator_proposals_v1 p ON p.tenant_id = $1 AND p.cycle_id = $2 AND p.unit_id = $3 AND p.indicator_code = $4`,
    [tenantId, cycleId, unitId, indicatorCode, streamId],
  );
  const row = rows[0];
  const proposal =
    row.level === null ? null : { level: row.level, ruleId: row.rule_id, proposalRules: row.proposal_rules, sourceEventIds: row.source_event_ids };
  return { proposal, streamVersion: row.version };
}
