import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, RequirePermission, type CommandReply, Caller } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { CloseSkmPeriodCommand } from '../commands/close-skm-period.handler';
import { OpenSkmSurveyCommand, type OpenedSurvey } from '../commands/open-skm-survey.handler';
import { CompleteFollowUpCommand, PlanFollowUpCommand, PublishSkmResultCommand } from '../commands/skm-result.handlers';
import { CompletedRequests } from '../queries/completed-requests';
import { currentResult, SkmSurveyReader } from '../queries/skm-survey.reader';
import {
  CompleteFollowUpRequest,
  FollowUpPath,
  OpenSkmSurveyRequest,
  PlanFollowUpRequest,
  PublishSkmResultRequest,
  SkmSurveyPath,
} from './skm-survey.requests';

/** Documents the optional key staff commands accept. */
export const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key changes nothing' };

@ApiTags('SKM surveys')
@ApiHeader(IDEMPOTENCY_HEADER)
@RequirePermission('survey:admin', { unitParam: 'unitId' })
@Controller('units/:unitId/skm-surveys/:periodKind/:periodStart')
export class SkmSurveysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly surveys: SkmSurveyReader,
    private readonly completedRequests: CompletedRequests,
  ) {}

  @Post()
  @ApiOperation({ summary: "Open the unit's SKM survey for a period (PermenPANRB 14/2017), optionally with extra unsur" })
  open(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: OpenSkmSurveyRequest): Promise<OpenedSurvey> {
    const unsurSet = { extraUnsur: body.extraUnsur, regulationWeights: body.regulationWeights };
    return this.commands.execute(new OpenSkmSurveyCommand(meta, ref, body.periodEnd, unsurSet, body.declaredPopulation, body.ruleset));
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the period and fix the result; population = declared, else requests completed in the period' })
  close(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath): Promise<CommandReply> {
    return this.commands.execute(new CloseSkmPeriodCommand(meta, ref));
  }

  @Get('result')
  @RequirePermission('survey:read', { unitParam: 'unitId' })
  @ApiQuery({ name: 'tenantId', required: false, description: "The tenant to read, the caller's own when absent; only a national auditor may name another" })
  @ApiOperation({ summary: 'NRR per unsur, IKM, converted (×25), band, weakest unsur, required sample and adequacy; running while open' })
  async result(@CurrentActor() actor: Actor, @Param() ref: SkmSurveyPath): Promise<object> {
    const survey = await this.surveys.byRef(actor.tenantId, ref.unitId, ref.periodKind, ref.periodStart);
    if (!survey) throw new DomainError('SURVEY.NOT_FOUND', `no survey of unit ${ref.unitId} for ${ref.periodKind} ${ref.periodStart}`);
    const completed = survey.result ? 0 : await this.completedRequests.countInPeriod(actor.tenantId, ref.unitId, survey.periodStart, survey.periodEnd);
    return {
      surveyId: survey.surveyId,
      status: survey.status,
      periodStart: survey.periodStart,
      periodEnd: survey.periodEnd,
      final: survey.result !== null,
      verifiedRespondents: survey.verifiedRespondents,
      publishedMedia: survey.publishedMedia,
      followUps: survey.followUps,
      result: currentResult(survey, completed),
    };
  }

  @Post('publication')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record where the closed result was published' })
  publish(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: PublishSkmResultRequest): Promise<CommandReply> {
    return this.commands.execute(new PublishSkmResultCommand(meta, ref, body.media, body.publishedOn));
  }

  @Post('follow-ups')
  @ApiOperation({ summary: 'Plan a follow-up action (rencana tindak lanjut) on an unsur' })
  planFollowUp(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: PlanFollowUpRequest): Promise<CommandReply> {
    return this.commands.execute(new PlanFollowUpCommand(meta, ref, body.itemId, body.unsurCode, body.action, body.dueDate));
  }

  @Post('follow-ups/:itemId/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a follow-up action with its evidence' })
  completeFollowUp(@Caller() { meta }: Caller, @Param() { itemId, ...ref }: FollowUpPath, @Body() body: CompleteFollowUpRequest): Promise<CommandReply> {
    return this.commands.execute(new CompleteFollowUpCommand(meta, ref, itemId, body.completedOn, body.evidence));
  }
}
