import { ApiProperty } from '@nestjs/swagger';
import type { StoredEvidenceFile } from '../commands/evidence-file-store';

export class StoredEvidenceFileResponse implements StoredEvidenceFile {
  @ApiProperty({ example: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'What the F-01 evidence route attaches' })
  storageKey!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256!: string;

  @ApiProperty({ type: 'integer' })
  sizeBytes!: number;

  @ApiProperty({ example: 'application/pdf' })
  mediaType!: string;
}
