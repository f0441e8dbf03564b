import { Injectable } from '@nestjs/common';
import { type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { assertNever } from '@lib/event-sourcing';
import type { Delivery } from '@lib/messaging';
import type { RegisteredInboxConsumer } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';
import { RecomputeUnitFindings } from '../commands/recompute-unit-findings';
import { DomainError } from '../domain/error-codes';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { carriedDate, localDateOf, sourceUnit } from './proposal-sources';

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

  constructor(
    readonly pool: Pool,
    private readonly timeZones: TenantTimeZones,
    private readonly findings: RecomputeUnitFindings,
  ) {}

  async apply({ event, envelope }: Delivery<SurveyEvent>, tx: PoolClient): Promise<void> {
    const tenantId = envelope.tenantId;
    const recordedOn = () => localDateOf(this.timeZones, tenantId, envelope.occurredAt, 'occurredAt', tx);
    switch (event.$case) {
      case 'surveyOpened': {
        const { surveyId, periodStart, periodEnd, ruleset } = event.value;
        await this.upsertPeriod(tx, tenantId, surveyId, sourceUnit(envelope), await recordedOn(), {
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
        await this.upsertPeriod(tx, tenantId, surveyId, sourceUnit(envelope), await recordedOn(), {
          closed_on: await localDateOf(this.timeZones, tenantId, closedAt, 'closedAt', tx),
          closed_event_id: envelope.eventId,
          responses: result.respondents,
          ikm_converted: result.ikmConverted,
          population: result.population,
          population_source: result.populationSource,
          declared_population_source: result.declaredPopulationSource || null,
          population_declared_on: result.populationDeclaredAt
            ? await localDateOf(this.timeZones, tenantId, result.populationDeclaredAt, 'result.populationDeclaredAt', tx)
            : null,
        });
        return;
      }
      case 'skmResultPublished': {
        const { surveyId, media, publishedOn } = event.value;
        const publication = { media, publishedOn: carriedDate(publishedOn, 'publishedOn'), eventId: envelope.eventId };
        await this.addPublication(tx, tenantId, surveyId, sourceUnit(envelope), await recordedOn(), publication);
        return;
      }
      case 'followUpPlanned': {
        const { surveyId, itemId, dueDate } = event.value;
        await this.patchFollowUp(tx, tenantId, surveyId, sourceUnit(envelope), await recordedOn(), itemId, {
          dueDate: carriedDate(dueDate, 'dueDate'),
          plannedEventId: envelope.eventId,
        });
        return;
      }
      case 'followUpCompleted': {
        const { surveyId, itemId, completedOn } = event.value;
        await this.patchFollowUp(tx, tenantId, surveyId, sourceUnit(envelope), await recordedOn(), itemId, {
          completion: { completedOn: carriedDate(completedOn, 'completedOn'), eventId: envelope.eventId },
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

  afterApply(applied: Delivery<SurveyEvent>[], tx: PoolClient): Promise<void> {
    return this.findings.markDirty(applied, [], tx);
  }

  /** Creates the period's row when its first event arrives (a later one fills in the rest), and sets `columns`. */
  private async upsertPeriod(
    tx: PoolClient,
    tenantId: string,
    surveyId: string,
    unitId: string,
    recordedOn: string,
    columns: Record<string, unknown>,
  ): Promise<void> {
    const names = Object.keys(columns);
    await tx.query(
      `INSERT INTO proposal_skm_periods_v1 (tenant_id, survey_id, unit_id, recorded_on${names.map((n) => `, ${n}`).join('')})
       VALUES ($1, $2, $3, $4${names.map((_, k) => `, $${k + 5}`).join('')})
       ON CONFLICT (tenant_id, survey_id) DO UPDATE SET unit_id = excluded.unit_id,
         recorded_on = greatest(proposal_skm_periods_v1.recorded_on, excluded.recorded_on)${names.map((n) => `, ${n} = excluded.${n}`).join('')}`,
      [tenantId, surveyId, unitId, recordedOn, ...Object.values(columns)],
    );
  }

  private async addPublication(
    tx: PoolClient,
    tenantId: string,
    surveyId: string,
    unitId: string,
    recordedOn: string,
    publication: { media: string[]; publishedOn: string; eventId: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO proposal_skm_periods_v1 (tenant_id, survey_id, unit_id, recorded_on, publications)
       VALUES ($1, $2, $3, $4, jsonb_build_array($5::jsonb))
       ON CONFLICT (tenant_id, survey_id) DO UPDATE SET unit_id = excluded.unit_id,
         recorded_on = greatest(proposal_skm_periods_v1.recorded_on, excluded.recorded_on),
         publications = proposal_skm_periods_v1.publications || jsonb_build_array($5::jsonb)`,
      [tenantId, surveyId, unitId, recordedOn, JSON.stringify(publication)],
    );
  }

  private async patchFollowUp(
    tx: PoolClient,
    tenantId: string,
    surveyId: string,
    unitId: string,
    recordedOn: string,
    itemId: string,
    patch: Record<string, unknown>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO proposal_skm_periods_v1 (tenant_id, survey_id, unit_id, recorded_on, follow_ups)
       VALUES ($1, $2, $3, $4, jsonb_build_object($5::text, $6::jsonb))
       ON CONFLICT (tenant_id, survey_id) DO UPDATE SET unit_id = excluded.unit_id,
         recorded_on = greatest(proposal_skm_periods_v1.recorded_on, excluded.recorded_on),
         follow_ups = proposal_skm_periods_v1.follow_ups
           || jsonb_build_object($5::text, coalesce(proposal_skm_periods_v1.follow_ups -> $5::text, '{}'::jsonb) || $6::jsonb)`,
      [tenantId, surveyId, unitId, recordedOn, itemId, JSON.stringify(patch)],
    );
  }
}
