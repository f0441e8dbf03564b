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
 * Recomputes the findings of the units a batch of source events touched (their proposals and their
 * Ombudsman compliance grade), for every open cycle in which the unit is a lokus, inside the batch's
 * transaction: the rows of indicator_proposals_v1 that differ are rewritten, and each indicator whose
 * level or figures changed is one IndicatorProposalChanged on the unit's proposals stream; the
 * compliance grade likewise (RegradeCompliance). The inbox already makes a redelivered batch a no-op;
 * the appends' idempotency key (the batch's event ids) says so once more in the store. Both
 * proposal-figures consumers (request and survey topics), the lokus consumer and a recorded
 * observation recompute the same units, so their transactions lock each unit before writing anything
 * (locksFor): the second waits, then reads what the first committed, never computes from figures
 * that miss the other's events, and appends after it.
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
   * Recomputes the units of `applied`, and `alsoUnits` (a complaint's unit before it was reassigned),
   * whose lock is taken only now: a rare late lock, at worst a ConcurrencyError the runner retries.
   */
  async afterSourceEvents(applied: readonly { envelope: EventEnvelope }[], alsoUnits: readonly UnitRef[], tx: PoolClient): Promise<void> {
    const units = unitsOf([...applied, ...alsoUnits.map((unit) => ({ envelope: unit }))]);
    const ordered = [...units.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key] of ordered) await lockUnit(tx, key);
    const cause = this.cause(applied);
    for (const [, unit] of ordered) await this.recomputeIn(unit, await this.openLokusCycles(unit, tx), cause, 'proposals-and-compliance', tx);
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
