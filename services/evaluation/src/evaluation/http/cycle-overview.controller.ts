import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { QUALIFIED_ID } from '@lib/kernel';
import { GetCycleScoresQuery, GetRulesetQuery, ListCyclesQuery } from '../queries/cycle-overview.queries';
import { CycleScoresResponse, CycleSummaryResponse } from './cycle.response';
import { CyclePath } from './evaluation.request';
import { CYCLE } from './resources';
import { RulesetDocumentResponse } from './ruleset.response';

class RulesetVersionPath {
  @ApiProperty({ example: 'pekppp-2023' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  rulesetId!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

class CycleScoresFilter extends TenantQuery {
  @ApiPropertyOptional({ description: 'One unit lokus only: how an SKPD operator or an evaluator reads its own', example: 'disdukcapil' })
  @IsOptional()
  @Matches(QUALIFIED_ID)
  unitId?: string;
}

/**
 * Reads for the web portal's overview screens: the tenant's cycles, all unit scores of one cycle
 * (the "which SKPDs score C or below, and why?" table), and a ruleset's full text for the forms.
 */
@ApiTags('cycles')
@Controller()
export class CycleOverviewController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cycles')
  @RequirePermission('cycle:read')
  @ApiOperation({ summary: "The tenant's PEKPPP cycles, newest first, with their unit lokus and evaluators" })
  @ApiOkResponse({ description: 'Cycles (eventually consistent with the commands)', type: [CycleSummaryResponse] })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  list(@CurrentActor() actor: Actor, @Query() _tenant: TenantQuery): Promise<CycleSummaryResponse[]> {
    return this.queries.execute(new ListCyclesQuery(actor.tenantId));
  }

  @Get('cycles/:cycleId/scores')
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary: 'The unit lokus of a cycle, lowest IPP first: IPP, category, provisional flag, weakest aspects and indicators, self-assessment vs evaluator gap',
    description:
      'Without `unitId` every unit (roles that read the whole tenant); with it one unit, which is how an SKPD operator or an evaluator reads "what to fix".',
  })
  @ApiOkResponse({ description: 'The scores (eventually consistent with the commands)', type: CycleScoresResponse })
  scores(@CurrentActor() actor: Actor, @Param() { cycleId }: CyclePath, @Query() { unitId }: CycleScoresFilter): Promise<CycleScoresResponse> {
    return this.queries.execute(new GetCycleScoresQuery(actor.tenantId, cycleId, unitId));
  }

  @Get('rulesets/:rulesetId/versions/:version')
  @RequirePermission('ruleset:read')
  @ApiOperation({ summary: 'One ruleset version in full: aspects, indicators with their 0..5 descriptors and evidence examples, bands, provenance' })
  @ApiOkResponse({ description: 'The ruleset document', type: RulesetDocumentResponse })
  ruleset(@CurrentActor() actor: Actor, @Param() { rulesetId, version }: RulesetVersionPath, @Query() _tenant: TenantQuery): Promise<RulesetDocumentResponse> {
    return this.queries.execute(new GetRulesetQuery(actor.tenantId, rulesetId, version));
  }
}
