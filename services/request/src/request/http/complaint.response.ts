import { CommandReply } from '@lib/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComplaintRow } from '../queries/read-models.queries';
import { PageResponse } from './page.response';

const COMPLAINT_STATUSES = ['received', 'postponed', 'verified', 'assigned', 'responded', 'resolved', 'not-our-authority', 'archived'];

/** A complaint after a command: status and deadlines, with the stream version the command reached. */
export class ComplaintResponse extends CommandReply {
  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiPropertyOptional({ description: 'Absent only when the command found no complaint' })
  unitId?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  status?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the current step is due' })
  statusDueDate?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'When the complaint must be resolved; null until it is known' })
  resolutionDueDate?: string | null;

  @ApiPropertyOptional({ description: 'The deadlines rest on provisional calendar data and may move' })
  deadlinesProvisional?: boolean;
}

/** A received complaint, with the reference its reporter needs to reopen it. */
export class ReceivedComplaintResponse extends ComplaintResponse {
  @ApiProperty({ format: 'uuid', description: 'Give it to the reporter: reopening the complaint needs it' })
  reporterRef!: string;
}

export class ComplaintRowResponse implements ComplaintRow {
  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ enum: ['in-person', 'web', 'lapor'] })
  channel!: string;

  @ApiProperty({ enum: ['information-request', 'grievance', 'dispute-without-field-check', 'dispute-with-field-check'] })
  category!: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES })
  status!: string;

  @ApiProperty({ description: 'Month of receipt, YYYY-MM', example: '2026-11' })
  period!: string;

  @ApiProperty({ format: 'date' })
  statusDueDate!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  resolutionDueDate!: string | null;

  @ApiProperty()
  deadlinesProvisional!: boolean;

  @ApiProperty({ type: 'integer' })
  deadlineBreaches!: number;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Resolved within the deadline; null while not resolved' })
  resolvedWithinDeadline!: boolean | null;
}

export class ComplaintPageResponse extends PageResponse {
  @ApiProperty({ type: () => [ComplaintRowResponse] })
  items!: ComplaintRowResponse[];
}

export class ComplaintTextResponse {
  @ApiProperty({ enum: ['verification-note', 'response', 'reopen-reason'] })
  kind!: string;

  @ApiProperty({ description: 'The text; "[dihapus]" once the complaint\'s personal data was erased' })
  text!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** One complaint for staff: its row plus its texts, opened from the sealed history at the time of asking. */
export class ComplaintDetailResponse extends ComplaintRowResponse {
  @ApiProperty({ description: '"[dihapus]" once the complaint\'s personal data was erased' })
  subject!: string;

  @ApiProperty({ description: '"[dihapus]" once the complaint\'s personal data was erased' })
  description!: string;

  @ApiProperty({ type: () => [ComplaintTextResponse] })
  texts!: ComplaintTextResponse[];

  @ApiProperty({ description: "The complaint's personal data was erased (on request or at the end of its retention)" })
  personalDataErased!: boolean;
}

export class ReporterContactResponse {
  @ApiProperty()
  name!: string;

  @ApiPropertyOptional()
  email?: string;

  @ApiPropertyOptional()
  phone?: string;
}
