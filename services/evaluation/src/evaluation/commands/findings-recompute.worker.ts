import { Injectable } from '@nestjs/common';
import type { QueueWorker } from '@lib/platform';
import { FINDINGS_DIRTY_CHANNEL, RecomputeUnitFindings } from './recompute-unit-findings';

/**
 * Units recomputed at once, each in its own transaction and connection: a recompute mostly waits for
 * PostgreSQL, so one at a time would leave it idle between statements.
 */
const CONCURRENT_RECOMPUTES = 3;

/**
 * Recomputes the findings of the units the proposal-figures consumers marked (findings_dirty_units),
 * one unit per transaction, a few units at once, woken by the marking transactions' NOTIFY. Run by BackgroundWorkers, which
 * stops it (after the unit in progress) before the pool closes and reports it on /health/ready while
 * it fails; a unit left marked by a crash is recomputed after the restart.
 */
@Injectable()
export class FindingsRecomputeWorker implements QueueWorker {
  readonly name = 'evaluation.findings-recompute';
  readonly channel = FINDINGS_DIRTY_CHANNEL;

  constructor(private readonly findings: RecomputeUnitFindings) {}

  async next(): Promise<boolean> {
    const recomputed = await Promise.all(Array.from({ length: CONCURRENT_RECOMPUTES }, () => this.findings.recomputeNextDirty()));
    return recomputed.some(Boolean);
  }
}
