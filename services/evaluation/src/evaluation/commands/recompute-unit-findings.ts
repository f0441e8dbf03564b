import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EvaluationEvent, EventEnvelope } from '@lib/contracts';
import { EventStore, foldStream, inTransaction } from '@lib/event-sourcing';
import { QUALIFIED_ID } from '@lib/kernel';
import { Pool, type PoolClient } from 'pg';
import type { ComplianceRulesetRef } from '../domain/compliance/compliance-ruleset';
import { cycleDecider, type OpenCycle, rulesetRefOf } from '../domain/cycle';
import { complianceStream, cycleStream, proposalsStream } from '../domain/streams';
import {
  type ComparedProposal,
  diffProposals,
  type Proposal,
  PROPOSAL_RULES_2023,
  type ProposalChange,
  type ProposalRuleset,
  proposeIndicators,
  type RuleSourceKind,
} from '../domain/proposals';
import { ProposalFigures } from '../queries/proposal-figures';
import type { BatchCause, UnitRef } from './findings-cause';
import { RegradeCompliance } from './regrade-compliance';

/** The proposal rules per scoring ruleset; a unit lokus scored under a ruleset without them (a Kode B lokus, say) gets no proposals. */
const PROPOSAL_RULESETS: readonly ProposalRuleset[] = [PROPOSAL_RULES_2023];

const ACTOR = { id: 'evaluation.proposals', role: 'system' };

/** Notified by a transaction that marks units for recompute: FindingsRecomputeWorker listens. */
export const FINDINGS_DIRTY_CHANNEL = 'findings_dirty';

/** Marked units a recompute tries to claim, the longest waiting first, before it gives up for now. */
const CLAIM_CANDIDATES = 20;

/** The units the events are about, by `<tenant>/<unit>`; an event naming no valid unit is about none. */
function unitsOf(deliveries: readonly { envelope: UnitRef }[]): Map<string, UnitRef> {
  const units = new Map<string, UnitRef>();
  for (const { envelope } of deliveries) {
    if (envelope.unitId && QUALIFIED_ID.test(envelope.unitId))
      units.set(`${envelope.tenantId}/${envelope.unitId}`, { tenantId: envelope.tenantId, unitId: envelope.unitId });
  }
  return units;
}

// One lock per unit, named alike by every writer of its findings.
const lockName = (unitKey: string): string => `unit-findings:${unitKey}`;
const lockUnit = (tx: PoolClient, unitKey: string) => tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockName(unitKey)]);

/** A cycle a unit is a lokus of: its period is what the proposals and the compliance grade are for. */
interface CycleScope {
  cycleId: string;
  rulesetId: string;
  complianceRuleset: ComplianceRulesetRef;
  windowStart: string;
  windowEnd: string;
}

/** What a recompute brings up to date: a recorded observation changes the compliance grade only. */
type Findings = 'proposals-and-compliance' | 'compliance';

interface StoredRow {
  indicator_code: string;
  level: number;
  rule_id: string;
  rule_source: RuleSourceKind;
  rule_source_reason: string;
  provisional: boolean;
  provisional_source: string;
  figures: Proposal['figures'];
  explanation: string;
  source_event_ids: string[];
}

const compared = (row: StoredRow): ComparedProposal => ({
  indicatorCode: row.indicator_code,
  level: row.level as Proposal['level'],
  ruleId: row.rule_id,
  ruleSource: { kind: row.rule_source, reason: row.rule_source_reason },
  provisional: row.provisional,
  provisionalSource: row.provisional_source,
  figures: row.figures,
  explanation: row.explanation,
  sourceEventIds: row.source_event_ids,
});

/**
 * Recomputes the findings of units (their proposals and their Ombudsman compliance grade), for every
 * open cycle in which the unit is a lokus: the rows of indicator_proposals_v1 that differ are
 * rewritten, and each indicator whose level or figures changed is one IndicatorProposalChanged on the
 * unit's proposals stream; the compliance grade likewise (RegradeCompliance). The proposal-figures
 * consumers (request and survey topics) only mark the units their batches touched (markDirty), and
 * FindingsRecomputeWorker recomputes each marked unit once in a transaction of its own
 * (recomputeNextDirty), however many events marked it. The lokus consumer and a recorded observation
 * recompute in their own transactions. Every recompute of a unit holds the unit's lock (locksFor,
 * lockUnit): the second waits (the worker skips the unit instead), then reads what the first
 * committed, never computes from figures that miss the other's events, and appends after it.
 */
@Injectable()
export class RecomputeUnitFindings {
  constructor(
    private readonly figures: ProposalFigures,
    private readonly store: EventStore<EvaluationEvent>,
    private readonly compliance: RegradeCompliance,
    private readonly pool: Pool,
  ) {}

  /**
   * The locks a consumer's transaction takes first (InboxConsumer.serializeOn): one per unit its events
   * are about, so the request and survey consumers recompute a unit one after the other.
   */
  static locksFor(deliveries: readonly { envelope: EventEnvelope }[]): string[] {
    return [...unitsOf(deliveries).keys()].map(lockName);
  }

  /**
   * Marks the units of `applied`, and `alsoUnits` (a complaint's unit before it was reassigned), to be
   * recomputed by FindingsRecomputeWorker after this transaction commits, and wakes it: one statement,
   * whatever the batch. Many events of a unit, in one batch or many, cost one recompute.
   *
   * The mark is a row per unit. Marking an already marked unit keeps one row: its generation becomes
   * this transaction's id and its latest event the later one. The rows are upserted in key order, so
   * transactions of several partitions marking the same units never wait for each other in a circle.
   * A mark commits with the figures it follows (the same transaction) or not at all, and the inbox
   * makes a redelivered batch mark nothing, so every committed change of the figures leaves a mark.
   */
  async markDirty(applied: readonly { envelope: EventEnvelope }[], alsoUnits: readonly UnitRef[], tx: PoolClient): Promise<void> {
    const latestOf = new Map<string, Pick<EventEnvelope, 'eventId' | 'correlationId' | 'occurredAt'>>();
    const units = unitsOf(applied);
    for (const { envelope } of applied) {
      const key = `${envelope.tenantId}/${envelope.unitId}`;
      const known = latestOf.get(key);
      if (units.has(key) && (!known || envelope.occurredAt > known.occurredAt)) latestOf.set(key, envelope);
    }
    const latestOfBatch = this.cause(applied).latest;
    for (const unit of alsoUnits) if (!units.has(`${unit.tenantId}/${unit.unitId}`)) units.set(`${unit.tenantId}/${unit.unitId}`, unit);
    if (units.size === 0 || !latestOfBatch) return;
    const ordered = [...units.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const latest = ordered.map(([key]) => latestOf.get(key) ?? latestOfBatch);
    await tx.query({
      name: 'findings-mark-dirty',
      text: `
        INSERT INTO findings_dirty_units (tenant_id, unit_id, generation, latest_event_id, latest_correlation_id, latest_occurred_at)
        SELECT tenant_id, unit_id, pg_current_xact_id()::text::bigint, event_id, correlation_id, occurred_at
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS mark(tenant_id, unit_id, event_id, correlation_id, occurred_at)
        ORDER BY tenant_id, unit_id
        ON CONFLICT (tenant_id, unit_id) DO UPDATE SET generation = excluded.generation, marked_at = least(findings_dirty_units.marked_at, excluded.marked_at),
          latest_event_id = CASE WHEN excluded.latest_occurred_at > findings_dirty_units.latest_occurred_at THEN excluded.latest_event_id ELSE findings_dirty_units.latest_event_id END,
          latest_correlation_id = CASE WHEN excluded.latest_occurred_at > findings_dirty_units.latest_occurred_at THEN excluded.latest_correlation_id ELSE findings_dirty_units.latest_correlation_id END,
          latest_occurred_at = greatest(findings_dirty_units.latest_occurred_at, excluded.latest_occurred_at)`,
      values: [
        ordered.map(([, unit]) => unit.tenantId),
        ordered.map(([, unit]) => unit.unitId),
        latest.map((event) => event.eventId),
        latest.map((event) => event.correlationId),
        latest.map((event) => event.occurredAt),
      ],
    });
    await tx.query(`NOTIFY ${FINDINGS_DIRTY_CHANNEL}`);
  }

  /**
   * Recomputes one marked unit, the longest waiting that nobody else is recomputing, in a transaction
   * of its own; false when there is none.
   *
   * The claim is the unit's findings lock (the one every recompute of the unit takes), tried, not
   * waited for: a unit another worker or a lokus or observation recompute holds is skipped, and stays
   * marked. The mark's row itself is not locked until the end, so the source transactions that mark
   * the unit meanwhile never wait for the recompute. The mark is deleted only if its generation is
   * still the one claimed, in the transaction that writes the recompute's rows and appends, so they
   * commit together or not at all:
   * - a process killed mid-way (kill -9) leaves the mark, and the unit is recomputed after the restart,
   *   from the figures as they are then;
   * - a source transaction that marks the unit after the claim sets a new generation (its own
   *   transaction id) with the figures it commits: if it commits before the delete, the delete finds
   *   another generation and keeps the mark; if its mark waits for the delete's row lock, it inserts
   *   the row again once the recompute commits. Either way the unit is recomputed once more, from
   *   figures that include it. Figures committed before the claim are in what the recompute reads.
   *
   * The appends' idempotency key is the claimed generation with the proposals' or compliance stream:
   * fixed by the mark, so a recompute redone after a crash uses the same key, and never the key of
   * another mark, as a later mark has a later transaction id. A redelivered source batch is skipped by
   * the inbox and marks nothing.
   */
  async recomputeNextDirty(): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const { rows: candidates } = await tx.query<{
        tenant_id: string;
        unit_id: string;
        generation: string;
        latest_event_id: string;
        latest_correlation_id: string;
        latest_occurred_at: string;
      }>({
        name: 'findings-dirty-candidates',
        text: `SELECT tenant_id, unit_id, generation::text, latest_event_id, latest_correlation_id, latest_occurred_at FROM findings_dirty_units
               ORDER BY marked_at LIMIT ${CLAIM_CANDIDATES}`,
      });
      for (const candidate of candidates) {
        const key = `${candidate.tenant_id}/${candidate.unit_id}`;
        const { rows } = await tx.query<{ claimed: boolean }>({
          name: 'findings-claim-unit',
          text: `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS claimed`,
          values: [lockName(key)],
        });
        if (!rows[0].claimed) continue;
        // What was read before the lock may be stale: the mark as it is now, or none (recomputed meanwhile).
        const { rows: current } = await tx.query<{ generation: string; latest_event_id: string; latest_correlation_id: string; latest_occurred_at: string }>({
          name: 'findings-dirty-mark',
          text: `SELECT generation::text, latest_event_id, latest_correlation_id, latest_occurred_at FROM findings_dirty_units WHERE tenant_id = $1 AND unit_id = $2`,
          values: [candidate.tenant_id, candidate.unit_id],
        });
        const mark = current[0];
        if (!mark) return true;
        const unit = { tenantId: candidate.tenant_id, unitId: candidate.unit_id };
        const cause: BatchCause = {
          latest: { eventId: mark.latest_event_id, correlationId: mark.latest_correlation_id, occurredAt: mark.latest_occurred_at },
          batchKey: `dirty-${mark.generation}`,
        };
        await this.recomputeIn(unit, await this.openLokusCycles(unit, tx), cause, 'proposals-and-compliance', tx);
        await tx.query({
          name: 'findings-unmark-dirty',
          text: `DELETE FROM findings_dirty_units WHERE tenant_id = $1 AND unit_id = $2 AND generation = $3::bigint`,
          values: [unit.tenantId, unit.unitId, mark.generation],
        });
        return true;
      }
      return false;
    });
  }

  private cause(applied: readonly { envelope: EventEnvelope }[]): BatchCause {
    const latest = applied.reduce<EventEnvelope | undefined>(
      (last, { envelope }) => (!last || envelope.occurredAt > last.occurredAt ? envelope : last),
      undefined,
    );
    const batchKey = createHash('sha256')
      .update(
        applied
          .map(({ envelope }) => envelope.eventId)
          .sort()
          .join(','),
      )
      .digest('hex')
      .slice(0, 32);
    return { latest, batchKey };
  }

  /**
   * After units became lokus of a cycle: their proposals and compliance grade in that cycle. Their
   * source events may all have come before.
   */
  afterLokusAssigned(assigned: readonly { envelope: EventEnvelope; cycleId: string }[], tx: PoolClient): Promise<void> {
    return this.recomputeInCycles(assigned, this.cause(assigned), 'proposals-and-compliance', tx);
  }

  /**
   * After observations were recorded on units' compliance streams (read back from this service's own
   * topic): their compliance grade in that cycle. The command that recorded one regraded it already
   * (afterObservationRecorded); this finds the grade current, unless that process died in between.
   */
  afterObservations(observed: readonly { envelope: EventEnvelope; cycleId: string }[], tx: PoolClient): Promise<void> {
    return this.recomputeInCycles(observed, this.cause(observed), 'compliance', tx);
  }

  /**
   * Right after a command recorded an observation on the unit's compliance stream: its compliance
   * grade in that cycle, in a transaction of its own, caused by the latest observation recorded. Its
   * key is not a batch's, so the consumer that reads the observation back never meets it again.
   */
  async afterObservationRecorded(unit: UnitRef, cycleId: string): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      const stream = await this.store.readStream(complianceStream(unit.tenantId, cycleId, unit.unitId), tx);
      const latest = stream.filter(({ event }) => event.$case === 'complianceObservationRecorded').at(-1)?.envelope;
      if (!latest) return;
      await this.recomputeInCycles([{ envelope: latest, cycleId }], { latest, batchKey: `observation-${latest.eventId}` }, 'compliance', tx);
    });
  }

  /** In the cycles named, as read from the store (the read model may not show an assignment yet). */
  private async recomputeInCycles(
    about: readonly { envelope: UnitRef; cycleId: string }[],
    cause: BatchCause,
    findings: Findings,
    tx: PoolClient,
  ): Promise<void> {
    const keyOf = ({ envelope }: { envelope: UnitRef }): string => `${envelope.tenantId}/${envelope.unitId}`;
    const ordered = [...about].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    for (const item of ordered) {
      const unit = { tenantId: item.envelope.tenantId, unitId: item.envelope.unitId };
      await lockUnit(tx, keyOf(item));
      const streamId = cycleStream(unit.tenantId, item.cycleId);
      const cycle = foldStream(
        cycleDecider,
        streamId,
        (await this.store.readStream(streamId, tx)).map((stored) => stored.event),
      );
      if (cycle.status !== 'open' || !cycle.units[unit.unitId]) continue;
      const scope = {
        cycleId: item.cycleId,
        rulesetId: rulesetRefOf(cycle, unit.unitId).id,
        complianceRuleset: cycle.complianceRuleset,
        windowStart: cycle.windowStart,
        windowEnd: cycle.windowEnd,
      };
      await this.recomputeIn(unit, [scope], cause, findings, tx);
    }
  }

  /** The open cycles in which the unit is a lokus, as the cycle read model has them. */
  private async openLokusCycles({ tenantId, unitId }: UnitRef, tx: PoolClient): Promise<CycleScope[]> {
    const { rows } = await tx.query<{
      cycle_id: string;
      state: OpenCycle;
      compliance_ruleset_id: string;
      compliance_ruleset_version: number;
      window_start: string;
      window_end: string;
    }>(
      `SELECT cycle_id, state, compliance_ruleset_id, compliance_ruleset_version, window_start::text, window_end::text FROM cycles_v1
       WHERE tenant_id = $1 AND status = 'open' AND state -> 'units' ? $2 ORDER BY cycle_id`,
      [tenantId, unitId],
    );
    return rows.map((row) => ({
      cycleId: row.cycle_id,
      rulesetId: rulesetRefOf(row.state, unitId).id,
      complianceRuleset: { id: row.compliance_ruleset_id, version: row.compliance_ruleset_version },
      windowStart: row.window_start,
      windowEnd: row.window_end,
    }));
  }

  private async recomputeIn(unit: UnitRef, cycles: readonly CycleScope[], cause: BatchCause, findings: Findings, tx: PoolClient): Promise<void> {
    const { tenantId, unitId } = unit;
    for (const cycle of cycles) {
      const input = await this.figures.load({ tenantId, unitId, periodStart: cycle.windowStart, periodEnd: cycle.windowEnd }, tx);
      await this.compliance.inCycle(unit, cycle, input, cause, tx);
      const rules = PROPOSAL_RULESETS.find((candidate) => candidate.forRuleset === cycle.rulesetId);
      if (!rules || findings === 'compliance') continue;
      const set = proposeIndicators(rules, input);
      const { rows: stored } = await tx.query<StoredRow>(
        `SELECT indicator_code, level, rule_id, rule_source, rule_source_reason, provisional, provisional_source, figures, explanation, source_event_ids
         FROM indicator_proposals_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
        [tenantId, cycle.cycleId, unitId],
      );
      const diff = diffProposals(stored.map(compared), set.proposals);
      const changedAt = cause.latest?.occurredAt ?? new Date(0).toISOString();
      const proposalRules = `${rules.id}@${rules.version}`;
      for (const proposal of diff.rewritten) await this.write(tx, tenantId, cycle.cycleId, unitId, proposal, proposalRules, changedAt);
      if (diff.changed.length > 0) await this.announce(tx, { tenantId, unitId, cycleId: cycle.cycleId }, diff.changed, proposalRules, changedAt, cause);
    }
  }

  private async write(tx: PoolClient, tenantId: string, cycleId: string, unitId: string, proposal: Proposal, proposalRules: string, updatedAt: string) {
    await tx.query(
      `INSERT INTO indicator_proposals_v1 (tenant_id, cycle_id, unit_id, indicator_code, level, rule_id, rule_source, rule_source_reason, provisional,
         provisional_source, figures, explanation, source_event_ids, proposal_rules, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (tenant_id, cycle_id, unit_id, indicator_code) DO UPDATE SET level = excluded.level, rule_id = excluded.rule_id,
         rule_source = excluded.rule_source, rule_source_reason = excluded.rule_source_reason, provisional = excluded.provisional,
         provisional_source = excluded.provisional_source, figures = excluded.figures, explanation = excluded.explanation,
         source_event_ids = excluded.source_event_ids, proposal_rules = excluded.proposal_rules, updated_at = excluded.updated_at`,
      [
        tenantId,
        cycleId,
        unitId,
        proposal.indicatorCode,
        proposal.level,
        proposal.ruleId,
        proposal.ruleSource.kind,
        proposal.ruleSource.reason,
        proposal.provisional,
        proposal.provisionalSource,
        JSON.stringify(proposal.figures),
        proposal.explanation,
        proposal.sourceEventIds,
        proposalRules,
        updatedAt,
      ],
    );
  }

  private async announce(
    tx: PoolClient,
    { tenantId, unitId, cycleId }: UnitRef & { cycleId: string },
    changes: readonly ProposalChange[],
    proposalRules: string,
    changedAt: string,
    cause: BatchCause,
  ): Promise<void> {
    const streamId = proposalsStream(tenantId, cycleId, unitId);
    const { rows } = await tx.query<{ version: number }>(`SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`, [
      streamId,
    ]);
    const events: EvaluationEvent[] = changes.map(({ proposal, previousLevel }) => ({
      $case: 'indicatorProposalChanged',
      value: {
        cycleId,
        unitId,
        indicatorCode: proposal.indicatorCode,
        level: proposal.level,
        previousLevel: previousLevel ?? -1,
        ruleId: proposal.ruleId,
        ruleSource: proposal.ruleSource.kind,
        ruleSourceReason: proposal.ruleSource.reason,
        provisional: proposal.provisional,
        figuresJson: JSON.stringify(proposal.figures),
        explanation: proposal.explanation,
        sourceEventIds: proposal.sourceEventIds,
        proposalRules,
        changedAt,
      },
    }));
    const correlationId = cause.latest?.correlationId ?? cause.batchKey;
    await this.store.append(
      streamId,
      rows[0].version,
      events,
      {
        correlationId,
        causationId: cause.latest?.eventId ?? correlationId,
        idempotencyKey: `${streamId}/${cause.batchKey}`,
        tenantId,
        unitId,
        actor: ACTOR,
        occurredAt: changedAt,
      },
      tx,
    );
  }
}
