import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CalendarYearView, calendarYearView } from '../domain';
import { TenantCalendars } from './tenant-calendars';

/** A tenant's effective calendar for one year: what its deadlines use now. */
export class GetCalendarYearQuery extends Query<CalendarYearView> {
  constructor(
    readonly tenantId: string,
    readonly year: number,
  ) {
    super();
  }
}

@QueryHandler(GetCalendarYearQuery)
export class GetCalendarYearHandler implements IQueryHandler<GetCalendarYearQuery> {
  constructor(private readonly calendars: TenantCalendars) {}

  async execute({ tenantId, year }: GetCalendarYearQuery): Promise<CalendarYearView> {
    const { national, tenant } = await this.calendars.sourcesOf(tenantId);
    return calendarYearView(tenantId, national, tenant, year);
  }
}
