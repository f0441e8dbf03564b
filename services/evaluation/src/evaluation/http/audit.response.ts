import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { TimelineEntry } from '../domain/audit/unit-timeline';
import type { UnitTimelineView } from '../queries/unit-timeline.queries';

const valueSchema = (description: string): ApiPropertyOptions => ({
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
  nullable: true,
  description,
});

export class TimelineChangeResponse {
  @ApiProperty({ example: 'evaluatorScore', description: 'What changed: selfScore, evaluatorScore, assessmentStatus, proposedLevel, complianceTotal, ipp, …' })
  field!: string;

  @ApiProperty({ type: String, nullable: true, example: '1.a.Ak' })
  indicatorCode!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Whose mark, for an evaluator score' })
  evaluatorId!: string | null;

  @ApiProperty(valueSchema('The value before the event; null when it had none'))
  before!: string | number | boolean | null;

  @ApiProperty(valueSchema('The value the event set'))
  after!: string | number | boolean | null;
}

export class TimelineEntryResponse implements TimelineEntry {
  @ApiProperty({ example: '1842', description: "The event's position in the service's log" })
  position!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ type: String, example: 'indicatorScored', description: 'The event type (the oneof case of EvaluationEvent)' })
  eventType!: TimelineEntry['eventType'];

  @ApiProperty({ format: 'date-time', description: 'When the log recorded the event' })
  recordedAt!: string;

  @ApiProperty({ example: 'dev-evaluator-1' })
  actorId!: string;

  @ApiProperty({ example: 'evaluator' })
  actorRole!: string;

  @ApiProperty({ example: 'Nilai F-02 1.a.Ak diberikan' })
  summary!: string;

  @ApiProperty({ type: [TimelineChangeResponse] })
  changes!: TimelineChangeResponse[];

  @ApiProperty({ type: String, nullable: true, description: "The actor's note or reason" })
  note!: string | null;

  @ApiProperty({ type: [String], description: 'Source events (request, survey) a computed value came from' })
  sourceEventIds!: string[];
}

export class UnitTimelineResponse implements UnitTimelineView {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Dinas Kependudukan dan Pencatatan Sipil' })
  unitName!: string | null;

  @ApiProperty({ type: [TimelineEntryResponse] })
  entries!: TimelineEntryResponse[];
}
