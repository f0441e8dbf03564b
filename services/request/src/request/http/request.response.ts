import { CommandReply } from '@lib/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PublicRequestStatus, RequestRow, UnitFigures } from '../queries/read-models.queries';
import { PageResponse } from './page.response';

const REQUEST_STATUSES = ['submitted', 'returned', 'in-process', 'completed', 'rejected'];

/** A request after a staff command: its status and due date, with the stream version the command reached. */
export class RequestResponse extends CommandReply {
  @ApiProperty({ format: 'uuid' })
  requestId!: string;

  @ApiPropertyOptional({ description: 'Absent only when the command found no request' })
  trackingCode?: string;

  @ApiPropertyOptional()
  unitId?: string;

  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  status?: string;

  @ApiPropertyOptional({ format: 'date' })
  dueDate?: string;

  @ApiPropertyOptional({ description: 'The due date rests on provisional calendar data and may move' })
  dueDateProvisional?: boolean;

  @ApiPropertyOptional({ description: 'The working-day calendar the due date was counted on' })
  calendarId?: string;

  @ApiPropertyOptional({ type: [String] })
  missingRequirements?: string[];

  @ApiPropertyOptional()
  slaBreached?: boolean;
}

/** What a citizen gets after submitting online: no internal ids. */
export class SubmittedOnlineResponse {
  @ApiProperty({ example: 'PTN-7K3MQ2XD9RTV4B6N' })
  trackingCode!: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status!: string;

  @ApiProperty({ format: 'date' })
  dueDate!: string;

  @ApiProperty({ type: [String] })
  missingRequirements!: string[];
}

export class RequestRowResponse implements RequestRow {
  @ApiProperty({ format: 'uuid' })
  requestId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  serviceId!: string;

  @ApiProperty()
  trackingCode!: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status!: string;

  @ApiProperty({ description: 'Month of submission, YYYY-MM', example: '2026-11' })
  period!: string;

  @ApiProperty({ format: 'date' })
  dueDate!: string;

  @ApiProperty()
  dueDateProvisional!: boolean;

  @ApiProperty()
  calendarId!: string;

  @ApiProperty({ description: 'Returned to the citizen: the SLA clock stands still' })
  paused!: boolean;

  @ApiProperty()
  slaBreached!: boolean;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Completed within the standard; null while open or when rejected' })
  metStandard!: boolean | null;
}

export class RequestPageResponse extends PageResponse {
  @ApiProperty({ type: () => [RequestRowResponse] })
  items!: RequestRowResponse[];
}

export class PublicRequestStatusResponse implements PublicRequestStatus {
  @ApiProperty()
  trackingCode!: string;

  @ApiProperty()
  serviceId!: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt!: string;

  @ApiProperty({ format: 'date' })
  dueDate!: string;

  @ApiProperty()
  dueDateProvisional!: boolean;

  @ApiProperty()
  paused!: boolean;

  @ApiProperty()
  overdue!: boolean;

  @ApiProperty({ type: Boolean, nullable: true })
  metStandard!: boolean | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;
}

export class RequestFiguresResponse {
  @ApiProperty({ type: 'integer' })
  submitted!: number;

  @ApiProperty({ type: 'integer' })
  completed!: number;

  @ApiProperty({ type: 'integer' })
  completedOnTime!: number;

  @ApiProperty({ type: 'integer' })
  open!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Completed on time over completed, in percent; null before any completion' })
  slaCompliancePercent!: number | null;
}

export class ComplaintFiguresResponse {
  @ApiProperty({ type: 'integer' })
  received!: number;

  @ApiProperty({ type: 'integer' })
  resolved!: number;

  @ApiProperty({ type: 'integer' })
  resolvedWithinDeadline!: number;

  @ApiProperty({ type: 'integer' })
  open!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;

  @ApiProperty({ type: Number, nullable: true })
  resolvedWithinDeadlinePercent!: number | null;

  @ApiProperty({ type: 'integer' })
  receivedViaLapor!: number;

  @ApiProperty({ type: 'integer' })
  resolvedViaLapor!: number;

  @ApiProperty({ type: Number, nullable: true })
  laporResolvedPercent!: number | null;
}

export class UnitFiguresResponse implements UnitFigures {
  @ApiProperty()
  unitId!: string;

  @ApiProperty({ example: '2026-11' })
  period!: string;

  @ApiProperty({ type: () => RequestFiguresResponse })
  requests!: RequestFiguresResponse;

  @ApiProperty({ type: () => ComplaintFiguresResponse })
  complaints!: ComplaintFiguresResponse;
}

export class UnitFiguresPageResponse extends PageResponse {
  @ApiProperty({ type: () => [UnitFiguresResponse] })
  items!: UnitFiguresResponse[];
}
