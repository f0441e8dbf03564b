import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SIMPLE_ID } from '@lib/kernel';
import { TenantQuery } from '@lib/platform';

export class PageRequest extends TenantQuery {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  // Far beyond any unit's list; a bound keeps the number one PostgreSQL's bigint takes.
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}

export class UnitPeriodFilter extends PageRequest {
  @ApiPropertyOptional({ example: 'disdukcapil' })
  @IsOptional()
  @Matches(SIMPLE_ID)
  unitId?: string;

  @ApiPropertyOptional({ description: 'A year (2026) or a month (2026-11)', example: '2026-11' })
  @IsOptional()
  @Matches(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { message: 'period must be YYYY or YYYY-MM' })
  period?: string;
}

export class RequestListFilter extends UnitPeriodFilter {
  @ApiPropertyOptional({ enum: ['submitted', 'returned', 'in-process', 'completed', 'rejected'] })
  @IsOptional()
  @IsIn(['submitted', 'returned', 'in-process', 'completed', 'rejected'])
  status?: string;
}

export class StandardListFilter extends PageRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SIMPLE_ID)
  unitId?: string;
}

const COMPLAINT_STATUSES = ['received', 'postponed', 'verified', 'assigned', 'responded', 'resolved', 'not-our-authority', 'archived'];

export class ComplaintListFilter extends UnitPeriodFilter {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: string;
}
