import type { LocalDate } from '@lib/kernel';

/**
 * What the proposal rules read: figures already derived from events (the catalog's
 * ServiceStandardPublished/Revised, the survey service's SKM events, complaint and breach events,
 * completed requests), each carrying the ids of the events it came from. Dates are local dates of
 * the tenant; `asOf` is the day the figures stand for (at most the end of the cycle period).
 */

// ── Standar Pelayanan (indicators 1, 3, 4) ─────────────────────────────────────────────────────────

export interface StandardComponentFigure {
  /** 1..14 (PermenPANRB 15/2014); 1..6 are the service-delivery components. */
  number: number;
  /** Has content in the latest revision. */
  present: boolean;
  /** Channels it is published on, as the catalog names them ("office-board", "sippn", …). */
  publishedOn: readonly string[];
}

export interface StandardVersionFigure {
  /** 1 = first publication. */
  revision: number;
  /** When this revision took effect. */
  effectiveOn: LocalDate;
  eventId: string;
}

/** One service type (jenis pelayanan) of the unit, with its Standar Pelayanan. */
export interface ServiceStandardFigures {
  serviceId: string;
  name: string;
  /** Components of the latest revision. */
  components: readonly StandardComponentFigure[];
  /** Every revision so far, the first publication included. */
  versions: readonly StandardVersionFigure[];
}

export interface StandardFigures {
  asOf: LocalDate;
  services: readonly ServiceStandardFigures[];
}

// ── SKM (indicators 6, 7, 8, 9) ───────────────────────────────────────────────────────────────────

export interface DeclaredPopulation {
  population: number;
  /** What Bagian Organisasi based it on, e.g. "Data kunjungan Disdukcapil 2025". */
  source: string;
  declaredOn: LocalDate;
  eventId: string;
}

export interface PopulationFigures {
  /** The latest declaration or correction for the period; null when none was made. */
  declared: DeclaredPopulation | null;
  /** Requests of the unit completed in the survey period, as Pantau recorded them. */
  completedRequests: { count: number; eventIds: readonly string[] };
}

export interface SkmPublicationFigure {
  media: readonly string[];
  publishedOn: LocalDate;
  eventId: string;
}

export interface FollowUpFigure {
  itemId: string;
  dueDate: LocalDate;
  plannedEventId: string;
  /** Null while the item is not done. */
  completion: { completedOn: LocalDate; eventId: string } | null;
}

/** One SKM period of the unit. */
export interface SkmPeriodFigures {
  surveyId: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  /** Survey ruleset ref, e.g. "skm-2017@1". */
  ruleset: string;
  openedEventId: string;
  /** Null while the period is open. */
  closed: { closedOn: LocalDate; eventId: string } | null;
  /** Responses recorded (the respondents of the closed result). */
  responses: number;
  /** The converted IKM (25..100) of the closed result, shown beside the proposals. */
  ikmConverted: number | null;
  population: PopulationFigures;
  publications: readonly SkmPublicationFigure[];
  followUps: readonly FollowUpFigure[];
}

export interface SkmFigures {
  asOf: LocalDate;
  /** The unit's SKM periods that fall in the cycle period. */
  periods: readonly SkmPeriodFigures[];
}

// ── Complaints (indicators 26, 27, 28) ────────────────────────────────────────────────────────────

export type ComplaintChannel = 'in-person' | 'web' | 'lapor';

export interface ComplaintDeadlineBreachFigure {
  kind: 'status' | 'resolution';
  dueDate: LocalDate;
  eventId: string;
}

/** One complaint received in the period, as its events left it at `asOf`. */
export interface ComplaintFigure {
  complaintId: string;
  channel: ComplaintChannel;
  /** Responded to or resolved. */
  answered: boolean;
  /** Resolved and not reopened since. */
  resolved: boolean;
  /** As ComplaintResolved says; false when not resolved. */
  resolvedWithinDeadline: boolean;
  breaches: readonly ComplaintDeadlineBreachFigure[];
  eventIds: readonly string[];
}

/** A step of indicator 27's ladder that no event records yet: null until something does. */
export type EvidencedStep = { evidenced: boolean; eventIds: readonly string[] } | null;

export interface ComplaintFigures {
  asOf: LocalDate;
  complaints: readonly ComplaintFigure[];
  /** Whether the offline complaint desk is separate from the front office; null when nobody declared it. */
  frontOffice: { layout: 'separate' | 'combined'; eventIds: readonly string[] } | null;
  /** Steps of indicator 27 beyond the archive and the follow-up. */
  accountability: { reported: EvidencedStep; monitored: EvidencedStep; published: EvidencedStep };
}

// ── Request SLA (a shown figure, no indicator) ────────────────────────────────────────────────────

export interface CompletedRequestFigure {
  requestId: string;
  serviceId: string;
  completedOn: LocalDate;
  /** RequestCompleted.met_standard. */
  metStandard: boolean;
  eventId: string;
}

export interface RequestSlaBreachFigure {
  requestId: string;
  serviceId: string;
  dueDate: LocalDate;
  detectedOn: LocalDate;
  eventId: string;
}

export interface RequestSlaFigures {
  services: readonly { serviceId: string; name: string }[];
  completed: readonly CompletedRequestFigure[];
  breaches: readonly RequestSlaBreachFigure[];
}
