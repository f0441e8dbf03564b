import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { RuleSourceKind } from '../domain/proposals';

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
}

export interface UnitProposalsView {
  cycleId: string;
  unitId: string;
  proposals: IndicatorProposalView[];
}

/** A unit lokus's proposed F-02 levels in a cycle, as the proposal-figures consumers last computed them. */
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

@QueryHandler(GetUnitProposalsQuery)
export class GetUnitProposalsHandler implements IQueryHandler<GetUnitProposalsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId }: GetUnitProposalsQuery): Promise<UnitProposalsView> {
    const { rows } = await this.pool.query<ProposalRow>(
      `SELECT indicator_code, level, rule_id, rule_source, rule_source_reason, provisional, provisional_source, figures, explanation,
              source_event_ids, proposal_rules, updated_at
       FROM indicator_proposals_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
      [tenantId, cycleId, unitId],
    );
    const proposals = rows
      .sort((a, b) => instrumentOrder(a.indicator_code, b.indicator_code))
      .map((row) => ({
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
      }));
    return { cycleId, unitId, proposals };
  }
}
