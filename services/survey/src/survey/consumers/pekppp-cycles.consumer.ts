import { Injectable } from '@nestjs/common';
import { type EvaluationEvent, evaluationCodec, topics } from '@lib/contracts';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';

/**
 * Keeps the PEKPPP cycles the evaluation service opened, with the F-03 quota of the ruleset each
 * pinned, and the unit lokus it assigned: an F-03 collection opens only for those (see PekpppCycles).
 * Cycle and lokus rows stand alone, so they may arrive in any order. The runner commits the inbox row
 * and the insert together, so a redelivered event is recorded once.
 */
@Injectable()
export class PekpppCyclesConsumer implements RegisteredInboxConsumer<EvaluationEvent> {
  readonly groupId = 'survey.pekppp-cycles';
  readonly topic = topics.evaluation;
  readonly codec = evaluationCodec;

  constructor(readonly pool: Pool) {}

  async apply({ event, envelope }: Delivery<EvaluationEvent>, tx: PoolClient): Promise<void> {
    switch (event.$case) {
      case 'cycleOpened': {
        const { cycleId, rulesetId, rulesetVersion, f03Quota } = event.value;
        // a cycle opens once: its pinned ruleset never changes
        await tx.query(
          `INSERT INTO pekppp_cycles_v1 (tenant_id, cycle_id, ruleset_id, ruleset_version, f03_minimum_quota, f03_maximum_quota, f03_quota_provisional)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (tenant_id, cycle_id) DO NOTHING`,
          [envelope.tenantId, cycleId, rulesetId, rulesetVersion, f03Quota?.minimum ?? null, f03Quota?.maximum ?? null, f03Quota?.provisional ?? null],
        );
        return;
      }
      case 'unitLokusAssigned':
        // a reassignment changes the evaluators, not whether the unit is a lokus
        await tx.query(
          `INSERT INTO pekppp_unit_lokus_v1 (tenant_id, cycle_id, unit_id) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, cycle_id, unit_id) DO NOTHING`,
          [envelope.tenantId, event.value.cycleId, event.value.unitId],
        );
        return;
      default:
        return; // nothing else of the evaluation service matters to surveys; the offset still commits
    }
  }
}
