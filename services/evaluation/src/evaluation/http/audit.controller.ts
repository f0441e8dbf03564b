import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { GetUnitTimelineQuery } from '../queries/unit-timeline.queries';
import { UnitTimelineResponse } from './audit.response';
import { UnitPath } from './evaluation.request';
import { CYCLE } from './resources';

@ApiTags('audit')
@Controller('cycles/:cycleId/units/:unitId/timeline')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('audit:read', { resource: CYCLE })
  @ApiOperation({
    summary: "The unit's history in the cycle: every event that touched its assessment, scores, proposals, compliance grade and result, oldest first",
    description:
      'Read from the event log itself. Each entry names the actor and role, the value of each field before and after the event (folded from the earlier events), the note or reason given, and the source events behind computed values.',
  })
  @ApiOkResponse({ description: 'The timeline (empty when no event concerns the unit)', type: UnitTimelineResponse })
  @ApiNotFoundResponse({ description: 'CYCLE.NOT_FOUND' })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<UnitTimelineResponse> {
    return this.queries.execute(new GetUnitTimelineQuery(actor.tenantId, cycleId, unitId));
  }
}
