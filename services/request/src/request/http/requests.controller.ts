import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CommandMeta } from '@lib/event-sourcing';
import { RequirePermission, TargetLocator, Caller } from '@lib/platform';
import { ChangeRequestCommand, type RequestStep } from '../commands/change-request.command';
import { SubmitRequestCommand } from '../commands/submit-request.command';
import { GetUnitFiguresQuery, ListRequestsQuery } from '../queries/read-models.queries';

import { RequestListFilter, UnitPeriodFilter } from './page.request';
import { RejectRequestRequest, ResubmitRequestRequest, ReturnRequestRequest, SubmitRequestRequest } from './request.request';
import { REQUEST, RequestResourceLocator, STANDARD_TO_SUBMIT_AGAINST } from './resources';
import { RequestPageResponse, RequestResponse, UnitFiguresPageResponse } from './request.response';
import { requestBody } from './responses';

class RequestPath {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  requestId!: string;
}

@ApiTags('requests')
@Controller()
export class RequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(TargetLocator) private readonly resources: RequestResourceLocator,
  ) {}

  @Post('requests')
  @RequirePermission('request:write', { resource: STANDARD_TO_SUBMIT_AGAINST })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: "At the counter: submit a request against the standard in force of the operator's unit; the due date follows the working-day calendar",
  })
  @ApiCreatedResponse({ description: 'Request id, tracking code and due date', type: RequestResponse })
  @ApiConflictResponse({ description: 'No published standard, or unknown requirements' })
  async submit(@Body() body: SubmitRequestRequest, @Caller() { meta }: Caller): Promise<RequestResponse> {
    const outcome = await this.commands.execute(new SubmitRequestCommand(body.serviceId, body.suppliedRequirements, meta));
    if (outcome.state.request.status !== 'none')
      this.resources.rememberSubmitted(outcome.state.request.requestId, { tenantId: meta.tenantId, unitId: outcome.state.unitId });
    return requestBody(outcome);
  }

  @Post('requests/:requestId/return')
  @HttpCode(200)
  @RequirePermission('request:write', { resource: REQUEST })
  @ApiOperation({ summary: 'Return to the citizen for missing requirements (pauses the SLA clock)' })
  @ApiOkResponse({ description: 'The request after the command', type: RequestResponse })
  return(@Param() { requestId }: RequestPath, @Body() body: ReturnRequestRequest, @Caller() { meta }: Caller) {
    return this.change(requestId, { type: 'ReturnRequest', ...body }, meta);
  }

  @Post('requests/:requestId/resubmit')
  @HttpCode(200)
  @RequirePermission('request:write', { resource: REQUEST })
  @ApiOperation({ summary: 'Resubmit with the missing requirements (moves the due date by the paused days)' })
  @ApiOkResponse({ description: 'The request after the command', type: RequestResponse })
  resubmit(@Param() { requestId }: RequestPath, @Body() body: ResubmitRequestRequest, @Caller() { meta }: Caller) {
    return this.change(requestId, { type: 'ResubmitRequest', ...body }, meta);
  }

  @Post('requests/:requestId/start-processing')
  @HttpCode(200)
  @RequirePermission('request:write', { resource: REQUEST })
  @ApiOperation({ summary: 'Start processing a request whose requirements are complete' })
  @ApiOkResponse({ description: 'The request after the command', type: RequestResponse })
  startProcessing(@Param() { requestId }: RequestPath, @Caller() { meta }: Caller) {
    return this.change(requestId, { type: 'StartProcessing' }, meta);
  }

  @Post('requests/:requestId/complete')
  @HttpCode(200)
  @RequirePermission('request:write', { resource: REQUEST })
  @ApiOperation({ summary: 'Complete a request; records whether the standard was met' })
  @ApiOkResponse({ description: 'The request after the command', type: RequestResponse })
  complete(@Param() { requestId }: RequestPath, @Caller() { meta }: Caller) {
    return this.change(requestId, { type: 'CompleteRequest' }, meta);
  }

  @Post('requests/:requestId/reject')
  @HttpCode(200)
  @RequirePermission('request:write', { resource: REQUEST })
  @ApiOperation({ summary: 'Reject a request with a reason for the citizen' })
  @ApiOkResponse({ description: 'The request after the command', type: RequestResponse })
  reject(@Param() { requestId }: RequestPath, @Body() body: RejectRequestRequest, @Caller() { meta }: Caller) {
    return this.change(requestId, { type: 'RejectRequest', ...body }, meta);
  }

  @Get('requests')
  @RequirePermission('request:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: "The tenant's requests, filtered by unit, period and status; a unit-scoped role must name its unit" })
  @ApiOkResponse({ type: RequestPageResponse })
  list(@Query() { unitId, period, status, limit, offset }: RequestListFilter, @Caller() { actor }: Caller): Promise<RequestPageResponse> {
    return this.queries.execute(new ListRequestsQuery(actor.tenantId, { unitId, period, status }, { limit, offset }));
  }

  @Get('figures')
  @RequirePermission('request:read', { unitParam: 'unitId' })
  @ApiOperation({
    summary: 'Per unit and month: SLA compliance, open/overdue, complaint resolution within deadline and via LAPOR!; a unit-scoped role must name its unit',
  })
  @ApiOkResponse({ type: UnitFiguresPageResponse })
  figures(@Query() { unitId, period, limit, offset }: UnitPeriodFilter, @Caller() { actor }: Caller): Promise<UnitFiguresPageResponse> {
    return this.queries.execute(new GetUnitFiguresQuery(actor.tenantId, { unitId, period }, { limit, offset }));
  }

  private async change(requestId: string, step: RequestStep, meta: CommandMeta): Promise<RequestResponse> {
    const outcome = await this.commands.execute(new ChangeRequestCommand(requestId, step, meta));
    return requestBody(outcome);
  }
}
