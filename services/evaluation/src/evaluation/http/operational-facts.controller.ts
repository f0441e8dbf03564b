import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RequirePermission } from '@lib/platform';
import { SIMPLE_ID } from '@lib/kernel';
import { Pool } from 'pg';
import { OperationalFactsResponse } from './operational-facts.response';

export class OperationalFactsQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, description: 'Default: this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

class UnitPath {
  @ApiProperty({ example: 'kota-banjarmasin' })
  @Matches(SIMPLE_ID)
  tenantId!: string;

  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;
}

@ApiTags('operational facts')
@Controller('tenants/:tenantId/units/:unitId/operational-facts')
export class OperationalFactsController {
  constructor(private readonly pool: Pool) {}

  @Get()
  @RequirePermission('results:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: "A unit's request and complaint figures for a year, counted from the request service's events" })
  @ApiOkResponse({ description: 'Counters; SLA compliance is completed-on-time over completed', type: OperationalFactsResponse })
  async get(@Param() { tenantId, unitId }: UnitPath, @Query() { year }: OperationalFactsQuery): Promise<OperationalFactsResponse> {
    const { rows } = await this.pool.query(
      `SELECT * FROM operational_facts_v1 WHERE tenant_id = $1 AND unit_id = $2 AND year = coalesce($3, extract(year FROM now())::int)`,
      [tenantId, unitId, year ?? null],
    );
    if (rows.length === 0) throw new NotFoundException(`no facts for unit ${unitId} in ${year ?? 'this year'}`);
    const row = rows[0];
    return {
      tenantId,
      unitId,
      year: row.year,
      requests: {
        submitted: row.requests_submitted,
        completed: row.requests_completed,
        completedOnTime: row.requests_completed_on_time,
        rejected: row.requests_rejected,
        slaBreaches: row.sla_breaches,
        slaCompliancePercent: row.requests_completed > 0 ? Math.round((row.requests_completed_on_time / row.requests_completed) * 10000) / 100 : null,
      },
      complaints: {
        received: row.complaints_received,
        resolved: row.complaints_resolved,
        resolvedInTime: row.complaints_resolved_in_time,
        resolvedViaLapor: row.complaints_resolved_via_lapor,
        deadlineBreaches: row.complaint_deadline_breaches,
      },
      lastEventAt: row.last_event_at ? new Date(row.last_event_at).toISOString() : null,
    };
  }
}
