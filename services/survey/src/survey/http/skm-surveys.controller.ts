import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { CloseSkmPeriodCommand } from '../commands/close-skm-period.handler';
import { OpenSkmSurveyCommand } from '../commands/open-skm-survey.handler';
import { CompleteFollowUpCommand, PlanFollowUpCommand, PublishSkmResultCommand } from '../commands/skm-result.handlers';
import { GetSkmSurveyResultQuery } from '../queries/skm-survey.queries';
import { IdempotencyKey } from './actor';
import { AppendResultResponse } from './append-result.response';
import { OpenedSurveyResponse, SkmSurveyResultResponse } from './skm-survey.response';
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
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: "Open the unit's SKM survey for a period (PermenPANRB 14/2017), optionally with extra unsur" })
  @ApiCreatedResponse({ type: OpenedSurveyResponse })
  open(
    @CurrentActor() actor: Actor,
    @Param() ref: SkmSurveyPath,
    @Body() body: OpenSkmSurveyRequest,
    @IdempotencyKey() key?: string,
  ): Promise<OpenedSurveyResponse> {
    const unsurSet = { extraUnsur: body.extraUnsur, regulationWeights: body.regulationWeights };
    return this.commands.execute(new OpenSkmSurveyCommand(actor, ref, body.periodEnd, unsurSet, body.declaredPopulation, body.ruleset, key));
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the period and fix the result; population = declared, else requests completed in the period' })
  @ApiOkResponse({ type: AppendResultResponse })
  close(@CurrentActor() actor: Actor, @Param() ref: SkmSurveyPath, @IdempotencyKey() key?: string): Promise<AppendResultResponse> {
    return this.commands.execute(new CloseSkmPeriodCommand(actor, ref, key));
  }

  @Get('result')
  @RequirePermission('survey:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'NRR per unsur, IKM, converted (×25), band, weakest unsur, required sample and adequacy; running while open' })
  @ApiOkResponse({ type: SkmSurveyResultResponse })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  result(@CurrentActor() actor: Actor, @Param() ref: SkmSurveyPath, @Query() _tenant: TenantQuery): Promise<SkmSurveyResultResponse> {
    return this.queries.execute(new GetSkmSurveyResultQuery(actor.tenantId, ref));
  }

  @Post('publication')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record where the closed result was published' })
  @ApiOkResponse({ type: AppendResultResponse })
  publish(
    @CurrentActor() actor: Actor,
    @Param() ref: SkmSurveyPath,
    @Body() body: PublishSkmResultRequest,
    @IdempotencyKey() key?: string,
  ): Promise<AppendResultResponse> {
    return this.commands.execute(new PublishSkmResultCommand(actor, ref, body.media, body.publishedOn, key));
  }

  @Post('follow-ups')
  @ApiOperation({ summary: 'Plan a follow-up action (rencana tindak lanjut) on an unsur' })
  @ApiCreatedResponse({ type: AppendResultResponse })
  planFollowUp(
    @CurrentActor() actor: Actor,
    @Param() ref: SkmSurveyPath,
    @Body() body: PlanFollowUpRequest,
    @IdempotencyKey() key?: string,
  ): Promise<AppendResultResponse> {
    return this.commands.execute(new PlanFollowUpCommand(actor, ref, body.itemId, body.unsurCode, body.action, body.dueDate, key));
  }

  @Post('follow-ups/:itemId/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a follow-up action with its evidence' })
  @ApiOkResponse({ type: AppendResultResponse })
  completeFollowUp(
    @CurrentActor() actor: Actor,
    @Param() { itemId, ...ref }: FollowUpPath,
    @Body() body: CompleteFollowUpRequest,
    @IdempotencyKey() key?: string,
  ): Promise<AppendResultResponse> {
    return this.commands.execute(new CompleteFollowUpCommand(actor, ref, itemId, body.completedOn, body.evidence, key));
  }
}
