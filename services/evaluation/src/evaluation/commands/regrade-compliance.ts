import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import {
  type ComplianceEvent,
  type ComplianceGradeRecord,
  complianceDimensionSources,
  complianceGradeRecord,
  complianceInputFrom,
  type ComplianceInputWithSources,
  complianceRuleset,
  type ComplianceRulesetRef,
  complianceStream,
  gradeChanged,
  gradeCompliance,
  gradeSourceEventIds,
  observationsWithEvents,
} from '../domain';
import type { ProposalInput } from '../domain/proposals';
import type { BatchCause, UnitRef } from './findings-cause';

const ACTOR = { id: 'evaluation.compliance', role: 'system' };

const isComplianceEvent = (event: EvaluationEvent): event is ComplianceEvent =>
  event.$case === 'complianceObservationRecorded' || event.$case === 'complianceGraded';

interface StoredGrade {
  grade: ComplianceGradeRecord;
  input: ComplianceInputWithSources;
}

/**
 * Grades a unit lokus's Ombudsman compliance in one cycle under the compliance ruleset the cycle
 * pins, from the unit's figures and the observations on its compliance stream, inside the caller's
 * transaction (which holds the unit's lock): compliance_grades_v1 is rewritten when anything of the
 * grade or its input differs, and a grade that changed (see gradeChanged) is one ComplianceGraded on
 * the compliance stream, keyed by the cause, so a cause handled twice appends it once.
 */
@Injectable()
export class RegradeCompliance {
  constructor(private readonly store: EventStore<EvaluationEvent>) {}

  async inCycle(
    { tenantId, unitId }: UnitRef,
    cycle: { cycleId: string; complianceRuleset: ComplianceRulesetRef },
    figures: ProposalInput,
    cause: BatchCause,
    tx: PoolClient,
  ): Promise<void> {
    const streamId = complianceStream(tenantId, cycle.cycleId, unitId);
    const stream = (await this.store.readStream(streamId, tx)).flatMap(({ envelope, event }) =>
      isComplianceEvent(event) ? [{ eventId: envelope.eventId, event, version: envelope.streamVersion }] : [],
    );
    const ruleset = complianceRuleset(cycle.complianceRuleset);
    const input = complianceInputFrom(figures, observationsWithEvents(stream));
    const grade = complianceGradeRecord(gradeCompliance(ruleset, input.input), complianceDimensionSources(ruleset, input.sources));
    const { rows } = await tx.query<StoredGrade>(`SELECT grade, input FROM compliance_grades_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, [
      tenantId,
      cycle.cycleId,
      unitId,
    ]);
    const stored = rows[0];
    const gradedAt = cause.latest?.occurredAt ?? new Date(0).toISOString();
    if (!stored || !isDeepStrictEqual(stored.grade, grade) || !isDeepStrictEqual(stored.input, input)) {
      await this.write(tx, { tenantId, unitId, cycleId: cycle.cycleId }, grade, input, gradedAt);
    }
    if (!gradeChanged(stored?.grade ?? null, grade)) return;
    const before = stored?.grade;
    const event: EvaluationEvent = {
      $case: 'complianceGraded',
      value: {
        cycleId: cycle.cycleId,
        unitId,
        rulesetId: grade.ruleset.id,
        rulesetVersion: grade.ruleset.version,
        total: grade.total,
        bandCode: grade.band.code,
        zone: grade.band.zone,
        label: grade.label,
        complete: grade.complete,
        previousBandCode: before?.band.code ?? '',
        previousTotal: before?.total ?? -1,
        gradeJson: JSON.stringify(grade),
        sourceEventIds: gradeSourceEventIds(grade),
        provisional: grade.provisional,
        gradedAt,
      },
    };
    const correlationId = cause.latest?.correlationId ?? cause.batchKey;
    await this.store.append(
      streamId,
      stream.at(-1)?.version ?? 0,
      [event],
      {
        correlationId,
        causationId: cause.latest?.eventId ?? correlationId,
        idempotencyKey: `${streamId}/${cause.batchKey}`,
        tenantId,
        unitId,
        actor: ACTOR,
        occurredAt: gradedAt,
      },
      tx,
    );
  }

  private async write(
    tx: PoolClient,
    { tenantId, unitId, cycleId }: UnitRef & { cycleId: string },
    grade: ComplianceGradeRecord,
    input: ComplianceInputWithSources,
    updatedAt: string,
  ): Promise<void> {
    const sources = Object.fromEntries([
      ...grade.dimensions.map((dimension) => [dimension.code, dimension.sourceEventIds]),
      ...(grade.maladministration ? [['maladministration', grade.maladministration.sourceEventIds]] : []),
    ]);
    await tx.query(
      `INSERT INTO compliance_grades_v1 (tenant_id, cycle_id, unit_id, ruleset_id, ruleset_version, total, band_code, zone, label, complete, grade,
         source_event_ids, input, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (tenant_id, cycle_id, unit_id) DO UPDATE SET ruleset_id = excluded.ruleset_id, ruleset_version = excluded.ruleset_version,
         total = excluded.total, band_code = excluded.band_code, zone = excluded.zone, label = excluded.label, complete = excluded.complete,
         grade = excluded.grade, source_event_ids = excluded.source_event_ids, input = excluded.input, updated_at = excluded.updated_at`,
      [
        tenantId,
        cycleId,
        unitId,
        grade.ruleset.id,
        grade.ruleset.version,
        grade.total,
        grade.band.code,
        grade.band.zone,
        grade.label,
        grade.complete,
        JSON.stringify(grade),
        JSON.stringify(sources),
        JSON.stringify(input),
        updatedAt,
      ],
    );
  }
}
