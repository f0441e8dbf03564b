import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { INDONESIAN_UTC_OFFSETS, type IndonesianUtcOffset, isLocalDate, SIMPLE_ID } from '@lib/kernel';
import { TenantQuery } from '@lib/platform';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../domain';

function isCalendarDate(value: unknown): boolean {
  if (!isLocalDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR;
}

/** An existing date YYYY-MM-DD in the years a calendar may cover. */
const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) => `${args?.property ?? 'date'} must be an existing date YYYY-MM-DD from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
      },
    },
    options,
  );

export class CalendarYearPath {
  @ApiProperty({ example: 2027, minimum: MIN_CALENDAR_YEAR, maximum: MAX_CALENDAR_YEAR })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year!: number;
}

export class CalendarYearQuery extends TenantQuery {
  @ApiPropertyOptional({ description: 'A unit-scoped role names its unit', example: 'disdukcapil' })
  @IsOptional()
  @Matches(SIMPLE_ID)
  unitId?: string;
}

export class ChangeCalendarSettingsRequest {
  @ApiProperty({ enum: INDONESIAN_UTC_OFFSETS, description: '420 WIB, 480 WITA, 540 WIT' })
  @IsIn([...INDONESIAN_UTC_OFFSETS])
  utcOffsetMinutes!: IndonesianUtcOffset;

  @ApiProperty({ description: "True when the tenant's units work through cuti bersama" })
  @IsBoolean()
  cutiBersamaIsWorkingDay!: boolean;

  @ApiPropertyOptional({ example: 'Kota Banjarmasin berada di zona WITA' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AddLocalHolidayRequest {
  @ApiProperty({ example: '2027-09-24' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'Hari Jadi Kota Banjarmasin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'The regional decree or other basis' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class LocalHolidayPath {
  @ApiProperty({ format: 'date', example: '2026-09-24' })
  @IsCalendarDate()
  date!: string;
}

export class RemoveLocalHolidayRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class NationalHolidayEntry {
  @ApiProperty({ example: '2027-03-10' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ enum: ['national-holiday', 'cuti-bersama'] })
  @IsIn(['national-holiday', 'cuti-bersama'])
  kind!: 'national-holiday' | 'cuti-bersama';

  @ApiProperty({ example: 'Idul Fitri 1448 H' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'True when the date is an estimate (e.g. before the sidang isbat); needs a source' })
  @IsOptional()
  @IsBoolean()
  provisional?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string;
}

export class PublishNationalCalendarYearRequest {
  @ApiProperty({ description: 'True while the SKB is not signed' })
  @IsBoolean()
  provisional!: boolean;

  @ApiPropertyOptional({ description: 'Why the year is provisional; required when it is' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  provisionalReason?: string;

  @ApiProperty({ example: 'SKB 3 Menteri tentang hari libur nasional dan cuti bersama tahun 2027' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  source!: string;

  @ApiProperty({ type: [NationalHolidayEntry] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NationalHolidayEntry)
  holidays!: NationalHolidayEntry[];
}
