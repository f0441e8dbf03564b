import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import {
  type Assessment,
  type Cycle,
  initialAssessment,
  isProvisional,
  type LokusKode,
  proposedOnlyIndicatorCodes,
  provisionalParts,
  type Ruleset,
  rulesetRefOf,
  shippedRulesets,
} from '../domain';
import { type F01IndicatorView, f01View } from './f01-answers.view';
import { rulesetIn } from '../projections/evaluation-read-model.projection';
import { type F01Review, f01ReviewOf, type IdenticalEvidence, identicalEvidenceOf } from './f01-versions.queries';
import { Clock } from '@lib/platform';
import {
  activePhases,
  currentPhase,
  CYCLE_PHASES,
  type CyclePhase,
  PHASE_ACTIONS,
  PHASE_NAMES,
  PHASE_TABLE,
  type PhaseAction,
  type PhaseRole,
} from '../domain/cycle-phases';
import { phaseWindowsOf, phasesRecorded } from '../domain/cycle';
import { TenantTimeZones } from './tenant-time-zones';
import { RulesetCatalog } from './ruleset-catalog';
import { proposedIndicatorCodes } from './unit-proposals.queries';
import { unitNames } from './unit-registry.queries';
import { nonSubmissionView, type NonSubmissionView, type PublishedResult, unitScoreView, type UnitScoreView } from './unit-score.view';

export interface CyclePhaseView {
  phase: CyclePhase;
  name: string;
  start: string;
  end: string;
  active: boolean;
}

export interface PhaseRuleView {
  action: PhaseAction;
  roles: PhaseRole[];
  phases: CyclePhase[];
  description: string;
}

export interface PhaseOverrideView {
  action: PhaseAction;
  until: string;
  reason: string;
  grantedBy: string;
  grantedAt: string;
  active: boolean;
}

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
  /** The ruleset a Kode B lokus is scored under; null when the pinned ruleset has no Kode B form. */
  kodeBRuleset: { id: string; version: number } | null;
  /** The Ombudsman compliance ruleset the unit lokus's compliance grades are computed under. */
  complianceRuleset: { id: string; version: number };
  windowStart: string;
  windowEnd: string;
  selfAssessmentDue: string;
  phases: CyclePhaseView[];
  /** The first phase, in order, whose window holds today; null before the first and after the last. */
  currentPhase: CyclePhase | null;
  /** False for a cycle opened before phases, which holds only the unit's F-01 actions to its dates. */
  phasesEnforced: boolean;
  phaseTable: PhaseRuleView[];
  /** `unitName` is the registered name, null for a unit lokus not in the tenant's units registry. */
  units: {
    unitId: string;
    unitName: string | null;
    kode: LokusKode;
    evaluatorIds: string[];
    leadEvaluatorId: string;
    userScore: { score: number; respondents: number; quotaMet: boolean } | null;
    phaseOverrides: PhaseOverrideView[];
    nonSubmission: NonSubmissionView | null;
  }[];
  /** The version of the cycle's stream this view reflects. */
  version: number;
}

export class GetCycleQuery extends Query<CycleView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
  ) {
    super();
  }
}

async function cycleRow(
  pool: Pool,
  tenantId: string,
  cycleId: string,
): Promise<{ state: Exclude<Cycle, { status: 'none' }>; version: number; complianceRuleset: { id: string; version: number } }> {
  const { rows } = await pool.query<{ state: Cycle; stream_version: number; compliance_ruleset_id: string; compliance_ruleset_version: number }>(
    `SELECT state, stream_version, compliance_ruleset_id, compliance_ruleset_version FROM cycles_v1 WHERE cycle_id = $1 AND tenant_id = $2`,
    [cycleId, tenantId],
  );
  const state = rows[0]?.state;
  if (!state || state.status === 'none') throw new NotFoundException({ code: 'CYCLE.NOT_FOUND', message: `no cycle ${cycleId}` });
  // from the columns: a row written before cycles pinned a compliance ruleset has none in its state
  const complianceRuleset = { id: rows[0].compliance_ruleset_id, version: rows[0].compliance_ruleset_version };
  return { state, version: rows[0].stream_version, complianceRuleset };
}

const PHASE_TABLE_VIEW: PhaseRuleView[] = PHASE_ACTIONS.map((action) => ({
  action,
  roles: [...PHASE_TABLE[action].roles],
  phases: [...PHASE_TABLE[action].phases],
  description: PHASE_TABLE[action].description,
}));

@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery> {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly timeZones: TenantTimeZones,
  ) {}

  async execute({ tenantId, cycleId }: GetCycleQuery): Promise<CycleView> {
    const { state, version, complianceRuleset } = await cycleRow(this.pool, tenantId, cycleId);
    const names = await unitNames(this.pool, tenantId, Object.keys(state.units));
    const today = await this.timeZones.localDate(tenantId, this.clock.now());
    const windows = phaseWindowsOf(state);
    const active = activePhases(windows, today);
    return {
      cycleId: state.cycleId,
      name: state.name,
      status: state.status,
      ruleset: state.ruleset,
      kodeBRuleset: state.kodeBRuleset ?? null,
      complianceRuleset,
      windowStart: state.windowStart,
      windowEnd: state.windowEnd,
      selfAssessmentDue: state.selfAssessmentDue,
      phases: CYCLE_PHASES.map((phase) => ({ phase, name: PHASE_NAMES[phase], ...windows[phase], active: active.includes(phase) })),
      currentPhase: currentPhase(windows, today),
      phasesEnforced: phasesRecorded(state),
      phaseTable: PHASE_TABLE_VIEW,
      units: Object.entries(state.units).map(([unitId, lokus]) => ({
        unitId,
        unitName: names.get(unitId) ?? null,
        kode: lokus.kode ?? 'A',
        evaluatorIds: lokus.evaluatorIds,
        leadEvaluatorId: lokus.leadEvaluatorId,
        userScore: lokus.userScore ? { score: lokus.userScore.score, respondents: lokus.userScore.respondents, quotaMet: lokus.userScore.quotaMet } : null,
        phaseOverrides: (lokus.overrides ?? []).map((override) => ({ ...override, active: override.until >= today })),
        nonSubmission: nonSubmissionView(lokus),
      })),
      version,
    };
  }
}

/** A unit's assessment as the API shows it: F-01 answers and evidence, return notes, F-02 scores, visits. */
export interface AssessmentView {
  cycleId: string;
  unitId: string;
  status: Assessment['status'];
  /** By indicator code. */
  answers: Record<string, { indicatorCode: string; score: number; justification: string; evidenceIds: string[] }>;
  /** By indicator code. */
  evidence: Record<string, { evidenceId: string; kind: string; name: string; location: string; sha256: string; sizeBytes: number; mediaType: string }[]>;
  returnNotes: { indicatorCode: string; note: string }[];
  /** By indicator code, then evaluator id: each evaluator's latest score. */
  scores: Record<string, Record<string, { score: number; note: string }>>;
  visits: { cycleId: string; unitId: string; visitedOn: string; evaluatorIds: string[]; findings: string }[];
  /** Under a ruleset with F-01 questions: per indicator the questions, answers, evidence per question and claimed level; else empty. */
  f01: F01IndicatorView[];
  /** The version of the assessment's stream this view reflects. */
  version: number;
  /** F-01 versions: what changed since the last review, which marks to give again; null before any F-01 event. */
  f01Review: F01Review | null;
  /** Identical evidence in other units of the cycle; null for a caller who may not see other units (the unit's own operator). */
  identicalEvidence: IdenticalEvidence[] | null;
}

const mapValues = <A, B>(record: Record<string, A>, map: (value: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));

function assessmentView(
  cycleId: string,
  unitId: string,
  state: Assessment,
  version: number,
  ruleset: Ruleset | undefined,
  f01Review: F01Review | null,
  identicalEvidence: IdenticalEvidence[] | null,
): AssessmentView {
  return {
    cycleId,
    unitId,
    status: state.status,
    answers: mapValues(state.answers, ({ indicatorCode, score, justification, evidenceIds }) => ({ indicatorCode, score, justification, evidenceIds })),
    evidence: mapValues(state.evidence, (items) =>
      items.map(({ evidenceId, kind, name, location, sha256, sizeBytes, mediaType }) => ({ evidenceId, kind, name, location, sha256, sizeBytes, mediaType })),
    ),
    returnNotes: state.returnNotes.map(({ indicatorCode, note }) => ({ indicatorCode, note })),
    scores: mapValues(state.scores, (byEvaluator) => mapValues(byEvaluator, ({ score, note }) => ({ score, note }))),
    visits: state.visits.map(({ cycleId: visitCycleId, unitId: visitUnitId, visitedOn, evaluatorIds, findings }) => ({
      cycleId: visitCycleId,
      unitId: visitUnitId,
      visitedOn,
      evaluatorIds,
      findings,
    })),
    f01: ruleset ? f01View(ruleset, state) : [],
    version,
    f01Review,
    identicalEvidence,
  };
}

export class GetAssessmentQuery extends Query<AssessmentView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    /** Whether the caller may see other units of the cycle (an evaluator, an admin, an auditor). */
    readonly seesOtherUnits: boolean,
  ) {
    super();
  }
}

@QueryHandler(GetAssessmentQuery)
export class GetAssessmentHandler implements IQueryHandler<GetAssessmentQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId, seesOtherUnits }: GetAssessmentQuery): Promise<AssessmentView> {
    const { rows } = await this.pool.query<{ state: Assessment; stream_version: number }>(
      `SELECT state, stream_version FROM unit_assessments_v1 WHERE cycle_id = $1 AND unit_id = $2 AND tenant_id = $3`,
      [cycleId, unitId, tenantId],
    );
    if (!rows[0]) throw new NotFoundException({ code: 'ASSESSMENT.NOT_FOUND', message: `unit ${unitId} has no assessment in cycle ${cycleId}` });
    const { state: cycle } = await cycleRow(this.pool, tenantId, cycleId);
    const [ruleset, f01Review, identicalEvidence] = await Promise.all([
      rulesetIn(this.pool, tenantId, rulesetRefOf(cycle, unitId)),
      f01ReviewOf(this.pool, tenantId, cycleId, unitId),
      seesOtherUnits ? identicalEvidenceOf(this.pool, tenantId, cycleId, unitId) : null,
    ]);
    return assessmentView(cycleId, unitId, rows[0].state, rows[0].stream_version, ruleset, f01Review, identicalEvidence);
  }
}

export type UnitScoreResponse = UnitScoreView & {
  /** Indicators events propose a level for that no evaluator has decided on yet (final under the ruleset's combination): missing from the IPP. */
  proposedOnlyIndicatorCodes: string[];
  whatIf: boolean;
  published: PublishedResult | null;
  correctionReason: string | null;
};

/** The view's indicators with a final evaluator score: what the IPP counts. */
const finallyScored = (view: UnitScoreView): Map<string, number> =>
  new Map(view.indicators.flatMap(({ indicatorCode, evaluatorScore }) => (evaluatorScore === null ? [] : [[indicatorCode, evaluatorScore] as const])));

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
      const { state: cycle } = await cycleRow(this.pool, tenantId, cycleId);
      const lokus = cycle.units[unitId];
      if (!lokus) throw new NotFoundException({ code: 'CYCLE.UNIT_NOT_IN_SCOPE', message: `unit ${unitId} is not a unit lokus of cycle ${cycleId}` });
      const { rows } = await this.pool.query<{ state: Assessment }>(
        `SELECT state FROM unit_assessments_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
        [tenantId, cycleId, unitId],
      );
      const view = unitScoreView(cycleId, unitId, ruleset, rows[0]?.state ?? initialAssessment(), lokus);
      return { ...view, proposedOnlyIndicatorCodes: await this.proposedOnly(tenantId, ruleset, view), whatIf: true, published: null, correctionReason: null };
    }
    const { rows } = await this.pool.query<{ score: UnitScoreView; published: PublishedResult | null; correction_reason: string | null }>(
      `SELECT score, published, correction_reason FROM unit_results_v1 WHERE cycle_id = $1 AND unit_id = $2 AND tenant_id = $3`,
      [cycleId, unitId, tenantId],
    );
    if (!rows[0]) throw new NotFoundException({ code: 'SCORE.NOT_FOUND', message: `unit ${unitId} has no score in cycle ${cycleId}` });
    // a row scored before non-submission decisions existed rests on the unit's F-01
    const view: UnitScoreView = { ...rows[0].score, scoreBasis: rows[0].score.scoreBasis ?? 'f01', nonSubmission: rows[0].score.nonSubmission ?? null };
    const ruleset = await rulesetIn(this.pool, tenantId, view.ruleset);
    if (!ruleset)
      throw new Error(
        `the score of ${unitId} in cycle ${cycleId} is under ruleset ${view.ruleset.id} v${view.ruleset.version}, which is not in the read model`,
      );
    return {
      ...view,
      proposedOnlyIndicatorCodes: await this.proposedOnly(tenantId, ruleset, view),
      whatIf: false,
      published: rows[0].published,
      correctionReason: rows[0].correction_reason,
    };
  }

  private async proposedOnly(tenantId: string, ruleset: Ruleset, view: UnitScoreView): Promise<string[]> {
    const proposed = await proposedIndicatorCodes(this.pool, tenantId, view.cycleId, view.unitId);
    return proposedOnlyIndicatorCodes(ruleset, proposed, finallyScored(view));
  }
}
