import { CommandReply } from '@lib/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CalendarYearView } from '../domain';

const HOLIDAY_KINDS = ['national-holiday', 'cuti-bersama', 'local-holiday'];

export class LocalHolidayResponse {
  @ApiProperty({ format: 'date' })
  date!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The regional decree or other basis; may be empty' })
  source!: string;
}

export class NationalYearResponse {
  @ApiProperty({ example: 'id-national@2027-provisional-1' })
  calendarVersionId!: string;

  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty()
  provisional!: boolean;
}

/** A tenant's calendar after an admin's change, with the calendar stream's version. */
export class CalendarResponse extends CommandReply {
  @ApiProperty()
  tenantId!: string;

  @ApiProperty({ type: 'integer', description: 'Offset from UTC in minutes: 420 WIB, 480 WITA, 540 WIT' })
  utcOffsetMinutes!: number;

  @ApiProperty()
  cutiBersamaIsWorkingDay!: boolean;

  @ApiProperty({ type: () => [LocalHolidayResponse], description: 'By date' })
  localHolidays!: LocalHolidayResponse[];

  @ApiProperty({ type: () => [NationalYearResponse], description: 'The national years the tenant published itself' })
  nationalYears!: NationalYearResponse[];
}

export class CalendarHolidayResponse {
  @ApiProperty({ format: 'date' })
  date!: string;

  @ApiProperty({ enum: HOLIDAY_KINDS })
  kind!: CalendarYearView['holidays'][number]['kind'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The date is an estimate (e.g. an Islamic holiday before the sidang isbat)' })
  provisional!: boolean;

  @ApiPropertyOptional({ description: 'Where the date comes from; given for provisional dates' })
  source?: string;

  @ApiProperty({ enum: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] })
  weekday!: CalendarYearView['holidays'][number]['weekday'];

  @ApiProperty({ description: "False for cuti bersama when the tenant's units work through it" })
  dayOff!: boolean;
}

export class CalendarYearResponse implements CalendarYearView {
  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty({ description: 'The id deadlines record, national version plus tenant revision' })
  calendarId!: string;

  @ApiProperty()
  nationalVersionId!: string;

  @ApiProperty({ enum: ['national', 'tenant'], description: 'Shipped with the code, or published by the tenant' })
  publishedBy!: CalendarYearView['publishedBy'];

  @ApiProperty({ description: 'The year awaits its SKB: movable dates are estimates and cuti bersama unknown' })
  provisional!: boolean;

  @ApiProperty()
  provisionalReason!: string;

  @ApiProperty()
  source!: string;

  @ApiProperty({ type: 'integer' })
  utcOffsetMinutes!: number;

  @ApiProperty()
  cutiBersamaIsWorkingDay!: boolean;

  @ApiProperty({ type: 'integer' })
  workingDays!: number;

  @ApiProperty({ type: () => [CalendarHolidayResponse] })
  holidays!: CalendarHolidayResponse[];
}
