import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { PopulationDeclaration, SkmPeriodKind } from '../domain';
import { storedDeclaration, storedResult } from './skm-survey.reader';

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
  /** The latest declaration of the population; null: none, the completed requests of the period count. */
  declaredPopulation: PopulationDeclaration | null;
  /** The result fixed at close, with the sample it was judged on; null while open (GET …/result gives the running one). */
  final: {
    ikmConverted: number;
    band: string;
    bandLabel: string;
    weakestUnsur: string;
    population: number;
    populationSource: string;
    declaredPopulationSource: string;
    requiredSample: number;
    sampleAdequate: boolean;
  } | null;
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
      `SELECT survey_id, unit_id, period_kind, period_start::text, period_end::text, status, respondents, verified_respondents, result, opened_at, closed_at, version,
              declared_population, declared_population_source, population_declared_at
       FROM skm_surveys_v1 WHERE tenant_id = $1 AND unit_id = $2 ORDER BY period_start DESC, period_kind`,
      [tenantId, unitId],
    );
    return rows.map((row) => {
      const result = storedResult(row.result);
      const iso = (value: unknown): string => new Date(value as string).toISOString();
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
        declaredPopulation: storedDeclaration(row),
        final: result && {
          ikmConverted: result.ikmConverted,
          band: result.band,
          bandLabel: result.bandLabel,
          weakestUnsur: result.weakestUnsur,
          population: result.population,
          populationSource: result.populationSource,
          declaredPopulationSource: result.declaredPopulationSource,
          requiredSample: result.requiredSample,
          sampleAdequate: result.sampleAdequate,
        },
        openedAt: iso(row.opened_at),
        closedAt: row.closed_at ? iso(row.closed_at) : null,
        version: row.version,
      };
    });
  }
}
