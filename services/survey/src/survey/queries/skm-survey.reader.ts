import { Injectable } from '@nestjs/common';
import { surveyPb } from '@lib/contracts';
import { Pool } from 'pg';
import { fraction } from '@lib/kernel';
import { findShippedSkmRuleset, type PopulationDeclaration, type SkmPeriodKind, skmResult, type SkmTally } from '../domain';
import type { StoredFollowUp, StoredUnsur } from '../projections/skm-surveys.projection';

export interface SkmSurveyRow {
  surveyId: string;
  streamId: string;
  tenantId: string;
  unitId: string;
  periodKind: SkmPeriodKind;
  periodStart: string;
  periodEnd: string;
  ruleset: string;
  unsur: StoredUnsur[];
  /** The latest declaration of the period's population; the one the result used once closed. */
  declaredPopulation: PopulationDeclaration | null;
  status: 'open' | 'closed';
  respondents: number;
  verifiedRespondents: number;
  tally: SkmTally;
  result: surveyPb.SkmResult | null;
  publishedMedia: string[];
  followUps: Record<string, StoredFollowUp>;
  openedAt: string;
  closedAt: string | null;
  /** The version of the survey's stream this row reflects. */
  version: number;
}

const SELECT = `
  SELECT s.survey_id, s.stream_id, s.tenant_id, s.unit_id, s.period_kind, s.period_start::text, s.period_end::text, s.ruleset, s.unsur,
         s.declared_population, s.declared_population_source, s.population_declared_at, s.status, s.respondents, s.verified_respondents, s.result, s.published_media, s.follow_ups,
         s.opened_at, s.closed_at, s.version,
         coalesce((SELECT jsonb_object_agg(t.code, t.answer_total) FROM skm_unsur_totals_v1 t WHERE t.survey_id = s.survey_id), '{}') AS totals
  FROM skm_surveys_v1 s`;

/** Reads skm_surveys_v1 (the survey projection) for the queries and the commands that check a survey first. */
@Injectable()
export class SkmSurveyReader {
  constructor(private readonly pool: Pool) {}

  async byPublicLink(publicLinkId: string): Promise<SkmSurveyRow | undefined> {
    const { rows } = await this.pool.query(`${SELECT} WHERE s.survey_id = $1`, [publicLinkId]);
    return rows[0] && toRow(rows[0]);
  }

  async byRef(tenantId: string, unitId: string, periodKind: SkmPeriodKind, periodStart: string): Promise<SkmSurveyRow | undefined> {
    const { rows } = await this.pool.query(`${SELECT} WHERE s.tenant_id = $1 AND s.unit_id = $2 AND s.period_kind = $3 AND s.period_start = $4::date`, [
      tenantId,
      unitId,
      periodKind,
      periodStart,
    ]);
    return rows[0] && toRow(rows[0]);
  }
}

/**
 * The result of a survey: the one fixed at close, or for an open survey the running result of the
 * responses so far (population: the latest declaration, else `completedSoFar`).
 */
export function currentResult(survey: SkmSurveyRow, completedSoFar: number): surveyPb.SkmResult {
  if (survey.result) return survey.result;
  const ruleset = findShippedSkmRuleset(survey.ruleset);
  if (!ruleset) throw new Error(`survey ${survey.surveyId} names unknown ruleset ${survey.ruleset}`);
  const unsur = survey.unsur.map((u) => ({ code: u.code, name: u.name, extra: u.extra, weight: fraction(u.weightNumerator, u.weightDenominator) }));
  return skmResult(ruleset, unsur, survey.tally, { declared: survey.declaredPopulation, completedRequests: completedSoFar });
}

/** The latest population declaration of a skm_surveys_v1 row; one given at opening before declarations were events has no source and its opening as time. */
export function storedDeclaration(row: Record<string, unknown>): PopulationDeclaration | null {
  if (row.declared_population === null) return null;
  return {
    population: row.declared_population as number,
    source: (row.declared_population_source as string | null) ?? '',
    declaredAt: new Date((row.population_declared_at ?? row.opened_at) as string).toISOString(),
  };
}

/** A stored result, with the fields results closed before them lack set to their defaults, as the event's decoding does. */
export const storedResult = (value: unknown): surveyPb.SkmResult | null => (value ? surveyPb.SkmResult.fromJSON(value) : null);

function toRow(row: Record<string, unknown>): SkmSurveyRow {
  const iso = (value: unknown): string | null => (value ? new Date(value as string).toISOString() : null);
  return {
    surveyId: row.survey_id as string,
    streamId: row.stream_id as string,
    tenantId: row.tenant_id as string,
    unitId: row.unit_id as string,
    periodKind: row.period_kind as SkmPeriodKind,
    periodStart: row.period_start as string,
    periodEnd: row.period_end as string,
    ruleset: row.ruleset as string,
    unsur: row.unsur as StoredUnsur[],
    declaredPopulation: storedDeclaration(row),
    status: row.status as 'open' | 'closed',
    respondents: row.respondents as number,
    verifiedRespondents: row.verified_respondents as number,
    tally: { respondents: row.respondents as number, totals: row.totals as Record<string, number> },
    result: storedResult(row.result),
    publishedMedia: row.published_media as string[],
    followUps: row.follow_ups as Record<string, StoredFollowUp>,
    openedAt: iso(row.opened_at) as string,
    closedAt: iso(row.closed_at),
    version: row.version as number,
  };
}
