import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SIMPLE_ID } from '@lib/kernel';
import { PUBLICATION_CHANNELS } from '../domain';

export class StandardComponentRequest {
  @ApiProperty({ minimum: 1, maximum: 14 })
  @IsInt()
  @Min(1)
  @Max(14)
  number!: number;

  @ApiProperty()
  @IsString()
  @MaxLength(10_000)
  content!: string;

  @ApiProperty({ enum: PUBLICATION_CHANNELS, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(PUBLICATION_CHANNELS, { each: true })
  publishedOn!: string[];
}

export class StandardContentRequest {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;

  @ApiProperty({ example: 'Penerbitan KTP-el' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [StandardComponentRequest] })
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => StandardComponentRequest)
  components!: StandardComponentRequest[];

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(365)
  completionWorkingDays!: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  costRupiah!: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  requirements!: string[];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  product!: string;

  @ApiProperty({ example: '2026-11-01T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  effectiveAt!: string;
}

export class PublishServiceStandardRequest extends StandardContentRequest {
  @ApiProperty({ example: 'ktp-el' })
  @Matches(SIMPLE_ID)
  serviceId!: string;
}

export class ReviseServiceStandardRequest extends StandardContentRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
