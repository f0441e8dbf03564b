import { ApiProperty } from '@nestjs/swagger';
import { CommandReply } from '@lib/platform';

export class OpenedCycleResponse extends CommandReply {
  @ApiProperty({ format: 'uuid', description: 'The cycle opened (by a retried opening too: its first attempt opened it)' })
  cycleId!: string;
}

export class AttachedEvidenceResponse extends CommandReply {
  @ApiProperty({ format: 'uuid' })
  evidenceId!: string;
}
