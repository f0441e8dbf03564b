import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import {
  complianceObservationDecider,
  complianceStream,
  cycleStream,
  decideComplianceObservation,
  type MaladministrationObservationRecord,
  type ObservedItemRecord,
  type PublicTrustRecord,
} from '../domain';
import { DomainError } from '../domain/error-codes';
import { RecomputeUnitFindings } from './recompute-unit-findings';
import { readCycle, rereadingOnChange, resultsLock } from './stream-state';

export interface ComplianceObservation {
  items: ObservedItemRecord[];
  publicTrust: PublicTrustRecord | null;
  maladministration: MaladministrationObservationRecord | null;
}

/** Records what no source event says about a unit lokus's Ombudsman compliance, on its compliance stream. */
export class RecordComplianceObservationCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly observation: ComplianceObservation,
    readonly by: { userId: string; role: 'evaluator' | 'admin' },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RecordComplianceObservationCommand)
export class RecordComplianceObservationHandler implements ICommandHandler<RecordComplianceObservationCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
    private readonly findings: RecomputeUnitFindings,
  ) {}

  async execute({ cycleId, unitId, observation, by, meta }: RecordComplianceObservationCommand): Promise<AppendResult> {
    const result = await rereadingOnChange(async () => {
      const { state: cycle, version } = await readCycle(this.store, meta.tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      const lokus = cycle.units[unitId];
      const context = { lokus: lokus ? { evaluatorIds: lokus.evaluatorIds } : null, resultsFrozen: cycle.status === 'published' };
      return this.store.handle(
        complianceStream(meta.tenantId, cycleId, unitId),
        complianceObservationDecider,
        (state) =>
          decideComplianceObservation(
            { type: 'RecordComplianceObservation', cycleId, unitId, ...observation, by, context, now: this.clock.now().toISOString() },
            state,
          ),
        meta,
        // as an assessment command: decided on the cycle as read, never recorded after its results were published
        {
          guard: { lockKey: resultsLock(meta.tenantId, cycleId), lockMode: 'shared', unchanged: [{ streamId: cycleStream(meta.tenantId, cycleId), version }] },
        },
      );
    });
    // Regraded at once, so the evaluator reads the new grade back; also after a repeat, in case the
    // first attempt's process died between recording and regrading.
    await this.findings.afterObservationRecorded({ tenantId: meta.tenantId, unitId }, cycleId);
    return result;
  }
}
