import { Injectable } from '@nestjs/common';
import { type EvaluationEvent, evaluationCodec, topics } from '@lib/contracts';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';
import { RecomputeProposals } from '../commands/recompute-proposals';

const assignments = (deliveries: readonly Delivery<EvaluationEvent>[]) =>
  deliveries.flatMap(({ event, envelope }) =>
    event.$case === 'unitLokusAssigned' ? [{ envelope: { ...envelope, unitId: event.value.unitId }, cycleId: event.value.cycleId }] : [],
  );

/**
 * Proposes the indicators of a unit as soon as it becomes a lokus of an open cycle: the request and
 * survey events about it may all have come before, and the proposal-figures consumers recompute only
 * what a new source event touches. Reads this service's own topic, after the assignment committed.
 */
@Injectable()
export class UnitLokusProposalsConsumer implements RegisteredInboxConsumer<EvaluationEvent> {
  readonly groupId = 'evaluation.proposals-lokus';
  readonly topic = topics.evaluation;
  readonly codec = evaluationCodec;

  constructor(
    readonly pool: Pool,
    private readonly proposals: RecomputeProposals,
  ) {}

  /** Nothing per event: the units assigned in a batch are proposed for after it (afterApply). */
  apply(): Promise<void> {
    return Promise.resolve();
  }

  serializeOn(deliveries: Delivery<EvaluationEvent>[]): string[] {
    return RecomputeProposals.locksFor(assignments(deliveries));
  }

  afterApply(applied: Delivery<EvaluationEvent>[], tx: PoolClient): Promise<void> {
    return this.proposals.afterLokusAssigned(assignments(applied), tx);
  }
}
