import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import {
  type Assessment,
  type Cycle,
  explainScore,
  initialAssessment,
  isProvisional,
  type LokusKode,
  proposedOnlyIndicatorCodes,
  type Ruleset,
  type RulesetRef,
  rulesetRefOf,
  sameRuleset,
  scoreAssessment,
  type UnitScoreExplanation,
} from '../domain';
import { rulesetIn } from '../projections/evaluation-read-model.projection';
import { RulesetCatalog } from './ruleset-catalog';
import { nonSubmissionView, type NonSubmissionView, type PublishedResult, type ScoreBasis, scoreBasisOf, type UnitScoreView } from './unit-score.view';

export interface CycleSummary {
  cycleId: string;
  name: string;
  status: string;
  ruleset: { id: string; version: number };
  windowStart: string;
  windowEnd: string;
  selfAssessmentDue: string;
  units: { unitId: string; kode: LokusKode; evaluatorIds: string[]; leadEvaluatorId: string }[];
  /** The version of the cycle's stream this summary reflects. */
  version: number;
}

/** The tenant's PEKPPP cycles, newest window first, with their unit lokus. */
export class ListCyclesQuery extends Query<CycleSummary[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(ListCyclesQuery)
export class ListCyclesHandler implements IQueryHandler<ListCyclesQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId }: ListCyclesQuery): Promise<CycleSummary[]> {
    const { rows } = await this.pool.query<{ state: Cycle; stream_version: number }>(
      `SELECT state, stream_version FROM cycles_v1 WHERE tenant_id = $1 ORDER BY window_start DESC, name, cycle_id`,
      [tenantId],
    );
    return rows.flatMap(({ state, stream_version: version }) =>
      state.status === 'none'
        ? []
        : [
            {
              cycleId: state.cycleId,
              name: state.name,
              status: state.status,
              ruleset: state.ruleset,
              windowStart: state.windowStart,
              windowEnd: state.windowEnd,
              selfAssessmentDue: state.selfAssessmentDue,
              units: Object.entries(state.units).map(([unitId, lokus]) => ({
                unitId,
                kode: lokus.kode ?? 'A',
                evaluatorIds: [...lokus.evaluatorIds],
                leadEvaluatorId: lokus.leadEvaluatorId,
              })),
              version,
            },
          ],
    );
  }
}

/** One unit's line in the results table: its score, category and why. */
export interface UnitScoreLine {
  unitId: string;
  /** The ruleset the unit is scored under: the cycle's, or its Kode B one for a Kode B lokus. */
  ruleset: RulesetRef;
  assessmentStatus: UnitScoreView['assessmentStatus'];
  complete: boolean;
  provisional: boolean;
  ipp: UnitScoreView['ipp'];
  category: string;
  predicate: string;
  published: { ipp: number; category: string } | null;
  correctionReason: string | null;
  explanation: UnitScoreExplanation;
  /** Indicators events propose a level for that no evaluator has decided on yet: missing from the IPP. */
  proposedOnlyIndicatorCodes: string[];
  /** What the scores rest on: the unit's F-01, a field visit, or the ruleset's non-submission outcome. */
  scoreBasis: ScoreBasis;
  /** The admin's decision for a unit that never submitted F-01; null when none. */
  nonSubmission: NonSubmissionView | null;
}

export interface CycleScores {
  cycleId: string;
  name: string;
  status: string;
  ruleset: { id: string; version: number; provisional: boolean };
  units: UnitScoreLine[];
}

/** The unit lokus of a cycle (all, or the one named) with their live score and the published one once frozen, lowest IPP first. */
export class GetCycleScoresQuery extends Query<CycleScores> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId?: string,
  ) {
    super();
  }
}

@QueryHandler(GetCycleScoresQuery)
export class GetCycleScoresHandler implements IQueryHandler<GetCycleScoresQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId }: GetCycleScoresQuery): Promise<CycleScores> {
    const cycles = await this.pool.query<{ state: Cycle }>(`SELECT state FROM cycles_v1 WHERE cycle_id = $1 AND tenant_id = $2`, [cycleId, tenantId]);
    const cycle = cycles.rows[0]?.state;
    if (!cycle || cycle.status === 'none') throw new NotFoundException({ code: 'CYCLE.NOT_FOUND', message: `no cycle ${cycleId}` });
    const rulesetOf = async (ref: RulesetRef): Promise<Ruleset> => {
      const found = await rulesetIn(this.pool, tenantId, ref);
      if (!found) throw new Error(`cycle ${cycleId} pins ruleset ${ref.id} v${ref.version}, which is not in the read model`);
      return found;
    };
    const ruleset = await rulesetOf(cycle.ruleset);
    // The explanation ranks on exact scores, which the stored view keeps only rounded: it is worked out
    // again from the assessment the view was scored from, read in the same statement.
    const { rows } = await this.pool.query<{
      score: UnitScoreView;
      published: PublishedResult | null;
      correction_reason: string | null;
      assessment: Assessment | null;
    }>(
      `SELECT r.score, r.published, r.correction_reason, a.state AS assessment FROM unit_results_v1 r
       LEFT JOIN unit_assessments_v1 a ON a.tenant_id = r.tenant_id AND a.cycle_id = r.cycle_id AND a.unit_id = r.unit_id
       WHERE r.cycle_id = $1 AND r.tenant_id = $2 AND ($3::text IS NULL OR r.unit_id = $3) ORDER BY r.ipp, r.unit_id`,
      [cycleId, tenantId, unitId ?? null],
    );
    const proposed = await this.pool.query<{ unit_id: string; codes: string[] }>(
      `SELECT unit_id, array_agg(indicator_code) AS codes FROM indicator_proposals_v1
       WHERE tenant_id = $1 AND cycle_id = $2 AND ($3::text IS NULL OR unit_id = $3) GROUP BY unit_id`,
      [tenantId, cycleId, unitId ?? null],
    );
    const proposedCodes = new Map(proposed.rows.map((row) => [row.unit_id, row.codes]));
    const kodeBRuleset = cycle.kodeBRuleset ? await rulesetOf(cycle.kodeBRuleset) : undefined;
    const lokusRuleset = (unit: string): Ruleset => (kodeBRuleset && sameRuleset(rulesetRefOf(cycle, unit), kodeBRuleset) ? kodeBRuleset : ruleset);
    return {
      cycleId,
      name: cycle.name,
      status: cycle.status,
      ruleset: { ...cycle.ruleset, provisional: isProvisional(ruleset) },
      units: rows.map((row) => {
        const unitRuleset = lokusRuleset(row.score.unitId);
        const lokus = cycle.units[row.score.unitId] ?? null;
        const score = scoreAssessment(unitRuleset, row.assessment ?? initialAssessment(), lokus);
        const nonSubmission = nonSubmissionView(lokus);
        return {
          ...scoreLine(row.score, row.published, row.correction_reason, explainScore(unitRuleset, score)),
          ruleset: { id: unitRuleset.id, version: unitRuleset.version },
          proposedOnlyIndicatorCodes: proposedOnlyIndicatorCodes(unitRuleset, proposedCodes.get(row.score.unitId) ?? [], score.indicatorScores.evaluator),
          scoreBasis: scoreBasisOf(nonSubmission),
          nonSubmission,
        };
      }),
    };
  }
}

function scoreLine(
  score: UnitScoreView,
  published: PublishedResult | null,
  correctionReason: string | null,
  explanation: UnitScoreExplanation,
): Omit<UnitScoreLine, 'proposedOnlyIndicatorCodes' | 'ruleset' | 'scoreBasis' | 'nonSubmission'> {
  return {
    unitId: score.unitId,
    assessmentStatus: score.assessmentStatus,
    complete: score.complete,
    provisional: score.provisional,
    ipp: score.ipp,
    category: score.category,
    predicate: score.predicate,
    published: published ? { ipp: published.ipp, category: published.category } : null,
    correctionReason,
    explanation,
  };
}

/** A whole ruleset document (aspects, indicators with their 0..5 descriptors, bands), for the F-01 and F-02 forms. */
export class GetRulesetQuery extends Query<Ruleset & { provisional: boolean }> {
  constructor(
    readonly tenantId: string,
    readonly rulesetId: string,
    readonly version: number,
  ) {
    super();
  }
}

@QueryHandler(GetRulesetQuery)
export class GetRulesetHandler implements IQueryHandler<GetRulesetQuery> {
  constructor(private readonly rulesets: RulesetCatalog) {}

  async execute({ tenantId, rulesetId, version }: GetRulesetQuery): Promise<Ruleset & { provisional: boolean }> {
    const ruleset = await this.rulesets.find(tenantId, rulesetId, version);
    return { ...ruleset, provisional: isProvisional(ruleset) };
  }
}
