import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, commandReply, CurrentActor, forUnit, RequirePermission, TenantQuery } from '@lib/platform';
import { HandleAssessmentCommand } from '../commands/handle-assessment.command';
import { GetUnitProposalsQuery } from '../queries/unit-proposals.queries';
import { ConfirmProposalRequest, IndicatorPath, OverrideProposalRequest, UnitPath } from './evaluation.request';
import { UnitProposalsResponse } from './proposal.response';
import { CYCLE } from './resources';

@ApiTags('proposals')
@Controller('cycles/:cycleId/units/:unitId/proposals')
export class ProposalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary: "The unit's proposed F-02 levels for the indicators events can evidence, beside its F-01 claims, with the figures, rule and events behind each",
    description:
      'Computed from the request and survey events (Standar Pelayanan, SKM, complaints) while the cycle is open; a proposal is a suggestion the evaluator confirms or overrides, and counts in the IPP only once decided.',
  })
  @ApiOkResponse({ description: 'The proposals', type: UnitProposalsResponse })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<UnitProposalsResponse> {
    return this.queries.execute(new GetUnitProposalsQuery(actor.tenantId, cycleId, unitId));
  }

  @Post(':indicatorCode/confirmation')
  @HttpCode(200)
  @RequirePermission('assessment:score', { resource: CYCLE, unitParam: 'unitId' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: 'F-02: the calling evaluator confirms the proposed level as their score of the indicator',
    description: 'Recorded as IndicatorProposalConfirmed on the assessment stream; a later F-02 score or decision by the same evaluator replaces it.',
  })
  @ApiOkResponse({ description: 'Confirmed (confirming the same proposal again appends nothing)', type: CommandReply })
  @ApiNotFoundResponse({ description: 'PROPOSAL.NOT_FOUND: events propose no level for the indicator' })
  @ApiConflictResponse({
    description: 'PROPOSAL.CHANGED: the proposal is no longer at `expectedLevel`; or not allowed in the current state (e.g. ASSESSMENT.NOT_SUBMITTED)',
  })
  async confirm(@Caller() { actor, meta }: Caller, @Param() path: IndicatorPath, @Body() body: ConfirmProposalRequest): Promise<CommandReply> {
    const action = { type: 'ConfirmProposal' as const, evaluatorId: actor.id, indicatorCode: path.indicatorCode, expectedLevel: body.expectedLevel };
    return commandReply(await this.commands.execute(new HandleAssessmentCommand(path.cycleId, path.unitId, action, forUnit(meta, path.unitId))));
  }

  @Post(':indicatorCode/override')
  @HttpCode(200)
  @RequirePermission('assessment:score', { resource: CYCLE, unitParam: 'unitId' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: 'F-02: the calling evaluator scores the indicator other than the proposal says (or the same, with their reason), with a note',
    description: 'Recorded as IndicatorProposalOverridden on the assessment stream; a later F-02 score or decision by the same evaluator replaces it.',
  })
  @ApiOkResponse({ description: 'Overridden (the same score and note again appends nothing)', type: CommandReply })
  @ApiNotFoundResponse({ description: 'PROPOSAL.NOT_FOUND: events propose no level for the indicator' })
  @ApiConflictResponse({ description: 'Not allowed in the current state; `code` says why (e.g. ASSESSMENT.NOT_SUBMITTED)' })
  async override(@Caller() { actor, meta }: Caller, @Param() path: IndicatorPath, @Body() body: OverrideProposalRequest): Promise<CommandReply> {
    const action = { type: 'OverrideProposal' as const, evaluatorId: actor.id, indicatorCode: path.indicatorCode, score: body.score, note: body.note };
    return commandReply(await this.commands.execute(new HandleAssessmentCommand(path.cycleId, path.unitId, action, forUnit(meta, path.unitId))));
  }
}
