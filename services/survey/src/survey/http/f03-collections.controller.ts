import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { CloseF03Command } from '../commands/close-f03.command';
import { OpenF03CollectionCommand } from '../commands/open-f03-collection.command';
import { F03_DEFAULT_QUOTA } from '../domain';
import { GetF03ReportQuery } from '../queries/f03.queries';
import { F03ReportResponse } from './f03.response';
import { IDEMPOTENCY_HEADER } from './skm-surveys.controller';
import { F03Path, OpenF03CollectionRequest } from './skm-survey.requests';

@ApiTags('PEKPPP F-03')
@ApiHeader(IDEMPOTENCY_HEADER)
@Controller('f03-collections/:cycleId/:unitId')
export class F03CollectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('survey:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'The F-03 score so far (final once closed), the quota, the mean per item and aspect, and the weakest items' })
  @ApiOkResponse({ type: F03ReportResponse })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  report(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: F03Path, @Query() _tenant: TenantQuery): Promise<F03ReportResponse> {
    return this.queries.execute(new GetF03ReportQuery(actor.tenantId, cycleId, unitId));
  }

  @Post()
  @RequirePermission('cycle:admin', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Open F-03 collection for a unit lokus in a PEKPPP cycle (Bagian Organisasi runs the cycle)' })
  @ApiCreatedResponse({ type: CommandReply })
  open(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: F03Path, @Body() body: OpenF03CollectionRequest): Promise<CommandReply> {
    const quota = body.quota
      ? { minimum: body.quota.minimum, maximum: body.quota.maximum, provisional: body.quota.provisional ?? false }
      : { minimum: F03_DEFAULT_QUOTA.minimum, maximum: F03_DEFAULT_QUOTA.maximum, provisional: F03_DEFAULT_QUOTA.provisional };
    return this.commands.execute(new OpenF03CollectionCommand(meta, cycleId, unitId, quota, body.ruleset));
  }

  @Post('close')
  @HttpCode(200)
  @RequirePermission('cycle:admin', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Close the collection: emits F03Closed with the score the evaluation context merges' })
  @ApiOkResponse({ type: CommandReply })
  close(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: F03Path): Promise<CommandReply> {
    return this.commands.execute(new CloseF03Command(meta, cycleId, unitId));
  }
}
