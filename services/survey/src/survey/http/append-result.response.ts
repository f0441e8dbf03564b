import { ApiProperty } from '@nestjs/swagger';
import type { AppendResult } from '@lib/event-sourcing';

/** What a survey command answers: where it appended and the stream version it reached. */
export class AppendResultResponse implements AppendResult {
  @ApiProperty({ example: 'survey-kota-banjarmasin/disdukcapil/quarter/2026-01-01' })
  streamId!: string;

  @ApiProperty({ type: 'integer', description: "The stream's version after the command; reads show it once they have caught up" })
  nextExpectedVersion!: number;

  @ApiProperty({ type: 'integer', description: 'Events appended: 0 for a no-op or a repeated Idempotency-Key' })
  appended!: number;

  @ApiProperty({ description: 'The Idempotency-Key had been used: nothing was appended this time' })
  duplicate!: boolean;
}
