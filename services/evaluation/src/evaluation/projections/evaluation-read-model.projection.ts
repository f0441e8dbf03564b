import { Injectable } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { assertNever, type Projection, type StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import {
  type Assessment,
  type Cycle,
  evolveAssessment,
  evolveCycle,
  findShippedRuleset,
  initialAssessment,
  initialCycle,
  isProvisional,
  type OpenCycle,
  type Ruleset,
  type RulesetRef,
  rulesetFromDocument,
  rulesetRefOf,
} from '../domain';
import { unitScoreView } from '../queries/unit-score.view';

/**
 * Cycles, unit assessments (answers, evidence, evaluator scores) and unit results with their live
 * score. One projection owns all four tables because a unit's score needs its cycle, its assessment
 * and the pinned ruleset at the same log position. Rows remember the stream version they reflect,
 * so an event applied twice changes nothing. Every row is keyed by its tenant first: another tenant
 * may have a cycle with the same id, and certainly units with the same ids.
 */
@Injectable()
export class EvaluationReadModelProjection implements Projection<EvaluationEvent> {
  readonly name = 'evaluation-read-model';
  readonly tables = ['rulesets_v1', 'cycles_v1', 'unit_assessments_v1', 'unit_results_v1'];

  async apply(events: StoredEvent<EvaluationEvent>[], tx: PoolClient): Promise<void> {
    for (const stored of events) await this.applyOne(stored, tx);
  }

  private async applyOne({ event, envelope }: StoredEvent<EvaluationEvent>, tx: PoolClient): Promise<void> {
    switch (event.$case) {
      case 'rulesetPublished': {
        const ruleset = rulesetFromDocument(event.value.documentJson);
        await tx.query(
          `INSERT INTO rulesets_v1 (tenant_id, ruleset_id, version, title, document, provisional, reason, published_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            envelope.tenantId,
            ruleset.id,
            ruleset.version,
            ruleset.title,
            event.value.documentJson,
            isProvisional(ruleset),
            event.value.reason,
            event.value.publishedAt,
          ],
        );
        return;
      }
      case 'cycleOpened':
      case 'unitLokusAssigned':
      case 'userScoreReceived':
      case 'cycleResultsPublished':
      case 'resultCorrected':
      case 'cyclePhaseWindowChanged':
      case 'phaseOverrideGranted':
      case 'fieldVisitScoringAllowed':
      case 'nonSubmissionOutcomeApplied': {
        const cycleId = event.value.cycleId;
        const row = await this.cycleRow(tx, envelope.tenantId, cycleId);
        if (row && row.version >= envelope.streamVersion) return;
        const state = evolveCycle(row?.state ?? initialCycle(), event);
        if (state.status === 'none') return;
        await tx.query(
          `INSERT INTO cycles_v1 (cycle_id, tenant_id, name, status, ruleset_id, ruleset_version, window_start, window_end, self_assessment_due, state, stream_version,
             compliance_ruleset_id, compliance_ruleset_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (tenant_id, cycle_id) DO UPDATE SET status = $4, state = $10, stream_version = $11`,
          [
            cycleId,
            envelope.tenantId,
            state.name,
            state.status,
            state.ruleset.id,
            state.ruleset.version,
            state.windowStart,
            state.windowEnd,
            state.selfAssessmentDue,
            JSON.stringify(state),
            envelope.streamVersion,
            state.complianceRuleset.id,
            state.complianceRuleset.version,
          ],
        );
        await this.afterCycleEvent(tx, event, state, envelope.tenantId);
        return;
      }
      case 'selfAssessmentDraftSaved':
      case 'evidenceAttached':
      case 'selfAssessmentSubmitted':
      case 'selfAssessmentReturned':
      case 'selfAssessmentResubmitted':
      case 'selfAssessmentVerified':
      case 'indicatorScored':
      case 'indicatorProposalConfirmed':
      case 'indicatorProposalOverridden':
      case 'verificationVisitRecorded': {
        const { cycleId, unitId } = event.value;
        const { rows } = await tx.query<{ state: Assessment; stream_version: number }>(
          `SELECT state, stream_version FROM unit_assessments_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
          [envelope.tenantId, cycleId, unitId],
        );
        if (rows[0] && rows[0].stream_version >= envelope.streamVersion) return;
        const state = evolveAssessment(rows[0]?.state ?? initialAssessment(), event);
        await tx.query(
          `INSERT INTO unit_assessments_v1 (cycle_id, unit_id, tenant_id, status, state, stream_version, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (tenant_id, cycle_id, unit_id) DO UPDATE SET status = $4, state = $5, stream_version = $6, updated_at = $7`,
          [cycleId, unitId, envelope.tenantId, state.status, JSON.stringify(state), envelope.streamVersion, envelope.occurredAt],
        );
        const cycle = await this.cycleRow(tx, envelope.tenantId, cycleId);
        if (cycle && cycle.state.status !== 'none') await this.rescore(tx, cycle.state, unitId, envelope.tenantId, state);
        return;
      }
      case 'unitRegistered':
      case 'indicatorProposalChanged': // the proposal-figures consumers write indicator_proposals_v1 with the event
      case 'complianceObservationRecorded': // graded by the same recompute, which writes compliance_grades_v1
      case 'complianceGraded':
        return;
      default:
        return assertNever(event);
    }
  }

  private async afterCycleEvent(tx: PoolClient, event: EvaluationEvent, cycle: OpenCycle, tenantId: string): Promise<void> {
    switch (event.$case) {
      case 'unitLokusAssigned':
      case 'userScoreReceived':
      case 'fieldVisitScoringAllowed':
      case 'nonSubmissionOutcomeApplied':
        await this.rescore(tx, cycle, event.value.unitId, tenantId);
        return;
      case 'cycleResultsPublished':
        for (const result of event.value.results) {
          await this.rescore(tx, cycle, result.unitId, tenantId);
          await tx.query(`UPDATE unit_results_v1 SET published = $4 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, [
            tenantId,
            cycle.cycleId,
            result.unitId,
            JSON.stringify(result),
          ]);
        }
        return;
      case 'resultCorrected': {
        const result = event.value.result;
        if (!result) return;
        await this.rescore(tx, cycle, result.unitId, tenantId);
        await tx.query(`UPDATE unit_results_v1 SET published = $4, correction_reason = $5 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, [
          tenantId,
          cycle.cycleId,
          result.unitId,
          JSON.stringify(result),
          event.value.reason,
        ]);
        return;
      }
      default:
        return;
    }
  }

  private async cycleRow(tx: PoolClient, tenantId: string, cycleId: string): Promise<{ state: Cycle; version: number } | undefined> {
    const { rows } = await tx.query<{ state: Cycle; stream_version: number; compliance_ruleset_id: string; compliance_ruleset_version: number }>(
      `SELECT state, stream_version, compliance_ruleset_id, compliance_ruleset_version FROM cycles_v1 WHERE tenant_id = $1 AND cycle_id = $2`,
      [tenantId, cycleId],
    );
    const row = rows[0];
    if (!row) return undefined;
    // a row written before cycles pinned a compliance ruleset has none in its state: its column says which (the default)
    const pinned = { id: row.compliance_ruleset_id, version: row.compliance_ruleset_version };
    const state = row.state.status === 'none' ? row.state : { ...row.state, complianceRuleset: (row.state as Partial<OpenCycle>).complianceRuleset ?? pinned };
    return { state, version: row.stream_version };
  }

  private async rescore(tx: PoolClient, cycle: OpenCycle, unitId: string, tenantId: string, known?: Assessment): Promise<void> {
    let assessment = known;
    if (!assessment) {
      const { rows } = await tx.query<{ state: Assessment }>(`SELECT state FROM unit_assessments_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, [
        tenantId,
        cycle.cycleId,
        unitId,
      ]);
      assessment = rows[0]?.state ?? initialAssessment();
    }
    const ruleset = await rulesetIn(tx, tenantId, rulesetRefOf(cycle, unitId));
    if (!ruleset) return; // cannot happen: a cycle pins rulesets that existed when it opened
    const view = unitScoreView(cycle.cycleId, unitId, ruleset, assessment, cycle.units[unitId] ?? null);
    await tx.query(
      `INSERT INTO unit_results_v1 (cycle_id, unit_id, tenant_id, score, ipp, category, provisional)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, cycle_id, unit_id) DO UPDATE SET score = $4, ipp = $5, category = $6, provisional = $7`,
      [cycle.cycleId, unitId, tenantId, JSON.stringify(view), view.ipp.final, view.category, view.provisional],
    );
  }
}

/** A shipped ruleset, or one the tenant published, from the projection's own table. */
export async function rulesetIn(db: Pick<PoolClient, 'query'>, tenantId: string, ref: RulesetRef): Promise<Ruleset | undefined> {
  const shipped = findShippedRuleset(ref);
  if (shipped) return shipped;
  const { rows } = await db.query<{ document: Ruleset }>(`SELECT document FROM rulesets_v1 WHERE tenant_id = $1 AND ruleset_id = $2 AND version = $3`, [
    tenantId,
    ref.id,
    ref.version,
  ]);
  return rows[0]?.document;
}
