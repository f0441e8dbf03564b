import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@lib/kernel';
import type { PoolClient } from 'pg';
import type {
  ComplaintChannel,
  ComplaintDeadlineBreachFigure,
  ComplaintFigure,
  FollowUpFigure,
  ProposalInput,
  ProposalScope,
  RequestSlaFigures,
  ServiceStandardFigures,
  SkmPeriodFigures,
  SkmPublicationFigure,
  StandardComponentFigure,
} from '../domain/proposals';

interface StandardRow {
  service_id: string;
  revision: number;
  name: string;
  effective_on: string;
  components: StandardComponentFigure[];
  event_id: string;
}

interface RequestRow {
  request_id: string;
  service_id: string | null;
  completed_on: string | null;
  met_standard: boolean | null;
  completed_event_id: string | null;
  breach_due_date: string | null;
  breach_detected_on: string | null;
  breach_event_id: string | null;
}

interface ComplaintRow {
  complaint_id: string;
  channel: ComplaintChannel;
  answered: boolean;
  resolved: boolean;
  resolved_within_deadline: boolean;
  breaches: ComplaintDeadlineBreachFigure[];
  event_ids: string[];
}

interface SkmPeriodRow {
  survey_id: string;
  period_start: string;
  period_end: string;
  ruleset: string;
  opened_event_id: string;
  closed_on: string | null;
  closed_event_id: string | null;
  responses: number;
  ikm_converted: number | null;
  population: number | null;
  population_source: string | null;
  declared_population_source: string | null;
  population_declared_on: string | null;
  publications: SkmPublicationFigure[];
  follow_ups: Record<string, { dueDate?: string; plannedEventId?: string; completion?: { completedOn: string; eventId: string } }>;
}

/** A declaration made at opening, before declarations carried their source. */
const POPULATION_SOURCE_NOT_RECORDED = 'sumber tidak dicatat (dinyatakan saat survei dibuka)';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const inPeriod = (day: string | null, from: LocalDate, to: LocalDate): day is string => day !== null && day >= from && day <= to;

/**
 * Reads a unit's proposal figures for one cycle period from the figure tables the proposal-figures
 * consumers keep, in the caller's transaction. The figures stand as of the local date of the latest
 * event applied for the unit, at most the period's end: never the wall clock, so replaying the topics
 * gives the same proposals. Rows whose first event has not arrived (an item completed before its plan
 * was seen) are left out until it does.
 */
@Injectable()
export class ProposalFigures {
  async load(scope: ProposalScope, tx: PoolClient): Promise<ProposalInput> {
    const { tenantId, unitId, periodStart, periodEnd } = scope;
    const asOf = await this.asOf(scope, tx);
    const standards = await tx.query<StandardRow>(
      `SELECT service_id, revision, name, effective_on::text, components, event_id FROM proposal_standards_v1
       WHERE tenant_id = $1 AND unit_id = $2 ORDER BY service_id, revision`,
      [tenantId, unitId],
    );
    const services = new Map<string, StandardRow[]>();
    for (const row of standards.rows) services.set(row.service_id, [...(services.get(row.service_id) ?? []), row]);
    const serviceFigures: ServiceStandardFigures[] = [...services.entries()].map(([serviceId, versions]) => {
      const latest = versions[versions.length - 1];
      return {
        serviceId,
        name: latest.name,
        components: latest.components,
        versions: versions.map((v) => ({ revision: v.revision, effectiveOn: v.effective_on, eventId: v.event_id })),
      };
    });

    const requests = await this.requestRows(scope, tx);

    const complaints = (
      await tx.query<ComplaintRow & { received_on: string | null }>(
        `SELECT complaint_id, channel, received_on::text, answered, resolved, resolved_within_deadline, breaches, event_ids
         FROM proposal_complaints_v1 WHERE tenant_id = $1 AND unit_id = $2 AND channel IS NOT NULL ORDER BY complaint_id`,
        [tenantId, unitId],
      )
    ).rows.filter((row) => inPeriod(row.received_on, periodStart, asOf));

    const periods = (
      await tx.query<SkmPeriodRow>(
        `SELECT survey_id, period_start::text, period_end::text, ruleset, opened_event_id, closed_on::text, closed_event_id, responses,
                ikm_converted, population, population_source, declared_population_source, population_declared_on::text, publications, follow_ups
         FROM proposal_skm_periods_v1
         WHERE tenant_id = $1 AND unit_id = $2 AND opened_event_id IS NOT NULL AND period_end >= $3 AND period_start <= $4
         ORDER BY survey_id`,
        [tenantId, unitId, periodStart, periodEnd],
      )
    ).rows;

    return {
      scope,
      standards: { asOf, services: serviceFigures },
      skm: { asOf, periods: periods.map((row) => this.skmPeriod(row, requests)) },
      complaints: {
        asOf,
        complaints: complaints.map((row): ComplaintFigure => ({
          complaintId: row.complaint_id,
          channel: row.channel,
          answered: row.answered,
          resolved: row.resolved,
          resolvedWithinDeadline: row.resolved && row.resolved_within_deadline,
          breaches: [...row.breaches].sort((a, b) => byText(a.eventId, b.eventId)),
          eventIds: [...row.event_ids].sort(),
        })),
        // No event says whether the offline desk is separate, nor that complaints were reported, monitored or published.
        frontOffice: null,
        accountability: { reported: null, monitored: null, published: null },
      },
      requests: requestSlaFigures(requests, serviceFigures, scope, asOf),
    };
  }

  /** Only what the request SLA table needs: the services' names and the unit's request rows. */
  async loadRequestSla(scope: ProposalScope, tx: PoolClient): Promise<RequestSlaFigures> {
    const asOf = await this.asOf(scope, tx);
    const services = await tx.query<{ service_id: string; name: string }>(
      `SELECT DISTINCT ON (service_id) service_id, name FROM proposal_standards_v1
       WHERE tenant_id = $1 AND unit_id = $2 ORDER BY service_id, revision DESC`,
      [scope.tenantId, scope.unitId],
    );
    const named = services.rows.map((row) => ({ serviceId: row.service_id, name: row.name }));
    return requestSlaFigures(await this.requestRows(scope, tx), named, scope, asOf);
  }

  private async requestRows({ tenantId, unitId }: ProposalScope, tx: PoolClient): Promise<RequestRow[]> {
    const { rows } = await tx.query<RequestRow>(
      `SELECT request_id, service_id, completed_on::text, met_standard, completed_event_id, breach_due_date::text, breach_detected_on::text, breach_event_id
       FROM proposal_requests_v1 WHERE tenant_id = $1 AND unit_id = $2 ORDER BY request_id`,
      [tenantId, unitId],
    );
    return rows;
  }

  /** The local date of the latest event applied for the unit, at most the period's end; the period's start when there is none. */
  private async asOf({ tenantId, unitId, periodStart, periodEnd }: ProposalScope, tx: PoolClient): Promise<LocalDate> {
    const { rows } = await tx.query<{ latest: string | null }>(
      `SELECT greatest(
         (SELECT max(recorded_on) FROM proposal_standards_v1 WHERE tenant_id = $1 AND unit_id = $2),
         (SELECT max(recorded_on) FROM proposal_requests_v1 WHERE tenant_id = $1 AND unit_id = $2),
         (SELECT max(recorded_on) FROM proposal_complaints_v1 WHERE tenant_id = $1 AND unit_id = $2),
         (SELECT max(recorded_on) FROM proposal_skm_periods_v1 WHERE tenant_id = $1 AND unit_id = $2))::text AS latest`,
      [tenantId, unitId],
    );
    const latest = rows[0]?.latest ?? periodStart;
    return latest > periodEnd ? periodEnd : latest < periodStart ? periodStart : latest;
  }

  private skmPeriod(row: SkmPeriodRow, requests: readonly RequestRow[]): SkmPeriodFigures {
    const completedInPeriod = requests.filter((r) => r.completed_event_id !== null && inPeriod(r.completed_on, row.period_start, row.period_end));
    const closed = row.closed_on !== null && row.closed_event_id !== null ? { closedOn: row.closed_on, eventId: row.closed_event_id } : null;
    const declared =
      closed && row.population_source === 'declared' && row.population !== null
        ? {
            population: row.population,
            source: row.declared_population_source ?? POPULATION_SOURCE_NOT_RECORDED,
            declaredOn: row.population_declared_on ?? closed.closedOn,
            eventId: closed.eventId,
          }
        : null;
    const followUps = Object.entries(row.follow_ups)
      .filter(([, item]) => item.dueDate !== undefined && item.plannedEventId !== undefined)
      .sort(([a], [b]) => byText(a, b))
      .map(([itemId, item]): FollowUpFigure => ({
        itemId,
        dueDate: item.dueDate ?? '',
        plannedEventId: item.plannedEventId ?? '',
        completion: item.completion ?? null,
      }));
    return {
      surveyId: row.survey_id,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      ruleset: row.ruleset,
      openedEventId: row.opened_event_id,
      closed,
      responses: closed ? row.responses : 0,
      ikmConverted: closed ? row.ikm_converted : null,
      population: {
        declared,
        completedRequests: { count: completedInPeriod.length, eventIds: completedInPeriod.map((r) => r.completed_event_id ?? '').sort() },
      },
      publications: [...row.publications].sort((a, b) => byText(a.eventId, b.eventId)),
      followUps,
    };
  }
}

function requestSlaFigures(
  requests: readonly RequestRow[],
  services: readonly { serviceId: string; name: string }[],
  { periodStart }: ProposalScope,
  asOf: LocalDate,
): RequestSlaFigures {
  return {
    services: services.map(({ serviceId, name }) => ({ serviceId, name })),
    completed: requests
      .filter((r) => r.completed_event_id !== null && r.service_id !== null && inPeriod(r.completed_on, periodStart, asOf))
      .map((r) => ({
        requestId: r.request_id,
        serviceId: r.service_id ?? '',
        completedOn: r.completed_on ?? '',
        metStandard: r.met_standard === true,
        eventId: r.completed_event_id ?? '',
      })),
    breaches: requests
      .filter((r) => r.breach_event_id !== null && r.service_id !== null && r.breach_due_date !== null && inPeriod(r.breach_detected_on, periodStart, asOf))
      .map((r) => ({
        requestId: r.request_id,
        serviceId: r.service_id ?? '',
        dueDate: r.breach_due_date ?? '',
        detectedOn: r.breach_detected_on ?? '',
        eventId: r.breach_event_id ?? '',
      })),
  };
}
