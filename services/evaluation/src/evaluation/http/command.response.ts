import { ApiProperty } from '@nestjs/swagger';
import type { CommandResponse } from './command-response';

/** What an evaluation command answers: where it appended and the stream version it reached. */
export class CommandResponseBody implements CommandResponse {
  @ApiProperty({ example: 'cycle-kota-banjarmasin/0b7e6b2c-5d1f-4d8e-9a57-1c2f3e4d5a6b' })
  streamId!: string;

  @ApiProperty({ type: 'integer', description: "The stream's version after the command; reads show it once they have caught up" })
  version!: number;

  @ApiProperty({ type: 'integer', description: 'Events appended: 0 for a no-op or a repeated Idempotency-Key' })
  appended!: number;

  @ApiProperty({ description: 'The Idempotency-Key had been used: nothing was appended this time' })
  duplicate!: boolean;
}

export class OpenedCycleResponse extends CommandResponseBody {
  @ApiProperty({ format: 'uuid' })
  cycleId!: string;
}

export class AttachedEvidenceResponse extends CommandResponseBody {
  @ApiProperty({ format: 'uuid' })
  evidenceId!: string;
}
