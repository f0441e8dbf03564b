import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { CloseSkmPeriodCommand } from '../commands/close-skm-period.command';
import { DeclareSkmPopulationCommand } from '../commands/declare-skm-population.command';
import { OpenSkmSurveyCommand } from '../commands/open-skm-survey.command';
import { CompleteFollowUpCommand } from '../commands/complete-follow-up.command';
import { PlanFollowUpCommand } from '../commands/plan-follow-up.command';
import { PublishSkmResultCommand } from '../commands/publish-skm-result.command';
import { GetSkmSurveyResultQuery } from '../queries/skm-survey.queries';
import { GetSkmSubmissionsQuery } from '../queries/submissions.queries';
import { OpenedSurveyResponse, SkmSurveyResultResponse } from './skm-survey.response';
import { SubmissionsReviewResponse } from './submissions.response';
import {
  CompleteFollowUpRequest,
  DeclareSkmPopulationRequest,
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
  open(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: OpenSkmSurveyRequest): Promise<OpenedSurveyResponse> {
    const unsurSet = { extraUnsur: body.extraUnsur, regulationWeights: body.regulationWeights };
    const declared = body.declaredPopulation === undefined ? undefined : { population: body.declaredPopulation, source: body.declaredPopulationSource ?? '' };
    return this.commands.execute(new OpenSkmSurveyCommand(meta, ref, body.periodEnd, unsurSet, declared, body.ruleset));
  }

  @Put('population')
  @ApiOperation({
    summary: 'Declare or correct the population of the open period, with its source',
    description:
      'The latest declaration before closing is the population the result computes the required sample on (Krejcie–Morgan); ' +
      'without one, the requests of the unit completed in the period. The same declaration again changes nothing; after closing: 409 SURVEY.POPULATION_FIXED.',
  })
  @ApiOkResponse({ type: CommandReply })
  declarePopulation(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: DeclareSkmPopulationRequest): Promise<CommandReply> {
    return this.commands.execute(new DeclareSkmPopulationCommand(meta, ref, body.population, body.source));
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the period and fix the result; population = the latest declaration, else requests completed in the period' })
  @ApiOkResponse({ type: CommandReply })
  close(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath): Promise<CommandReply> {
    return this.commands.execute(new CloseSkmPeriodCommand(meta, ref));
  }

  @Get('result')
  @RequirePermission('survey:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'NRR per unsur, IKM, converted (×25), band, weakest unsur, required sample and adequacy; running while open' })
  @ApiOkResponse({ type: SkmSurveyResultResponse })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  result(@CurrentActor() actor: Actor, @Param() ref: SkmSurveyPath, @Query() _tenant: TenantQuery): Promise<SkmSurveyResultResponse> {
    return this.queries.execute(new GetSkmSurveyResultQuery(actor.tenantId, ref));
  }

  @Get('submissions')
  @RequirePermission('survey:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Responses per time window and per client, with bursts flagged: what to review before closing' })
  @ApiOkResponse({ type: SubmissionsReviewResponse })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  submissions(@CurrentActor() actor: Actor, @Param() ref: SkmSurveyPath, @Query() _tenant: TenantQuery): Promise<SubmissionsReviewResponse> {
    return this.queries.execute(new GetSkmSubmissionsQuery(actor.tenantId, ref));
  }

  @Post('publication')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record where the closed result was published' })
  @ApiOkResponse({ type: CommandReply })
  publish(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: PublishSkmResultRequest): Promise<CommandReply> {
    return this.commands.execute(new PublishSkmResultCommand(meta, ref, body.media, body.publishedOn));
  }

  @Post('follow-ups')
  @ApiOperation({ summary: 'Plan a follow-up action (rencana tindak lanjut) on an unsur' })
  @ApiCreatedResponse({ type: CommandReply })
  planFollowUp(@Caller() { meta }: Caller, @Param() ref: SkmSurveyPath, @Body() body: PlanFollowUpRequest): Promise<CommandReply> {
    return this.commands.execute(new PlanFollowUpCommand(meta, ref, body.itemId, body.unsurCode, body.action, body.dueDate));
  }

  @Post('follow-ups/:itemId/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a follow-up action with its evidence' })
  @ApiOkResponse({ type: CommandReply })
  completeFollowUp(@Caller() { meta }: Caller, @Param() { itemId, ...ref }: FollowUpPath, @Body() body: CompleteFollowUpRequest): Promise<CommandReply> {
    return this.commands.execute(new CompleteFollowUpCommand(meta, ref, itemId, body.completedOn, body.evidence));
  }
}
