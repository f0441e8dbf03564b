import { Injectable } from '@nestjs/common';
import { type EvaluationEvent, evaluationCodec, topics } from '@lib/contracts';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';
import { RecomputeUnitFindings } from '../commands/recompute-unit-findings';

/** The units of a batch's events of `kind`, each with the cycle it names. */
const about = (deliveries: readonly Delivery<EvaluationEvent>[], kind: 'unitLokusAssigned' | 'complianceObservationRecorded') =>
  deliveries.flatMap(({ event, envelope }) =>
    event.$case === kind && (event.$case === 'unitLokusAssigned' || event.$case === 'complianceObservationRecorded')
      ? [{ envelope: { ...envelope, unitId: event.value.unitId }, cycleId: event.value.cycleId }]
      : [],
  );

/**
 * Brings a unit's findings up to date after this service's own events about it: its proposals and
 * compliance grade as soon as it becomes a lokus of an open cycle (the request and survey events about
 * it may all have come before, and the proposal-figures consumers recompute only what a new source
 * event touches), and its compliance grade after an observation was recorded (which the recording
 * command regraded already, unless its process died before). Reads this service's own topic, after
 * the event committed. The group keeps its first name: a renamed group would read the topic again.
 */
@Injectable()
export class UnitLokusFindingsConsumer implements RegisteredInboxConsumer<EvaluationEvent> {
  readonly groupId = 'evaluation.proposals-lokus';
  readonly topic = topics.evaluation;
  readonly codec = evaluationCodec;

  constructor(
    readonly pool: Pool,
    private readonly findings: RecomputeUnitFindings,
  ) {}

  /** Nothing per event: the units of a batch are recomputed after it (afterApply). */
  apply(): Promise<void> {
    return Promise.resolve();
  }

  serializeOn(deliveries: Delivery<EvaluationEvent>[]): string[] {
    return RecomputeUnitFindings.locksFor([...about(deliveries, 'unitLokusAssigned'), ...about(deliveries, 'complianceObservationRecorded')]);
  }

  async afterApply(applied: Delivery<EvaluationEvent>[], tx: PoolClient): Promise<void> {
    const assigned = about(applied, 'unitLokusAssigned');
    const observed = about(applied, 'complianceObservationRecorded');
    if (assigned.length > 0) await this.findings.afterLokusAssigned(assigned, tx);
    if (observed.length > 0) await this.findings.afterObservations(observed, tx);
  }
}
