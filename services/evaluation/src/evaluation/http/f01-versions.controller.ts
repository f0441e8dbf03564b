import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { DiffF01VersionsQuery, ListF01VersionsQuery } from '../queries/f01-versions.queries';
import { UnitPath } from './evaluation.request';
import { F01DiffResponse, F01VersionsResponse } from './f01-versions.response';
import { CYCLE } from './resources';

class VersionDiffPath extends UnitPath {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The earlier F-01 version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The later F-01 version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}

/** The F-01 versions of a unit: every submission and resubmission, kept, and the differences between any two. */
@ApiTags('assessments')
@Controller('cycles/:cycleId/units/:unitId/assessment/versions')
export class F01VersionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Every F-01 version of the unit, the versions returned and verified, and what changed since the last review' })
  @ApiOkResponse({ description: 'The versions, oldest first', type: F01VersionsResponse })
  @ApiNotFoundResponse({ description: 'The unit has no assessment in the cycle (ASSESSMENT.NOT_FOUND)' })
  list(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<F01VersionsResponse> {
    return this.queries.execute(new ListF01VersionsQuery(actor.tenantId, cycleId, unitId));
  }

  @Get(':from/diff/:to')
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'The indicators whose answer or evidence differ between two F-01 versions' })
  @ApiOkResponse({ description: 'The changed indicators', type: F01DiffResponse })
  @ApiNotFoundResponse({ description: 'No such version (ASSESSMENT.VERSION_NOT_FOUND) or no assessment (ASSESSMENT.NOT_FOUND)' })
  diff(@CurrentActor() actor: Actor, @Param() { cycleId, unitId, from, to }: VersionDiffPath, @Query() _tenant: TenantQuery): Promise<F01DiffResponse> {
    return this.queries.execute(new DiffF01VersionsQuery(actor.tenantId, cycleId, unitId, from, to));
  }
}
