import { ApiPropertyOptional } from '@nestjs/swagger';
import { QUALIFIED_ID } from '@lib/kernel';
import { IsOptional, Matches } from 'class-validator';

/**
 * The `tenantId` query field the guard reads on reads: absent, the caller's own tenant. Only a
 * national auditor may name another one. Query DTOs of read endpoints extend it.
 */
export class TenantQuery {
  @ApiPropertyOptional({
    description: "The tenant to read, the caller's own when absent; only a national auditor may name another",
    example: 'kota-banjarmasin',
  })
  @IsOptional()
  @Matches(QUALIFIED_ID)
  tenantId?: string;
}
