import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { GetUnitProposalsQuery } from '../queries/unit-proposals.queries';
import { UnitPath } from './evaluation.request';
import { UnitProposalsResponse } from './proposal.response';
import { CYCLE } from './resources';

@ApiTags('proposals')
@Controller('cycles/:cycleId/units/:unitId/proposals')
export class ProposalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary: "The unit's proposed F-02 levels for the indicators events can evidence, with the figures, rule and events behind each",
    description:
      'Computed from the request and survey events (Standar Pelayanan, SKM, complaints) while the cycle is open; a proposal is a suggestion the evaluator confirms or overrides.',
  })
  @ApiOkResponse({ description: 'The proposals', type: UnitProposalsResponse })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<UnitProposalsResponse> {
    return this.queries.execute(new GetUnitProposalsQuery(actor.tenantId, cycleId, unitId));
  }
}
