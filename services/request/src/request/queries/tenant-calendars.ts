import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { CalendarsProjection } from '../projections/calendars.projection';
import {
  type CalendarStream,
  effectiveNationalYears,
  emptyCalendarStream,
  type Holiday,
  type NationalCalendarYear,
  tenantWorkingCalendar,
  type TenantCalendarSettings,
  type WorkingCalendar,
} from '../domain';

/** Everything a tenant's calendar is built from, as the read model holds it now. */
export interface TenantCalendarSources {
  /** Shipped national years, every tenant's. */
  national: NationalCalendarYear[];
  /** The tenant's stream: settings, local holidays and the national years it published for itself. */
  tenant: CalendarStream;
}

interface CalendarRows {
  tenant: {
    version: number;
    utc_offset_minutes: TenantCalendarSettings['utcOffsetMinutes'];
    cuti_bersama_is_working_day: boolean;
    local_holidays: CalendarStream['localHolidays'];
  } | null;
  years: { scope: string; year: number; revision: number; provisional: boolean; provisional_reason: string; source: string; holidays: Holiday[] }[];
}

/**
 * Reads a tenant's working-day calendar from the calendar read model (CalendarsProjection), in one
 * round trip, for every command that computes or checks a deadline and for the queries that judge
 * "overdue" in the tenant's local date.
 */
@Injectable()
export class TenantCalendars {
  constructor(
    private readonly pool: Pool,
    private readonly projection: CalendarsProjection,
  ) {}

  async sourcesOf(tenantId: string): Promise<TenantCalendarSources> {
    const { rows } = await this.pool.query<CalendarRows>(
      `SELECT
         (SELECT row_to_json(t) FROM tenant_calendars_v1 t WHERE t.tenant_id = $1) AS tenant,
         (SELECT coalesce(json_agg(n ORDER BY n.year, n.revision), '[]'::json) FROM calendar_national_years_v1 n WHERE n.scope IN ('', $1)) AS years`,
      [tenantId],
    );
    const { tenant, years } = rows[0];
    const toYear = (row: CalendarRows['years'][number]): NationalCalendarYear => ({
      year: row.year,
      revision: row.revision,
      provisional: row.provisional,
      provisionalReason: row.provisional_reason,
      source: row.source,
      holidays: row.holidays,
    });
    return {
      national: years.filter((row) => row.scope === '').map(toYear),
      tenant: {
        ...emptyCalendarStream(),
        ...(tenant && {
          version: tenant.version,
          settings: { utcOffsetMinutes: tenant.utc_offset_minutes, cutiBersamaIsWorkingDay: tenant.cuti_bersama_is_working_day },
          localHolidays: tenant.local_holidays,
        }),
        nationalYears: years.filter((row) => row.scope === tenantId).map(toYear),
      },
    };
  }

  /** The calendar a deadline computed now for `tenantId` uses; kept until the calendar tables change. */
  workingCalendarOf(tenantId: string): Promise<WorkingCalendar> {
    return this.projection.workingCalendars.get(tenantId, async () => {
      const { national, tenant } = await this.sourcesOf(tenantId);
      return tenantWorkingCalendar(tenantId, national, tenant);
    });
  }

  /** The national version of `year` the tenant uses now, if its calendar covers the year. */
  async nationalYearInUse(tenantId: string, year: number): Promise<NationalCalendarYear | undefined> {
    const { national, tenant } = await this.sourcesOf(tenantId);
    return effectiveNationalYears(national, tenant.nationalYears).find((effective) => effective.calendar.year === year)?.calendar;
  }
}
