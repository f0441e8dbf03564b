import { ApiProperty } from '@nestjs/swagger';

export class RequestFactsResponse {
  @ApiProperty({ type: 'integer' })
  submitted!: number;

  @ApiProperty({ type: 'integer' })
  completed!: number;

  @ApiProperty({ type: 'integer' })
  completedOnTime!: number;

  @ApiProperty({ type: 'integer' })
  rejected!: number;

  @ApiProperty({ type: 'integer' })
  slaBreaches!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Completed on time over completed, in percent; null before any completion' })
  slaCompliancePercent!: number | null;
}

export class ComplaintFactsResponse {
  @ApiProperty({ type: 'integer' })
  received!: number;

  @ApiProperty({ type: 'integer' })
  resolved!: number;

  @ApiProperty({ type: 'integer' })
  resolvedInTime!: number;

  @ApiProperty({ type: 'integer' })
  resolvedViaLapor!: number;

  @ApiProperty({ type: 'integer' })
  deadlineBreaches!: number;
}

export class OperationalFactsResponse {
  @ApiProperty()
  tenantId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty({ type: () => RequestFactsResponse })
  requests!: RequestFactsResponse;

  @ApiProperty({ type: () => ComplaintFactsResponse })
  complaints!: ComplaintFactsResponse;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The latest request-service event counted' })
  lastEventAt!: string | null;
}
