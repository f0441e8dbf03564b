import { randomUUID } from 'node:crypto';
import type { EvaluationEvent, EventEnvelope } from '@lib/contracts';
import { EventStore, inTransaction } from '@lib/event-sourcing';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { evaluationCodec } from '@lib/contracts';
import type { PoolClient } from 'pg';
import { RecomputeUnitFindings } from '../src/evaluation/commands/recompute-unit-findings';
import type { RegradeCompliance } from '../src/evaluation/commands/regrade-compliance';
import type { ProposalFigures } from '../src/evaluation/queries/proposal-figures';
import { evaluationDatabase } from '../src/migrations';

/**
 * The mark-and-recompute protocol of the proposals' findings on PostgreSQL: a unit marked by a source
 * transaction is recomputed once, by one worker, and stays marked when its recompute fails or when it
 * was marked again while being recomputed. The figures and the grade are stubbed: what is checked is
 * which marks survive, not what a recompute writes (indicator-proposals.int-spec checks that).
 */
describe('findings recompute of marked units', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  let db: TestDatabase;
  let loads: string[];
  let duringLoad: (() => Promise<void>) | undefined;
  let findings: RecomputeUnitFindings;

  const envelope = (unitId: string, occurredAt: string): EventEnvelope => ({
    eventId: randomUUID(),
    eventType: 'ComplaintReceived',
    streamId: `complaint-${randomUUID()}`,
    streamVersion: 1,
    occurredAt,
    tenantId,
    unitId,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actorId: 'test',
    actorRole: 'system',
  });
  const mark = (unitId: string, occurredAt = '2026-03-02T03:00:00Z') =>
    inTransaction(db.pool, (tx: PoolClient) => findings.markDirty([{ envelope: envelope(unitId, occurredAt) }], [], tx));
  const marks = async () =>
    (await db.pool.query<{ unit_id: string; generation: string }>(`SELECT unit_id, generation::text FROM findings_dirty_units ORDER BY unit_id`)).rows;
  const lokusOf = async (unitId: string) => {
    const cycleId = randomUUID();
    await db.pool.query(
      `INSERT INTO cycles_v1 (cycle_id, tenant_id, name, status, ruleset_id, ruleset_version, window_start, window_end, self_assessment_due, state, stream_version)
       VALUES ($1, $2, 'Siklus', 'open', 'none', 1, '2026-01-01', '2026-12-31', '2026-06-30', $3, 1)`,
      [cycleId, tenantId, JSON.stringify({ status: 'open', cycleId, ruleset: { id: 'none', version: 1 }, units: { [unitId]: { kode: 'A' } } })],
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase(evaluationDatabase.migrations, 'pantau_eval_dirty');
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    loads = [];
    duringLoad = undefined;
    await db.pool.query('DELETE FROM findings_dirty_units');
    const figures = {
      load: async ({ unitId }: { unitId: string }) => {
        loads.push(unitId);
        await duringLoad?.();
        return {};
      },
    } as unknown as ProposalFigures;
    const compliance = { inCycle: async () => undefined } as unknown as RegradeCompliance;
    findings = new RecomputeUnitFindings(figures, new EventStore<EvaluationEvent>(db.pool, evaluationCodec), compliance, db.pool);
  });

  it('keeps one mark per unit however many transactions mark it, and recomputes it once', async () => {
    const unitId = `unit-${randomUUID().slice(0, 8)}`;
    await lokusOf(unitId);
    await mark(unitId);
    const [first] = await marks();
    await mark(unitId);
    const [second] = await marks();
    expect(BigInt(second.generation)).toBeGreaterThan(BigInt(first.generation));

    expect(await findings.recomputeNextDirty()).toBe(true);
    expect(await findings.recomputeNextDirty()).toBe(false);

    expect(loads).toEqual([unitId]);
    expect(await marks()).toEqual([]);
  });

  it('leaves the mark of a recompute that fails, to be recomputed again', async () => {
    const unitId = `unit-${randomUUID().slice(0, 8)}`;
    await lokusOf(unitId);
    await mark(unitId);
    const before = await marks();
    duringLoad = () => Promise.reject(new Error('the process died'));

    await expect(findings.recomputeNextDirty()).rejects.toThrow('the process died');

    expect(await marks()).toEqual(before);
    duringLoad = undefined;
    expect(await findings.recomputeNextDirty()).toBe(true);
    expect(await marks()).toEqual([]);
  });

  it('keeps the mark made while the unit was being recomputed, and the marking transaction does not wait for the recompute', async () => {
    const unitId = `unit-${randomUUID().slice(0, 8)}`;
    await lokusOf(unitId);
    await mark(unitId);
    duringLoad = async () => {
      duringLoad = undefined;
      await mark(unitId, '2026-03-02T04:00:00Z');
    };

    expect(await findings.recomputeNextDirty()).toBe(true);

    expect((await marks()).map((row) => row.unit_id)).toEqual([unitId]);
    expect(await findings.recomputeNextDirty()).toBe(true);
    expect(await marks()).toEqual([]);
    expect(loads).toEqual([unitId, unitId]);
  });

  it('skips a unit whose findings another transaction is recomputing', async () => {
    const [busy, free] = [`unit-a-${randomUUID().slice(0, 8)}`, `unit-b-${randomUUID().slice(0, 8)}`];
    await lokusOf(busy);
    await lokusOf(free);
    await mark(busy);
    await mark(free);
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`unit-findings:${tenantId}/${busy}`]);

      expect(await findings.recomputeNextDirty()).toBe(true);
      expect(await findings.recomputeNextDirty()).toBe(false);

      expect(loads).toEqual([free]);
      expect((await marks()).map((row) => row.unit_id)).toEqual([busy]);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });
});
