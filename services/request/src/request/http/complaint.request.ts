import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SIMPLE_ID } from '@lib/kernel';
import type { ComplaintCategoryKey, ComplaintChannelKey, VerificationOutcomeKey } from '../domain';

const CHANNELS: ComplaintChannelKey[] = ['in-person', 'web', 'lapor'];
const CATEGORIES: ComplaintCategoryKey[] = ['information-request', 'grievance', 'dispute-without-field-check', 'dispute-with-field-check'];
const OUTCOMES: VerificationOutcomeKey[] = ['verified', 'postponed', 'not-our-authority', 'archived'];

/** Stored in complaint_reporters only; never in an event. */
export class ReporterRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 -]{6,20}$/)
  phone?: string;
}

export class ReceiveComplaintRequest {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: ComplaintChannelKey;

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: ComplaintCategoryKey;

  @ApiPropertyOptional({ description: 'SP4N-LAPOR! reference; required for the lapor channel' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  laporReference?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ description: 'Without the reporter’s personal data' })
  @IsString()
  @MaxLength(10_000)
  description!: string;

  @ApiProperty({ type: ReporterRequest })
  @ValidateNested()
  @Type(() => ReporterRequest)
  reporter!: ReporterRequest;
}

/** What a citizen sends from the portal: the channel is the web, and there is no LAPOR! reference. */
export class CitizenComplaintRequest {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: ComplaintCategoryKey;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ description: 'Without the reporter’s personal data' })
  @IsString()
  @MaxLength(10_000)
  description!: string;

  @ApiProperty({ type: ReporterRequest })
  @ValidateNested()
  @Type(() => ReporterRequest)
  reporter!: ReporterRequest;
}

export class VerifyComplaintRequest {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: VerificationOutcomeKey;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  note!: string;
}

export class AssignComplaintRequest {
  @ApiProperty()
  @Matches(SIMPLE_ID)
  unitId!: string;
}

export class RespondToComplaintRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  response!: string;
}

export class ReopenComplaintRequest {
  @ApiProperty({ description: 'The key returned when the complaint was received' })
  @IsUUID()
  reporterRef!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ErasePersonalDataRequest {
  @ApiProperty({
    description: "Why the personal data is erased (the data subject's request, another lawful ground); kept in the history, so without personal data",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
