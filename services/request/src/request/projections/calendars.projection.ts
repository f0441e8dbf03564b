import { Injectable } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import { type Projection, ReadModelCache, type StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import {
  type CalendarEvent,
  calendarDecider,
  type CalendarStream,
  emptyCalendarStream,
  nationalCalendarFromEvent,
  type TenantCalendarSettings,
  type WorkingCalendar,
} from '../domain';

interface TenantCalendarRow {
  version: number;
  utc_offset_minutes: TenantCalendarSettings['utcOffsetMinutes'];
  cuti_bersama_is_working_day: boolean;
  local_holidays: CalendarStream['localHolidays'];
}

/** See ReadModelCache: how late another replica's calendar change may reach this process's commands. */
export const READ_MODEL_CACHE_TTL_MS = 5_000;

/**
 * The working-day calendars every deadline is computed on: national year versions (shipped, or
 * published by a tenant for itself) and each tenant's settings and local holidays. Command handlers
 * read it through TenantCalendars. A tenant row carries its stream version, which is part of the
 * calendar id; an event at or below it was applied already, so a replay changes nothing.
 */
@Injectable()
export class CalendarsProjection implements Projection<RequestEvent> {
  readonly name = 'calendars_v1';
  readonly tables = ['calendar_national_years_v1', 'tenant_calendars_v1'];
  /** Each tenant's working calendar as TenantCalendars builds it from these tables, for the commands that compute deadlines. */
  readonly workingCalendars = new ReadModelCache<WorkingCalendar>(READ_MODEL_CACHE_TTL_MS);

  committed(): void {
    this.workingCalendars.invalidate();
  }

  async apply(events: StoredEvent<RequestEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      switch (event.$case) {
        case 'nationalCalendarYearPublished': {
          const v = event.value;
          await tx.query(
            `INSERT INTO calendar_national_years_v1 (scope, year, revision, calendar_version_id, provisional, provisional_reason, source, holidays, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (scope, year, revision) DO NOTHING`,
            [
              v.tenantId,
              v.year,
              v.revision,
              v.calendarVersionId,
              v.provisional,
              v.provisionalReason,
              v.source,
              JSON.stringify(nationalCalendarFromEvent(v).holidays),
              v.publishedAt,
            ],
          );
          // A tenant's own national year changes its calendar id, which carries the stream version.
          if (v.tenantId !== '') await this.foldIntoTenant(tx, v.tenantId, event, envelope.streamVersion, envelope.occurredAt);
          break;
        }
        case 'tenantCalendarSettingsChanged':
        case 'localHolidayAdded':
        case 'localHolidayRemoved':
          await this.foldIntoTenant(tx, event.value.tenantId, event, envelope.streamVersion, envelope.occurredAt);
          break;
        default:
          break; // requests, complaints and standards have their own projections
      }
    }
  }

  private async foldIntoTenant(tx: PoolClient, tenantId: string, event: CalendarEvent, streamVersion: number, at: string): Promise<void> {
    const { rows } = await tx.query<TenantCalendarRow>(
      `SELECT version, utc_offset_minutes, cuti_bersama_is_working_day, local_holidays FROM tenant_calendars_v1 WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    );
    const row = rows[0];
    if (row && row.version >= streamVersion) return;
    const current: CalendarStream = row
      ? {
          ...emptyCalendarStream(),
          settings: { utcOffsetMinutes: row.utc_offset_minutes, cutiBersamaIsWorkingDay: row.cuti_bersama_is_working_day },
          localHolidays: row.local_holidays,
        }
      : emptyCalendarStream();
    const next = calendarDecider.evolve(current, event);
    await tx.query(
      `INSERT INTO tenant_calendars_v1 (tenant_id, version, utc_offset_minutes, cuti_bersama_is_working_day, local_holidays, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET version = $2, utc_offset_minutes = $3, cuti_bersama_is_working_day = $4, local_holidays = $5, updated_at = $6`,
      [tenantId, streamVersion, next.settings.utcOffsetMinutes, next.settings.cutiBersamaIsWorkingDay, JSON.stringify(next.localHolidays), at],
    );
  }
}
