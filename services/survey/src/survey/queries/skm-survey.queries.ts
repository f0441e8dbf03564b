import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { surveyPb } from '@lib/contracts';
import { DomainError } from '../domain/error-codes';
import { type AnswerLevel, CURRENT_SKM_RULESET, findShippedSkmRuleset, type SkmPeriodKind } from '../domain';
import type { StoredFollowUp } from '../projections/skm-surveys.projection';
import { CompletedRequests } from './completed-requests';
import { currentResult, SkmSurveyReader } from './skm-survey.reader';

export interface SkmSurveyResultView {
  surveyId: string;
  status: 'open' | 'closed';
  periodStart: string;
  periodEnd: string;
  /** True once closed: the result is the one fixed at close. */
  final: boolean;
  /** Respondents who cited a completed request of the unit in the period (each request once). */
  verifiedRespondents: number;
  /** Respondents without a proof; the IKM counts them too (PermenPANRB 14/2017 has no such proof). */
  anonymousRespondents: number;
  publishedMedia: string[];
  followUps: Record<string, StoredFollowUp>;
  result: surveyPb.SkmResult;
  /** The version of the survey's stream this view reflects. */
  version: number;
}

/** A unit's SKM survey of one period: the result fixed at close, or the running one while open. */
export class GetSkmSurveyResultQuery extends Query<SkmSurveyResultView> {
  constructor(
    readonly tenantId: string,
    readonly ref: { unitId: string; periodKind: SkmPeriodKind; periodStart: string },
  ) {
    super();
  }
}

@QueryHandler(GetSkmSurveyResultQuery)
export class GetSkmSurveyResultHandler implements IQueryHandler<GetSkmSurveyResultQuery> {
  constructor(
    private readonly surveys: SkmSurveyReader,
    private readonly completedRequests: CompletedRequests,
  ) {}

  async execute({ tenantId, ref }: GetSkmSurveyResultQuery): Promise<SkmSurveyResultView> {
    const survey = await this.surveys.byRef(tenantId, ref.unitId, ref.periodKind, ref.periodStart);
    if (!survey) throw new DomainError('SURVEY.NOT_FOUND', `no survey of unit ${ref.unitId} for ${ref.periodKind} ${ref.periodStart}`);
    const completed = survey.result ? 0 : await this.completedRequests.countInPeriod(tenantId, ref.unitId, survey.periodStart, survey.periodEnd);
    return {
      surveyId: survey.surveyId,
      status: survey.status,
      periodStart: survey.periodStart,
      periodEnd: survey.periodEnd,
      final: survey.result !== null,
      verifiedRespondents: survey.verifiedRespondents,
      anonymousRespondents: survey.respondents - survey.verifiedRespondents,
      publishedMedia: survey.publishedMedia,
      followUps: survey.followUps,
      result: currentResult(survey, completed),
      version: survey.version,
    };
  }
}

export interface PublicSkmFormView {
  surveyId: string;
  unitId: string;
  periodStart: string;
  periodEnd: string;
  accepting: boolean;
  /** In regulation order, the unit's extra unsur last. */
  unsur: { code: string; name: string; extra: boolean }[];
  answerScale: readonly AnswerLevel[];
}

/** The SKM form a respondent opens from the survey's public link. */
export class GetPublicSkmFormQuery extends Query<PublicSkmFormView> {
  constructor(readonly publicLinkId: string) {
    super();
  }
}

@QueryHandler(GetPublicSkmFormQuery)
export class GetPublicSkmFormHandler implements IQueryHandler<GetPublicSkmFormQuery> {
  constructor(private readonly surveys: SkmSurveyReader) {}

  async execute({ publicLinkId }: GetPublicSkmFormQuery): Promise<PublicSkmFormView> {
    const survey = await this.surveys.byPublicLink(publicLinkId);
    if (!survey) throw new DomainError('SURVEY.NOT_FOUND', `no survey ${publicLinkId}`);
    const ruleset = findShippedSkmRuleset(survey.ruleset) ?? CURRENT_SKM_RULESET;
    return {
      surveyId: survey.surveyId,
      unitId: survey.unitId,
      periodStart: survey.periodStart,
      periodEnd: survey.periodEnd,
      accepting: survey.status === 'open',
      unsur: survey.unsur.map((u) => ({ code: u.code, name: u.name, extra: u.extra })),
      answerScale: ruleset.answerScale.levels,
    };
  }
}
