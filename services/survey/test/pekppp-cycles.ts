import { type EvaluationEvent, evaluationCodec, type evaluationPb, topics } from '@lib/contracts';
import { eventually } from '@lib/testing';
import { publishForeignEvent } from '../../../test/support/foreign-events';

/** The 2022 rule pekppp-2023 v1 ships: 10..20 respondents per unit lokus, provisional. */
export const PEKPPP_2023_F03_QUOTA: evaluationPb.F03Quota = { minimum: 10, maximum: 20, provisional: true };

/**
 * Publishes what the evaluation service's relay would when a tenant opens a cycle pinned to a ruleset
 * with this F-03 quota (null: a ruleset without user score) and assigns its unit lokus.
 */
export async function announceCycle(
  tenantId: string,
  cycleId: string,
  unitIds: readonly string[],
  f03Quota: evaluationPb.F03Quota | null = PEKPPP_2023_F03_QUOTA,
): Promise<void> {
  const streamId = `cycle-${tenantId}/${cycleId}`;
  const occurredAt = '2026-03-01T01:00:00.000Z';
  const opened: EvaluationEvent = {
    $case: 'cycleOpened',
    value: {
      cycleId,
      name: `PEKPPP ${cycleId}`,
      rulesetId: 'pekppp-2023',
      rulesetVersion: 1,
      windowStart: '2026-03-01',
      windowEnd: '2026-12-31',
      selfAssessmentDue: '2026-05-31',
      f03Quota: f03Quota ?? undefined,
      complianceRulesetId: 'ombudsman-2025',
      complianceRulesetVersion: 1,
      kodeBRulesetId: '',
      kodeBRulesetVersion: 0,
      phaseWindows: [],
    },
  };
  await publishForeignEvent(topics.evaluation, evaluationCodec, opened, { tenantId, unitId: '', streamId, streamVersion: 1, occurredAt });
  let streamVersion = 1;
  for (const unitId of unitIds) {
    streamVersion += 1;
    const assigned: EvaluationEvent = {
      $case: 'unitLokusAssigned',
      value: { cycleId, unitId, evaluatorIds: ['evaluator-1'], leadEvaluatorId: 'evaluator-1', kode: 'A' },
    };
    await publishForeignEvent(topics.evaluation, evaluationCodec, assigned, { tenantId, unitId, streamId, streamVersion, occurredAt });
  }
}

/**
 * Opens a unit's F-03 collection (`open` posts the call) once the survey service has consumed the
 * cycle and lokus announcements: until then the call is refused as an unknown cycle or not a lokus.
 */
export async function openWhenSeen(open: () => PromiseLike<{ status: number; body: { code?: string } }>): Promise<void> {
  await eventually(
    async () => {
      const opened = await open();
      expect([opened.status, opened.body.code]).toEqual([201, undefined]);
    },
    { timeoutMs: 30_000 },
  );
}
