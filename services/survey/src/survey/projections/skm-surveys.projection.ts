import { Injectable } from '@nestjs/common';
import type { SurveyEvent } from '@lib/contracts';
import { assertNever, type Projection, type StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import { surveyDecider } from '../domain';

/** An unsur as the read side keeps it: the weight stays an exact fraction. */
export interface StoredUnsur {
  code: string;
  name: string;
  extra: boolean;
  weightNumerator: number;
  weightDenominator: number;
}

/** A follow-up action (rencana tindak lanjut) as the read side keeps it, under its item id. */
export interface StoredFollowUp {
  unsurCode: string;
  action: string;
  dueDate: string;
  completedOn: string | null;
  evidence: string | null;
}

/**
 * SKM surveys per unit and period, with their respondent count and per-unsur answer totals, so a
 * result is read without folding every response. Each row carries the stream version it reflects,
 * and an event at or below it changes nothing, so replaying events twice leaves the same rows.
 */
@Injectable()
export class SkmSurveysProjection implements Projection<SurveyEvent> {
  readonly name = 'skm-surveys';
  readonly tables = ['skm_surveys_v1', 'skm_unsur_totals_v1', 'f03_collections_v1'];

  async apply(events: StoredEvent<SurveyEvent>[], tx: PoolClient): Promise<void> {
    for (const stored of events) await this.applyOne(stored, tx);
  }

  private async applyOne({ event, envelope }: StoredEvent<SurveyEvent>, tx: PoolClient): Promise<void> {
    const version = envelope.streamVersion;
    // Moves the survey row to this version; false when the row already reflects the event.
    const advance = async (surveyId: string, set = '', values: unknown[] = []): Promise<boolean> => {
      const result = await tx.query(`UPDATE skm_surveys_v1 SET version = $2${set ? `, ${set}` : ''} WHERE survey_id = $1 AND version < $2`, [
        surveyId,
        version,
        ...values,
      ]);
      return (result.rowCount ?? 0) > 0;
    };
    const advanceF03 = async (set: string, values: unknown[] = []): Promise<boolean> => {
      const result = await tx.query(`UPDATE f03_collections_v1 SET version = $2, ${set} WHERE stream_id = $1 AND version < $2`, [
        envelope.streamId,
        version,
        ...values,
      ]);
      return (result.rowCount ?? 0) > 0;
    };

    switch (event.$case) {
      case 'surveyOpened': {
        const opened = event.value;
        const state = surveyDecider.evolve(surveyDecider.initialState(), event);
        if (state.status === 'none') return;
        const unsur: StoredUnsur[] = state.unsur.map((u) => ({
          code: u.code,
          name: u.name,
          extra: u.extra,
          weightNumerator: Number(u.weight.num),
          weightDenominator: Number(u.weight.den),
        }));
        await tx.query(
          `INSERT INTO skm_surveys_v1 (survey_id, stream_id, tenant_id, unit_id, period_kind, period_start, period_end, ruleset, unsur,
             declared_population, declared_population_source, population_declared_at, status, opened_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14)
           ON CONFLICT (survey_id) DO NOTHING`,
          [
            opened.surveyId,
            envelope.streamId,
            opened.tenantId,
            opened.unitId,
            state.periodKind,
            opened.periodStart,
            opened.periodEnd,
            opened.ruleset,
            JSON.stringify(unsur),
            state.declaredPopulation?.population ?? null,
            state.declaredPopulation?.source ?? null,
            state.declaredPopulation?.declaredAt ?? null,
            opened.openedAt,
            version,
          ],
        );
        return;
      }
      case 'skmResponseRecorded': {
        const { surveyId, answers, verifiedUser } = event.value;
        if (!(await advance(surveyId, `respondents = respondents + 1, verified_respondents = verified_respondents + $3`, [verifiedUser ? 1 : 0]))) return;
        for (const { code, value } of answers) {
          await tx.query(
            `INSERT INTO skm_unsur_totals_v1 (survey_id, code, answer_total) VALUES ($1, $2, $3)
             ON CONFLICT (survey_id, code) DO UPDATE SET answer_total = skm_unsur_totals_v1.answer_total + EXCLUDED.answer_total`,
            [surveyId, code, value],
          );
        }
        return;
      }
      case 'skmPopulationDeclared': {
        const { surveyId, population, source, declaredAt } = event.value;
        await advance(surveyId, `declared_population = $3, declared_population_source = $4, population_declared_at = $5`, [population, source, declaredAt]);
        return;
      }
      case 'skmPeriodClosed':
        await advance(event.value.surveyId, `status = 'closed', result = $3, closed_at = $4`, [
          JSON.stringify(event.value.result ?? null),
          event.value.closedAt,
        ]);
        return;
      case 'skmResultPublished':
        await advance(event.value.surveyId, `published_media = published_media || $3::jsonb`, [JSON.stringify(event.value.media)]);
        return;
      case 'followUpPlanned': {
        const { surveyId, itemId, unsurCode, action, dueDate } = event.value;
        await advance(surveyId, `follow_ups = jsonb_set(follow_ups, ARRAY[$3::text], $4::jsonb)`, [
          itemId,
          JSON.stringify({ unsurCode, action, dueDate, completedOn: null, evidence: null } satisfies StoredFollowUp),
        ]);
        return;
      }
      case 'followUpCompleted': {
        const { surveyId, itemId, completedOn, evidence } = event.value;
        await advance(
          surveyId,
          `follow_ups = CASE WHEN follow_ups ? $3 THEN jsonb_set(follow_ups, ARRAY[$3::text], follow_ups -> $3 || $4::jsonb) ELSE follow_ups END`,
          [itemId, JSON.stringify({ completedOn, evidence })],
        );
        return;
      }
      case 'f03CollectionOpened': {
        const opened = event.value;
        await tx.query(
          `INSERT INTO f03_collections_v1 (stream_id, cycle_id, unit_id, tenant_id, status, minimum_quota, maximum_quota, ruleset, version)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8) ON CONFLICT (stream_id) DO NOTHING`,
          [envelope.streamId, opened.cycleId, opened.unitId, opened.tenantId, opened.minimumQuota, opened.maximumQuota, opened.ruleset, version],
        );
        return;
      }
      case 'f03ResponseRecorded': {
        const total = event.value.items.reduce((acc, i) => acc + i.score, 0);
        await advanceF03(`respondents = respondents + 1, item_score_total = item_score_total + $3`, [total]);
        return;
      }
      case 'f03Closed':
        await advanceF03(`status = 'closed', score = $3, quota_met = $4`, [event.value.score, event.value.quotaMet]);
        return;
      default:
        return assertNever(event);
    }
  }
}
