import { Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig, splitList } from '@lib/platform';
import { CHECKABLE_MEDIA_TYPES } from './evaluation/domain';

/** The only reader of process.env in the evaluation service; every key is in deploy/.env.example. */
export class EvaluationConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3003;

  override KAFKA_CLIENT_ID = 'pantau-evaluation';

  /** Largest evidence file (bukti dukung) accepted, in bytes: scanned SK and SOP documents run to a few MB. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  /** Media types accepted as evidence files; only types whose content the service can check. */
  @Transform(splitList)
  @ArrayMinSize(1)
  @IsIn(CHECKABLE_MEDIA_TYPES, { each: true })
  EVIDENCE_MEDIA_TYPES: string[] = [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ];
}
