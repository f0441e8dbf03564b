import { ApiProperty } from '@nestjs/swagger';
import { SIMPLE_ID } from '@lib/kernel';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class SubmitRequestRequest {
  @ApiProperty({ example: 'ktp-el' })
  @Matches(SIMPLE_ID)
  serviceId!: string;

  @ApiProperty({ type: [String], description: 'Requirements of the standard the citizen supplied' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  suppliedRequirements!: string[];
}

export class ReturnRequestRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  missingRequirements!: string[];

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  note!: string;
}

export class ResubmitRequestRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  suppliedRequirements!: string[];
}

export class RejectRequestRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
