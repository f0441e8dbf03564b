import { Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
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

  /** Bytes one unit may store as evidence in one cycle (the sum of its distinct uploads); 413 above. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024 * 1024)
  EVIDENCE_UNIT_CYCLE_MAX_BYTES = 200 * 1024 * 1024;

  /** Distinct evidence files one unit may upload in one cycle; 409 above. F-01 has about 40 indicators. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  EVIDENCE_UNIT_CYCLE_MAX_FILES = 100;

  /** Uploads one process checks and stores at once; more wait (each holds a temporary file and a database connection). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  EVIDENCE_UPLOADS_IN_FLIGHT = 4;

  /** Where uploads are spooled while they are hashed and checked (deleted afterwards); empty = the OS temporary directory. */
  @IsString()
  EVIDENCE_UPLOAD_DIR = '';
}
