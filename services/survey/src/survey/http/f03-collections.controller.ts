import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { CloseF03Command } from '../commands/close-f03.command';
import { OpenF03CollectionCommand } from '../commands/open-f03-collection.command';
import { IssueF03ProofCodesCommand } from '../commands/issue-f03-proof-codes.command';
import { GetF03ReportQuery } from '../queries/f03.queries';
import { GetF03ProofCodeCountsQuery, GetF03SubmissionsQuery } from '../queries/submissions.queries';
import { F03ReportResponse } from './f03.response';
import { IDEMPOTENCY_HEADER } from './skm-surveys.controller';
import { F03Path, IssueF03ProofCodesRequest } from './skm-survey.requests';
import { F03ProofCodeCountsResponse, IssuedF03ProofCodesResponse, SubmissionsReviewResponse } from './submissions.response';

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
  @ApiOperation({
    summary:
      'Open the F-03 collection of a unit lokus in a PEKPPP cycle (Bagian Organisasi runs the cycle). Only for a cycle the evaluation service opened and a unit it assigned as lokus; the quota is that of the ruleset the cycle pinned',
  })
  @ApiCreatedResponse({ type: CommandReply })
  // No body: the quota and the ruleset are the cycle's, as the evaluation service announced it; a call cannot name them.
  open(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: F03Path): Promise<CommandReply> {
    return this.commands.execute(new OpenF03CollectionCommand(meta, cycleId, unitId));
  }

  @Post('close')
  @HttpCode(200)
  @RequirePermission('cycle:admin', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Close the collection: emits F03Closed with the score the evaluation context merges' })
  @ApiOkResponse({ type: CommandReply })
  close(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: F03Path): Promise<CommandReply> {
    return this.commands.execute(new CloseF03Command(meta, cycleId, unitId));
  }

  @Post('proof-codes')
  @RequirePermission('cycle:admin', { unitParam: 'unitId' })
  @ApiOperation({
    summary: 'Issue one-time codes respondents prove their service with, one per service delivered; shown only in this reply, kept as keyed hashes',
  })
  @ApiCreatedResponse({ type: IssuedF03ProofCodesResponse })
  issueProofCodes(
    @Caller() { meta }: Caller,
    @Param() { cycleId, unitId }: F03Path,
    @Body() { count }: IssueF03ProofCodesRequest,
  ): Promise<IssuedF03ProofCodesResponse> {
    return this.commands.execute(new IssueF03ProofCodesCommand(meta, cycleId, unitId, count));
  }

  @Get('proof-codes')
  @RequirePermission('cycle:admin', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'How many one-time codes the collection issued, and how many responses used one' })
  @ApiOkResponse({ type: F03ProofCodeCountsResponse })
  proofCodeCounts(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: F03Path, @Query() _tenant: TenantQuery): Promise<F03ProofCodeCountsResponse> {
    return this.queries.execute(new GetF03ProofCodeCountsQuery(actor.tenantId, cycleId, unitId));
  }

  @Get('submissions')
  @RequirePermission('cycle:admin', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Responses per time window and per client, with bursts flagged: what to review before closing' })
  @ApiOkResponse({ type: SubmissionsReviewResponse })
  submissions(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: F03Path, @Query() _tenant: TenantQuery): Promise<SubmissionsReviewResponse> {
    return this.queries.execute(new GetF03SubmissionsQuery(actor.tenantId, cycleId, unitId));
  }
}
