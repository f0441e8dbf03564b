import { Injectable } from '@nestjs/common';
import { type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { assertNever } from '@lib/event-sourcing';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { localDateAt } from '@lib/kernel';
import { Pool, type PoolClient } from 'pg';
import { RecomputeUnitFindings } from '../commands/recompute-unit-findings';
import { DomainError } from '../domain/error-codes';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { carriedDate, localDateOf, sourceUnit } from './proposal-sources';
import { type FigureTable, FigureRows } from './figure-rows';

/**
 * Keeps the survey context's part of the proposal figures: each SKM period of a unit with its closed
 * result (respondents, IKM, the population the survey service used and where it came from), its
 * publications and its follow-up items, with the ids of the events behind them. Each batch's transaction
 * marks the units it touched for FindingsRecomputeWorker, which recomputes their proposals and
 * compliance grades after it commits. F-03 is not a proposal
 * (F03ClosedConsumer records it on the cycle).
 */
@Injectable()
export class SurveyProposalFiguresConsumer implements RegisteredInboxConsumer<SurveyEvent> {
  readonly groupId = 'evaluation.proposal-figures-survey';
  readonly topic = topics.survey;
  readonly codec = surveyCodec;
  /**
   * What a transaction's messages change, folded in apply and written in afterApply, set-based: the
   * tenants' UTC offsets (read once in beforeApply) and the SKM period rows. Started afresh by every
   * transaction's beforeApply, so what a rolled-back one held is never written.
   */
  private readonly pending = new WeakMap<PoolClient, { offsets: Map<string, number>; periods: FigureRows }>();

  constructor(
    readonly pool: Pool,
    private readonly timeZones: TenantTimeZones,
    private readonly findings: RecomputeUnitFindings,
  ) {}

  async beforeApply(toApply: Delivery<SurveyEvent>[], tx: PoolClient): Promise<void> {
    const offsets = await this.timeZones.offsetsOf([...new Set(toApply.map(({ envelope }) => envelope.tenantId))], tx);
    this.pending.set(tx, { offsets, periods: new FigureRows(SKM_PERIODS) });
  }

  /** Folds the event's change of its SKM period into the transaction's pending rows. */
  async apply({ event, envelope }: Delivery<SurveyEvent>, tx: PoolClient): Promise<void> {
    const tenantId = envelope.tenantId;
    const { periods, offsets } = this.pendingOf(tx);
    const timeZones: Pick<TenantTimeZones, 'localDate'> = {
      localDate: async (tenant, instant, db) => {
        const offset = offsets.get(tenant);
        return offset === undefined ? this.timeZones.localDate(tenant, instant, db) : localDateAt(instant.getTime(), offset);
      },
    };
    const recordedOn = () => localDateOf(timeZones, tenantId, envelope.occurredAt, 'occurredAt', tx);
    const change = async (surveyId: string, columns: Record<string, unknown>) =>
      periods.change({ tenant_id: tenantId, survey_id: surveyId, unit_id: sourceUnit(envelope), recorded_on: await recordedOn(), ...columns });
    switch (event.$case) {
      case 'surveyOpened': {
        const { surveyId, periodStart, periodEnd, ruleset } = event.value;
        await change(surveyId, {
          period_start: carriedDate(periodStart, 'periodStart'),
          period_end: carriedDate(periodEnd, 'periodEnd'),
          ruleset,
          opened_event_id: envelope.eventId,
        });
        return;
      }
      case 'skmPeriodClosed': {
        const { surveyId, result, closedAt } = event.value;
        if (!result) throw new DomainError('PROPOSAL.UNMAPPABLE_EVENT', `SkmPeriodClosed of survey ${surveyId} carries no result`, { field: 'result' });
        await change(surveyId, {
          closed_on: await localDateOf(timeZones, tenantId, closedAt, 'closedAt', tx),
          closed_event_id: envelope.eventId,
          responses: result.respondents,
          ikm_converted: result.ikmConverted,
          population: result.population,
          population_source: result.populationSource,
          declared_population_source: result.declaredPopulationSource || null,
          population_declared_on: result.populationDeclaredAt
            ? await localDateOf(timeZones, tenantId, result.populationDeclaredAt, 'result.populationDeclaredAt', tx)
            : null,
        });
        return;
      }
      case 'skmResultPublished': {
        const { surveyId, media, publishedOn } = event.value;
        const publication = { media, publishedOn: carriedDate(publishedOn, 'publishedOn'), eventId: envelope.eventId };
        await change(surveyId, { publications: [publication] });
        return;
      }
      case 'followUpPlanned': {
        const { surveyId, itemId, dueDate } = event.value;
        await change(surveyId, { follow_ups: { [itemId]: { dueDate: carriedDate(dueDate, 'dueDate'), plannedEventId: envelope.eventId } } });
        return;
      }
      case 'followUpCompleted': {
        const { surveyId, itemId, completedOn } = event.value;
        await change(surveyId, {
          follow_ups: { [itemId]: { completion: { completedOn: carriedDate(completedOn, 'completedOn'), eventId: envelope.eventId } } },
        });
        return;
      }
      case 'skmResponseRecorded': // the closed result counts the respondents
      case 'skmPopulationDeclared': // the closed result names the population it used
      case 'f03CollectionOpened':
      case 'f03ResponseRecorded':
      case 'f03Closed':
        return;
      default:
        return assertNever(event);
    }
  }

  /** Writes the transaction's SKM period rows, a few statements, and marks the units they touched. */
  async afterApply(applied: Delivery<SurveyEvent>[], tx: PoolClient): Promise<void> {
    const { periods } = this.pendingOf(tx);
    this.pending.delete(tx);
    await periods.write(tx);
    await this.findings.markDirty(applied, [], tx);
  }

  private pendingOf(tx: PoolClient): { offsets: Map<string, number>; periods: FigureRows } {
    let pending = this.pending.get(tx);
    if (!pending) {
      pending = { offsets: new Map(), periods: new FigureRows(SKM_PERIODS) };
      this.pending.set(tx, pending);
    }
    return pending;
  }
}

const SKM_PERIODS: FigureTable = {
  name: 'proposal_skm_periods_v1',
  key: ['tenant_id', 'survey_id'],
  conflict: 'merge',
  columns: {
    tenant_id: { type: 'text', merge: 'set' },
    survey_id: { type: 'text', merge: 'set' },
    unit_id: { type: 'text', merge: 'set' },
    recorded_on: { type: 'date', merge: 'latest' },
    period_start: { type: 'date', merge: 'set' },
    period_end: { type: 'date', merge: 'set' },
    ruleset: { type: 'text', merge: 'set' },
    opened_event_id: { type: 'text', merge: 'set' },
    closed_on: { type: 'date', merge: 'set' },
    closed_event_id: { type: 'text', merge: 'set' },
    responses: { type: 'int', merge: 'set' },
    ikm_converted: { type: 'double precision', merge: 'set' },
    population: { type: 'int', merge: 'set' },
    population_source: { type: 'text', merge: 'set' },
    declared_population_source: { type: 'text', merge: 'set' },
    population_declared_on: { type: 'date', merge: 'set' },
    publications: { type: 'jsonb', merge: 'append' },
    follow_ups: { type: 'jsonb', merge: 'merge-items' },
  },
};
