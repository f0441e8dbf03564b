import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { surveyPb } from '@lib/contracts';
import { Pool } from 'pg';
import type { SkmPeriodKind } from '../domain';

export interface UnitSkmSurvey {
  surveyId: string;
  /** The id in the survey's public form URL and QR code. */
  publicLinkId: string;
  unitId: string;
  periodKind: SkmPeriodKind;
  periodStart: string;
  periodEnd: string;
  status: 'open' | 'closed';
  respondents: number;
  /** Respondents who cited a completed request of the unit; the rest are anonymous. */
  verifiedRespondents: number;
  anonymousRespondents: number;
  /** The result fixed at close; null while open (GET …/result gives the running one). */
  final: { ikmConverted: number; band: string; bandLabel: string; weakestUnsur: string } | null;
  openedAt: string;
  closedAt: string | null;
  /** The version of the survey's stream this row reflects. */
  version: number;
}

/** A unit's SKM surveys, newest period first, from the survey projection. */
export class ListUnitSkmSurveysQuery extends Query<UnitSkmSurvey[]> {
  constructor(
    readonly tenantId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@QueryHandler(ListUnitSkmSurveysQuery)
export class ListUnitSkmSurveysHandler implements IQueryHandler<ListUnitSkmSurveysQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, unitId }: ListUnitSkmSurveysQuery): Promise<UnitSkmSurvey[]> {
    const { rows } = await this.pool.query(
      `SELECT survey_id, unit_id, period_kind, period_start::text, period_end::text, status, respondents, verified_respondents, result, opened_at, closed_at, version
       FROM skm_surveys_v1 WHERE tenant_id = $1 AND unit_id = $2 ORDER BY period_start DESC, period_kind`,
      [tenantId, unitId],
    );
    return rows.map((row) => {
      const result = row.result as surveyPb.SkmResult | null;
      return {
        surveyId: row.survey_id,
        publicLinkId: row.survey_id,
        unitId: row.unit_id,
        periodKind: row.period_kind,
        periodStart: row.period_start,
        periodEnd: row.period_end,
        status: row.status,
        respondents: row.respondents,
        verifiedRespondents: row.verified_respondents,
        anonymousRespondents: row.respondents - row.verified_respondents,
        final: result ? { ikmConverted: result.ikmConverted, band: result.band, bandLabel: result.bandLabel, weakestUnsur: result.weakestUnsur } : null,
        openedAt: new Date(row.opened_at).toISOString(),
        closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
        version: row.version,
      };
    });
  }
}
