import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AppendResult, DomainError } from '@lib/event-sourcing';
import { CloseSkmPeriodCommand } from '../commands/close-skm-period.handler';
import { OpenSkmSurveyCommand, type OpenedSurvey } from '../commands/open-skm-survey.handler';
import { CompleteFollowUpCommand, PlanFollowUpCommand, PublishSkmResultCommand } from '../commands/skm-result.handlers';
import { CompletedRequests } from '../queries/completed-requests';
import { currentResult, SkmSurveyReader } from '../queries/skm-survey.reader';
import { type Actor, IdempotencyKey, StaffActor } from './actor';
import {
  CompleteFollowUpRequest,
  FollowUpPath,
  OpenSkmSurveyRequest,
  PlanFollowUpRequest,
  PublishSkmResultRequest,
  SkmSurveyPath,
} from './skm-survey.requests';

export const STAFF_HEADERS = [
  { name: 'X-Tenant-Id', required: true, description: 'Until auth lands: the tenant of the caller' },
  { name: 'X-Actor-Id', required: true, description: 'Until auth lands: the staff member' },
  { name: 'X-Actor-Role', required: true, description: 'Until auth lands: the role' },
  { name: 'Idempotency-Key', required: false, description: 'A retried request with the same key changes nothing' },
];
const StaffHeaders = (): MethodDecorator & ClassDecorator => {
  const decorators = STAFF_HEADERS.map((h) => ApiHeader(h));
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorate of decorators) decorate(target, key as string, descriptor as PropertyDescriptor);
  };
};

@ApiTags('SKM surveys')
@StaffHeaders()
@Controller('units/:unitId/skm-surveys/:periodKind/:periodStart')
export class SkmSurveysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly surveys: SkmSurveyReader,
    private readonly completedRequests: CompletedRequests,
  ) {}

  @Post()
  @ApiOperation({ summary: "Open the unit's SKM survey for a period (PermenPANRB 14/2017), optionally with extra unsur" })
  open(@StaffActor() actor: Actor, @Param() ref: SkmSurveyPath, @Body() body: OpenSkmSurveyRequest, @IdempotencyKey() key?: string): Promise<OpenedSurvey> {
    const unsurSet = { extraUnsur: body.extraUnsur, regulationWeights: body.regulationWeights };
    return this.commands.execute(new OpenSkmSurveyCommand(actor, ref, body.periodEnd, unsurSet, body.declaredPopulation, body.ruleset, key));
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the period and fix the result; population = declared, else requests completed in the period' })
  close(@StaffActor() actor: Actor, @Param() ref: SkmSurveyPath, @IdempotencyKey() key?: string): Promise<AppendResult> {
    return this.commands.execute(new CloseSkmPeriodCommand(actor, ref, key));
  }

  @Get('result')
  @ApiOperation({ summary: 'NRR per unsur, IKM, converted (×25), band, weakest unsur, required sample and adequacy; running while open' })
  async result(@StaffActor() actor: Actor, @Param() ref: SkmSurveyPath): Promise<object> {
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
  publish(@StaffActor() actor: Actor, @Param() ref: SkmSurveyPath, @Body() body: PublishSkmResultRequest, @IdempotencyKey() key?: string): Promise<AppendResult> {
    return this.commands.execute(new PublishSkmResultCommand(actor, ref, body.media, body.publishedOn, key));
  }

  @Post('follow-ups')
  @ApiOperation({ summary: 'Plan a follow-up action (rencana tindak lanjut) on an unsur' })
  planFollowUp(@StaffActor() actor: Actor, @Param() ref: SkmSurveyPath, @Body() body: PlanFollowUpRequest, @IdempotencyKey() key?: string): Promise<AppendResult> {
    return this.commands.execute(new PlanFollowUpCommand(actor, ref, body.itemId, body.unsurCode, body.action, body.dueDate, key));
  }

  @Post('follow-ups/:itemId/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a follow-up action with its evidence' })
  completeFollowUp(@StaffActor() actor: Actor, @Param() { itemId, ...ref }: FollowUpPath, @Body() body: CompleteFollowUpRequest, @IdempotencyKey() key?: string): Promise<AppendResult> {
    return this.commands.execute(new CompleteFollowUpCommand(actor, ref, itemId, body.completedOn, body.evidence, key));
  }
}
