import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandMeta } from '@lib/event-sourcing';
import { InputProblemException, RequirePermission, Caller } from '@lib/platform';
import { type CalendarStep, ChangeCalendarCommand } from '../commands/change-calendar.command';
import { validateNationalCalendarYear } from '../domain';
import { GetCalendarYearQuery } from '../queries/calendar-year.query';

import {
  AddLocalHolidayRequest,
  CalendarYearPath,
  CalendarYearQuery,
  ChangeCalendarSettingsRequest,
  LocalHolidayPath,
  PublishNationalCalendarYearRequest,
  RemoveLocalHolidayRequest,
} from './calendar.request';
import { CalendarResponse, CalendarYearResponse } from './calendar.response';
import { calendarBody } from './responses';

/**
 * The tenant's working-day calendar: read it, and (Bagian Organisasi) change its settings and local
 * holidays or publish a national year for it. A change applies to deadlines computed afterwards;
 * recorded due dates keep the calendar they name.
 */
@ApiTags('calendars')
@Controller('calendars')
export class CalendarsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':year')
  @RequirePermission('request:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: "The tenant's effective calendar for a year: working days, holidays with kind, source and provisional flag" })
  @ApiOkResponse({ description: 'The national version in use, whether it awaits its SKB, the settings and every holiday', type: CalendarYearResponse })
  @ApiNotFoundResponse({ description: 'The calendar does not cover the year (CALENDAR_YEAR.NOT_FOUND)' })
  year(@Param() { year }: CalendarYearPath, @Query() _filter: CalendarYearQuery, @Caller() { actor }: Caller): Promise<CalendarYearResponse> {
    return this.queries.execute(new GetCalendarYearQuery(actor.tenantId, year));
  }

  @Put('settings')
  @RequirePermission('calendar:admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: "Set the tenant's UTC offset (WIB/WITA/WIT) and whether its units work through cuti bersama" })
  @ApiOkResponse({ description: "The tenant's calendar settings and local holidays", type: CalendarResponse })
  changeSettings(@Body() body: ChangeCalendarSettingsRequest, @Caller() { meta }: Caller) {
    const settings = { utcOffsetMinutes: body.utcOffsetMinutes, cutiBersamaIsWorkingDay: body.cutiBersamaIsWorkingDay };
    return this.change({ type: 'ChangeTenantCalendarSettings', settings, reason: body.reason ?? '' }, meta);
  }

  @Post('local-holidays')
  @RequirePermission('calendar:admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: "Add a local holiday (e.g. the city's anniversary) to the tenant's calendar" })
  @ApiCreatedResponse({ description: "The tenant's calendar settings and local holidays", type: CalendarResponse })
  @ApiConflictResponse({ description: 'Another local holiday on that date (CALENDAR.LOCAL_HOLIDAY_EXISTS)' })
  addLocalHoliday(@Body() body: AddLocalHolidayRequest, @Caller() { meta }: Caller) {
    return this.change({ type: 'AddLocalHoliday', holiday: { date: body.date, name: body.name, source: body.source ?? '' } }, meta);
  }

  @Post('local-holidays/:date/remove')
  @HttpCode(200)
  @RequirePermission('calendar:admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: "Remove a local holiday from the tenant's calendar" })
  @ApiOkResponse({ description: "The tenant's calendar settings and local holidays", type: CalendarResponse })
  @ApiNotFoundResponse({ description: 'No local holiday on that date (LOCAL_HOLIDAY.NOT_FOUND)' })
  removeLocalHoliday(@Param() { date }: LocalHolidayPath, @Body() body: RemoveLocalHolidayRequest, @Caller() { meta }: Caller) {
    return this.change({ type: 'RemoveLocalHoliday', date, reason: body.reason ?? '' }, meta);
  }

  @Put(':year/national')
  @RequirePermission('calendar:admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: 'Publish a national year for the tenant (e.g. from the signed SKB) as a revision above the one in use; other tenants keep theirs',
  })
  @ApiOkResponse({ description: "The tenant's calendar, with the national years it published", type: CalendarResponse })
  @ApiBadRequestResponse({ description: 'A rule broken, named by field, e.g. holidays[2].date for a date outside the year' })
  publishNationalYear(@Param() { year }: CalendarYearPath, @Body() body: PublishNationalCalendarYearRequest, @Caller() { meta }: Caller) {
    const calendar = { year, provisional: body.provisional, provisionalReason: body.provisionalReason ?? '', source: body.source, holidays: body.holidays };
    const violations = validateNationalCalendarYear(calendar);
    if (violations.length > 0) {
      throw new InputProblemException(violations.map((violation) => ({ field: violation.path, rule: violation.rule, message: violation.message })));
    }
    return this.change({ type: 'PublishNationalCalendarYear', calendar }, meta);
  }

  private async change(step: CalendarStep, meta: CommandMeta): Promise<CalendarResponse> {
    const outcome = await this.commands.execute(new ChangeCalendarCommand(step, meta));
    return calendarBody(meta.tenantId, outcome);
  }
}
