import { ApiProperty } from '@nestjs/swagger';

/** The paging of a list; each list's class adds its `items`. */
export abstract class PageResponse {
  @ApiProperty({ type: 'integer', description: 'Items matching the filter, over all pages' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}
