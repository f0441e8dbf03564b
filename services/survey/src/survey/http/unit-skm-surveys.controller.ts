import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SIMPLE_ID } from '@lib/kernel';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { ListUnitSkmSurveysQuery } from '../queries/unit-skm-surveys.queries';
import { UnitSkmSurveyResponse } from './skm-survey.response';

class UnitPath {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;
}

/** Lists a unit's SKM surveys, so a form can offer them instead of asking for a period kind and start. */
@ApiTags('SKM surveys')
@Controller('units/:unitId/skm-surveys')
export class UnitSkmSurveysController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('survey:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: "The unit's SKM surveys, newest period first, with their public link id and, once closed, the final IKM and band" })
  @ApiOkResponse({ description: 'Surveys (eventually consistent with the commands)', type: [UnitSkmSurveyResponse] })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  list(@CurrentActor() actor: Actor, @Param() { unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<UnitSkmSurveyResponse[]> {
    return this.queries.execute(new ListUnitSkmSurveysQuery(actor.tenantId, unitId));
  }
}
