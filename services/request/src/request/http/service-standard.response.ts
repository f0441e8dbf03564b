import { CommandReply } from '@lib/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Completeness, PUBLICATION_CHANNELS } from '../domain';
import type { ServiceStandardRow } from '../queries/read-models.queries';
import { PageResponse } from './page.response';

export class ComponentPublicationResponse {
  @ApiProperty({ type: 'integer', description: 'Component number (1..14)' })
  number!: number;

  @ApiProperty({ type: [String], enum: PUBLICATION_CHANNELS, description: 'Where the component is published' })
  publishedOn!: string[];
}

export class CompletenessResponse implements Completeness {
  @ApiProperty({ description: 'All 14 components have content and the 6 service-delivery ones are published somewhere' })
  complete!: boolean;

  @ApiProperty({ type: [Number], description: 'Numbers (1..14) of the components absent or without content' })
  missingComponents!: number[];

  @ApiProperty({ type: [Number], description: 'Service-delivery components not published anywhere' })
  unpublishedComponents!: number[];

  @ApiProperty({ type: () => [ComponentPublicationResponse], description: 'Where each service-delivery component is published' })
  publication!: ComponentPublicationResponse[];
}

/** A standard after a command: the revision in force, with the stream version the command reached. */
export class StandardResponse extends CommandReply {
  @ApiProperty()
  serviceId!: string;

  @ApiPropertyOptional({ description: 'Absent only when the command found no standard' })
  unitId?: string;

  @ApiPropertyOptional({ type: 'integer' })
  revision?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  effectiveAt?: string;

  @ApiPropertyOptional({ type: () => CompletenessResponse })
  completeness?: CompletenessResponse;
}

export class ServiceStandardRowResponse implements ServiceStandardRow {
  @ApiProperty()
  serviceId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  effectiveAt!: string;

  @ApiProperty({ type: 'integer' })
  completionWorkingDays!: number;

  @ApiProperty({ type: 'integer' })
  costRupiah!: number;

  @ApiProperty({ type: [String] })
  requirements!: string[];

  @ApiProperty()
  product!: string;

  @ApiProperty()
  complete!: boolean;

  @ApiProperty({ type: [Number] })
  missingComponents!: number[];

  @ApiProperty({ type: [Number] })
  unpublishedComponents!: number[];
}

export class ServiceStandardPageResponse extends PageResponse {
  @ApiProperty({ type: () => [ServiceStandardRowResponse] })
  items!: ServiceStandardRowResponse[];
}
