import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { localDate } from '../domain';
import { TenantCalendars } from './tenant-calendars';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageParams {
  limit: number;
  offset: number;
}

const dateOf = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : value);

// pg returns `date` columns as local-midnight Dates; read them as text instead.
const DUE = `to_char(due_date, 'YYYY-MM-DD') AS due_date`;

export interface PublicRequestStatus {
  trackingCode: string;
  serviceId: string;
  status: string;
  submittedAt: string;
  dueDate: string;
  /** The due date rests on provisional calendar data (e.g. 2027 before its SKB) and may not hold. */
  dueDateProvisional: boolean;
  paused: boolean;
  overdue: boolean;
  metStandard: boolean | null;
  closedAt: string | null;
}

/** What a citizen sees with a tracking code: no internal ids, no staff names. */
export class GetRequestByTrackingCodeQuery extends Query<PublicRequestStatus> {
  constructor(readonly trackingCode: string) {
    super();
  }
}

@QueryHandler(GetRequestByTrackingCodeQuery)
export class GetRequestByTrackingCodeHandler implements IQueryHandler<GetRequestByTrackingCodeQuery> {
  constructor(
    private readonly pool: Pool,
    private readonly calendars: TenantCalendars,
    private readonly clock: Clock,
  ) {}

  async execute({ trackingCode }: GetRequestByTrackingCodeQuery): Promise<PublicRequestStatus> {
    const { rows } = await this.pool.query(`SELECT *, ${DUE} FROM requests_v1 WHERE tracking_code = $1 ORDER BY submitted_at LIMIT 1`, [trackingCode]);
    if (rows.length === 0) throw new DomainError('REQUEST.NOT_FOUND', `no request with tracking code ${trackingCode}`);
    const row = rows[0];
    const today = localDate(await this.calendars.workingCalendarOf(row.tenant_id), this.clock.now().toISOString());
    const open = ['submitted', 'in-process'].includes(row.status);
    return {
      trackingCode: row.tracking_code,
      serviceId: row.service_id,
      status: row.status,
      submittedAt: new Date(row.submitted_at).toISOString(),
      dueDate: row.due_date,
      dueDateProvisional: row.due_date_provisional,
      paused: row.paused,
      overdue: open && (row.sla_breached || row.due_date < today),
      metStandard: row.met_standard,
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    };
  }
}

export interface RequestRow {
  requestId: string;
  unitId: string;
  serviceId: string;
  trackingCode: string;
  status: string;
  period: string;
  dueDate: string;
  dueDateProvisional: boolean;
  /** The working-day calendar the due date was computed on. */
  calendarId: string;
  paused: boolean;
  slaBreached: boolean;
  metStandard: boolean | null;
}

export class ListRequestsQuery extends Query<Page<RequestRow>> {
  constructor(
    readonly tenantId: string,
    readonly filter: { unitId?: string; period?: string; status?: string },
    readonly page: PageParams,
  ) {
    super();
  }
}

@QueryHandler(ListRequestsQuery)
export class ListRequestsHandler implements IQueryHandler<ListRequestsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, filter, page }: ListRequestsQuery): Promise<Page<RequestRow>> {
    const { rows } = await this.pool.query(
      `SELECT *, ${DUE}, count(*) OVER () AS total FROM requests_v1
       WHERE tenant_id = $1 AND ($2::text IS NULL OR unit_id = $2) AND ($3::text IS NULL OR period LIKE $3 || '%') AND ($4::text IS NULL OR status = $4)
       ORDER BY submitted_at DESC, request_id LIMIT $5 OFFSET $6`,
      [tenantId, filter.unitId ?? null, filter.period ?? null, filter.status ?? null, page.limit, page.offset],
    );
    return {
      items: rows.map((row) => ({
        requestId: row.request_id,
        unitId: row.unit_id,
        serviceId: row.service_id,
        trackingCode: row.tracking_code,
        status: row.status,
        period: row.period,
        dueDate: dateOf(row.due_date) ?? '',
        dueDateProvisional: row.due_date_provisional,
        calendarId: row.calendar_id,
        paused: row.paused,
        slaBreached: row.sla_breached,
        metStandard: row.met_standard,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      ...page,
    };
  }
}

export interface ServiceStandardRow {
  serviceId: string;
  unitId: string;
  name: string;
  revision: number;
  effectiveAt: string;
  completionWorkingDays: number;
  costRupiah: number;
  requirements: string[];
  product: string;
  complete: boolean;
  missingComponents: number[];
  unpublishedComponents: number[];
}

export class ListServiceStandardsQuery extends Query<Page<ServiceStandardRow>> {
  constructor(
    readonly tenantId: string,
    readonly filter: { unitId?: string; serviceId?: string },
    readonly page: PageParams,
  ) {
    super();
  }
}

@QueryHandler(ListServiceStandardsQuery)
export class ListServiceStandardsHandler implements IQueryHandler<ListServiceStandardsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, filter, page }: ListServiceStandardsQuery): Promise<Page<ServiceStandardRow>> {
    const { rows } = await this.pool.query(
      `SELECT *, count(*) OVER () AS total FROM service_standards_v1
       WHERE tenant_id = $1 AND ($2::text IS NULL OR unit_id = $2) AND ($3::text IS NULL OR service_id = $3)
       ORDER BY service_id LIMIT $4 OFFSET $5`,
      [tenantId, filter.unitId ?? null, filter.serviceId ?? null, page.limit, page.offset],
    );
    return {
      items: rows.map((row) => ({
        serviceId: row.service_id,
        unitId: row.unit_id,
        name: row.name,
        revision: row.revision,
        effectiveAt: new Date(row.effective_at).toISOString(),
        completionWorkingDays: row.completion_working_days,
        costRupiah: Number(row.cost_rupiah),
        requirements: row.requirements,
        product: row.product,
        complete: row.complete,
        missingComponents: row.missing_components,
        unpublishedComponents: row.unpublished_components,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      ...page,
    };
  }
}

export interface UnitFigures {
  unitId: string;
  period: string;
  requests: { submitted: number; completed: number; completedOnTime: number; open: number; overdue: number; slaCompliancePercent: number | null };
  complaints: {
    received: number;
    resolved: number;
    resolvedWithinDeadline: number;
    open: number;
    overdue: number;
    resolvedWithinDeadlinePercent: number | null;
    receivedViaLapor: number;
    resolvedViaLapor: number;
    laporResolvedPercent: number | null;
  };
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : null);

/** Per unit and month of submission/receipt; "overdue" is judged today on the tenant's calendar. */
export class GetUnitFiguresQuery extends Query<Page<UnitFigures>> {
  constructor(
    readonly tenantId: string,
    readonly filter: { unitId?: string; period?: string },
    readonly page: PageParams,
  ) {
    super();
  }
}

@QueryHandler(GetUnitFiguresQuery)
export class GetUnitFiguresHandler implements IQueryHandler<GetUnitFiguresQuery> {
  constructor(
    private readonly pool: Pool,
    private readonly calendars: TenantCalendars,
    private readonly clock: Clock,
  ) {}

  async execute({ tenantId, filter, page }: GetUnitFiguresQuery): Promise<Page<UnitFigures>> {
    const today = localDate(await this.calendars.workingCalendarOf(tenantId), this.clock.now().toISOString());
    const { rows } = await this.pool.query(
      `WITH r AS (
         SELECT unit_id, period,
           count(*)::int AS submitted,
           count(*) FILTER (WHERE status = 'completed')::int AS completed,
           count(*) FILTER (WHERE met_standard)::int AS completed_on_time,
           count(*) FILTER (WHERE status IN ('submitted', 'returned', 'in-process'))::int AS open,
           count(*) FILTER (WHERE status IN ('submitted', 'in-process') AND (sla_breached OR due_date < $4::date))::int AS overdue
         FROM requests_v1 WHERE tenant_id = $1 AND ($2::text IS NULL OR unit_id = $2) AND ($3::text IS NULL OR period LIKE $3 || '%')
         GROUP BY unit_id, period
       ), c AS (
         SELECT unit_id, period,
           count(*)::int AS received,
           count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
           count(*) FILTER (WHERE status = 'resolved' AND resolved_within_deadline)::int AS resolved_within_deadline,
           count(*) FILTER (WHERE status IN ('received', 'postponed', 'verified', 'assigned', 'responded'))::int AS open,
           count(*) FILTER (WHERE status IN ('received', 'verified', 'assigned', 'responded')
             AND (deadline_breaches > 0 OR resolution_due_date < $4::date))::int AS overdue,
           count(*) FILTER (WHERE via_lapor)::int AS received_via_lapor,
           count(*) FILTER (WHERE via_lapor AND status = 'resolved')::int AS resolved_via_lapor
         FROM complaints_v1 WHERE tenant_id = $1 AND ($2::text IS NULL OR unit_id = $2) AND ($3::text IS NULL OR period LIKE $3 || '%')
         GROUP BY unit_id, period
       )
       SELECT unit_id, period, count(*) OVER () AS total,
         r.submitted, r.completed, r.completed_on_time, r.open AS r_open, r.overdue AS r_overdue,
         c.received, c.resolved, c.resolved_within_deadline, c.open AS c_open, c.overdue AS c_overdue, c.received_via_lapor, c.resolved_via_lapor
       FROM r FULL JOIN c USING (unit_id, period)
       ORDER BY period DESC, unit_id LIMIT $5 OFFSET $6`,
      [tenantId, filter.unitId ?? null, filter.period ?? null, today, page.limit, page.offset],
    );
    const n = (value: number | null) => value ?? 0;
    return {
      items: rows.map((row) => ({
        unitId: row.unit_id,
        period: row.period,
        requests: {
          submitted: n(row.submitted),
          completed: n(row.completed),
          completedOnTime: n(row.completed_on_time),
          open: n(row.r_open),
          overdue: n(row.r_overdue),
          slaCompliancePercent: percent(n(row.completed_on_time), n(row.completed)),
        },
        complaints: {
          received: n(row.received),
          resolved: n(row.resolved),
          resolvedWithinDeadline: n(row.resolved_within_deadline),
          open: n(row.c_open),
          overdue: n(row.c_overdue),
          resolvedWithinDeadlinePercent: percent(n(row.resolved_within_deadline), n(row.resolved)),
          receivedViaLapor: n(row.received_via_lapor),
          resolvedViaLapor: n(row.resolved_via_lapor),
          laporResolvedPercent: percent(n(row.resolved_via_lapor), n(row.received_via_lapor)),
        },
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      ...page,
    };
  }
}

export interface ComplaintRow {
  complaintId: string;
  unitId: string;
  channel: string;
  category: string;
  status: string;
  period: string;
  statusDueDate: string;
  resolutionDueDate: string | null;
  /** The deadlines rest on provisional calendar data (e.g. 2027 before its SKB) and may not hold. */
  deadlinesProvisional: boolean;
  deadlineBreaches: number;
  resolvedWithinDeadline: boolean | null;
}

/** Staff view of complaints; the reporter's identity is not part of it. */
export class ListComplaintsQuery extends Query<Page<ComplaintRow>> {
  constructor(
    readonly tenantId: string,
    readonly filter: { unitId?: string; period?: string; status?: string; complaintId?: string },
    readonly page: PageParams,
  ) {
    super();
  }
}

@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, filter, page }: ListComplaintsQuery): Promise<Page<ComplaintRow>> {
    const { rows } = await this.pool.query(
      `SELECT *, to_char(status_due_date, 'YYYY-MM-DD') AS status_due, to_char(resolution_due_date, 'YYYY-MM-DD') AS resolution_due,
         count(*) OVER () AS total
       FROM complaints_v1
       WHERE tenant_id = $1 AND ($2::text IS NULL OR unit_id = $2) AND ($3::text IS NULL OR period LIKE $3 || '%')
         AND ($4::text IS NULL OR status = $4) AND ($5::uuid IS NULL OR complaint_id = $5)
       ORDER BY received_at DESC, complaint_id LIMIT $6 OFFSET $7`,
      [tenantId, filter.unitId ?? null, filter.period ?? null, filter.status ?? null, filter.complaintId ?? null, page.limit, page.offset],
    );
    return {
      items: rows.map((row) => ({
        complaintId: row.complaint_id,
        unitId: row.unit_id,
        channel: row.channel,
        category: row.category,
        status: row.status,
        period: row.period,
        statusDueDate: row.status_due,
        resolutionDueDate: row.resolution_due,
        deadlinesProvisional: row.deadlines_provisional,
        deadlineBreaches: row.deadline_breaches,
        resolvedWithinDeadline: row.resolved_within_deadline,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      ...page,
    };
  }
}
