import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { type Assessment, type Cycle, initialAssessment, isProvisional, provisionalParts, shippedRulesets } from '../domain';
import { RulesetCatalog } from './ruleset-catalog';
import { unitNames } from './unit-registry.queries';
import { type PublishedResult, unitScoreView, type UnitScoreView } from './unit-score.view';

export interface RulesetSummary {
  id: string;
  version: number;
  title: string;
  shipped: boolean;
  provisional: boolean;
  provisionalParts: string[];
  reason: string | null;
  publishedAt: string | null;
}

export class ListRulesetsQuery extends Query<RulesetSummary[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(ListRulesetsQuery)
export class ListRulesetsHandler implements IQueryHandler<ListRulesetsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId }: ListRulesetsQuery): Promise<RulesetSummary[]> {
    const shipped = shippedRulesets.map((ruleset) => ({
      id: ruleset.id,
      version: ruleset.version,
      title: ruleset.title,
      shipped: true,
      provisional: isProvisional(ruleset),
      provisionalParts: provisionalParts(ruleset),
      reason: null,
      publishedAt: null,
    }));
    const { rows } = await this.pool.query(
      `SELECT ruleset_id, version, title, document, provisional, reason, published_at FROM rulesets_v1 WHERE tenant_id = $1 ORDER BY ruleset_id, version`,
      [tenantId],
    );
    const published = rows.map((row) => ({
      id: row.ruleset_id,
      version: row.version,
      title: row.title,
      shipped: false,
      provisional: row.provisional,
      provisionalParts: provisionalParts(row.document),
      reason: row.reason,
      publishedAt: new Date(row.published_at).toISOString(),
    }));
    return [...shipped, ...published].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }
}

export interface CycleView {
  cycleId: string;
  name: string;
  status: string;
  ruleset: { id: string; version: number };
  windowStart: string;
  windowEnd: string;
  selfAssessmentDue: string;
  /** `unitName` is the registered name, null for a unit lokus not in the tenant's units registry. */
  units: {
    unitId: string;
    unitName: string | null;
    evaluatorIds: string[];
    leadEvaluatorId: string;
    userScore: { score: number; respondents: number; quotaMet: boolean } | null;
  }[];
}

export class GetCycleQuery extends Query<CycleView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
  ) {
    super();
  }
}

async function cycleState(pool: Pool, tenantId: string, cycleId: string): Promise<Exclude<Cycle, { status: 'none' }>> {
  const { rows } = await pool.query<{ state: Cycle }>(`SELECT state FROM cycles_v1 WHERE cycle_id = $1 AND tenant_id = $2`, [cycleId, tenantId]);
  const state = rows[0]?.state;
  if (!state || state.status === 'none') throw new NotFoundException({ code: 'CYCLE.NOT_FOUND', message: `no cycle ${cycleId}` });
  return state;
}

@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId }: GetCycleQuery): Promise<CycleView> {
    const state = await cycleState(this.pool, tenantId, cycleId);
    const names = await unitNames(this.pool, tenantId, Object.keys(state.units));
    return {
      cycleId: state.cycleId,
      name: state.name,
      status: state.status,
      ruleset: state.ruleset,
      windowStart: state.windowStart,
      windowEnd: state.windowEnd,
      selfAssessmentDue: state.selfAssessmentDue,
      units: Object.entries(state.units).map(([unitId, lokus]) => ({
        unitId,
        unitName: names.get(unitId) ?? null,
        evaluatorIds: lokus.evaluatorIds,
        leadEvaluatorId: lokus.leadEvaluatorId,
        userScore: lokus.userScore ? { score: lokus.userScore.score, respondents: lokus.userScore.respondents, quotaMet: lokus.userScore.quotaMet } : null,
      })),
    };
  }
}

export class GetAssessmentQuery extends Query<Assessment & { cycleId: string; unitId: string }> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@QueryHandler(GetAssessmentQuery)
export class GetAssessmentHandler implements IQueryHandler<GetAssessmentQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId }: GetAssessmentQuery): Promise<Assessment & { cycleId: string; unitId: string }> {
    const { rows } = await this.pool.query<{ state: Assessment }>(
      `SELECT state FROM unit_assessments_v1 WHERE cycle_id = $1 AND unit_id = $2 AND tenant_id = $3`,
      [cycleId, unitId, tenantId],
    );
    if (!rows[0]) throw new NotFoundException({ code: 'ASSESSMENT.NOT_FOUND', message: `unit ${unitId} has no assessment in cycle ${cycleId}` });
    return { cycleId, unitId, ...rows[0].state };
  }
}

export type UnitScoreResponse = UnitScoreView & { whatIf: boolean; published: PublishedResult | null; correctionReason: string | null };

/** A unit's score in a cycle; with `ruleset`, the same answers and scores re-scored under it (no events). */
export class GetUnitScoreQuery extends Query<UnitScoreResponse> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    readonly whatIf?: { rulesetId: string; version?: number },
  ) {
    super();
  }
}

@QueryHandler(GetUnitScoreQuery)
export class GetUnitScoreHandler implements IQueryHandler<GetUnitScoreQuery> {
  constructor(
    private readonly pool: Pool,
    private readonly rulesets: RulesetCatalog,
  ) {}

  async execute({ tenantId, cycleId, unitId, whatIf }: GetUnitScoreQuery): Promise<UnitScoreResponse> {
    if (whatIf) {
      const ruleset = await this.rulesets.find(tenantId, whatIf.rulesetId, whatIf.version);
      const cycle = await cycleState(this.pool, tenantId, cycleId);
      const lokus = cycle.units[unitId];
      if (!lokus) throw new NotFoundException({ code: 'CYCLE.UNIT_NOT_IN_SCOPE', message: `unit ${unitId} is not a unit lokus of cycle ${cycleId}` });
      const { rows } = await this.pool.query<{ state: Assessment }>(
        `SELECT state FROM unit_assessments_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
        [tenantId, cycleId, unitId],
      );
      const view = unitScoreView(cycleId, unitId, ruleset, rows[0]?.state ?? initialAssessment(), lokus);
      return { ...view, whatIf: true, published: null, correctionReason: null };
    }
    const { rows } = await this.pool.query<{ score: UnitScoreView; published: PublishedResult | null; correction_reason: string | null }>(
      `SELECT score, published, correction_reason FROM unit_results_v1 WHERE cycle_id = $1 AND unit_id = $2 AND tenant_id = $3`,
      [cycleId, unitId, tenantId],
    );
    if (!rows[0]) throw new NotFoundException({ code: 'SCORE.NOT_FOUND', message: `unit ${unitId} has no score in cycle ${cycleId}` });
    return { ...rows[0].score, whatIf: false, published: rows[0].published, correctionReason: rows[0].correction_reason };
  }
}
