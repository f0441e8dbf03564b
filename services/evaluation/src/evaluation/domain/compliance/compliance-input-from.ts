import type { ProposalInput } from '../proposals/propose-indicators';
import type { ComplaintFigure, ServiceStandardFigures, SkmPeriodFigures } from '../proposals/figures';
import type { ComplianceObservations } from './compliance-observations';
import { type ComplianceDimensionCode, type ComplianceRuleset, complianceDimensions, type DimensionMeasureKind } from './compliance-ruleset';
import type { ComplaintFigures, ComplianceInput, ServiceProductObservation } from './grade-compliance';
import { STANDAR_PELAYANAN_COMPONENTS } from './standar-pelayanan';

// What the events already say about a unit, mapped onto what the compliance rulesets read: nobody
// types in what a ServiceStandardPublished, a ComplaintResolved or an SkmPeriodClosed already said.
// Only what no source event holds (observation items, public trust, maladministration) comes from
// the observations recorded on the unit's compliance stream.

/** The ids of the events behind each part of a ComplianceInput, sorted. */
export interface ComplianceInputSources {
  serviceProducts: string[];
  /** Per dimension scored from observation items. */
  observedItems: Partial<Record<ComplianceDimensionCode, string[]>>;
  complaints: string[];
  skm: string[];
  publicTrust: string[];
  maladministration: string[];
}

export interface ComplianceInputWithSources {
  input: ComplianceInput;
  sources: ComplianceInputSources;
}

/** The part of the 2025 grade that is no dimension but has events behind it too. */
export const MALADMINISTRATION_PART = 'maladministration';

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const COMPONENT_BY_NUMBER = new Map(STANDAR_PELAYANAN_COMPONENTS.map((component) => [component.no, component]));
// A number outside the 14 still reaches the grade, which reports it among the codes its ruleset does not list.
const componentCode = (number: number): string => COMPONENT_BY_NUMBER.get(number)?.code ?? `komponen-${number}`;

/**
 * Rule: a service type with a Standar Pelayanan is a service product; a component is fulfilled when its
 * latest revision has content for it and, for the six service-delivery components (wajib
 * dipublikasikan, UU 25/2009 Pasal 21), when it is also published on at least one channel.
 */
function serviceProduct(service: ServiceStandardFigures): ServiceProductObservation {
  const fulfilled = service.components.filter((component) => {
    if (!component.present) return false;
    const serviceDelivery = COMPONENT_BY_NUMBER.get(component.number)?.group === 'service-delivery';
    return !serviceDelivery || component.publishedOn.length > 0;
  });
  return { productId: service.serviceId, fulfilledComponents: fulfilled.map((component) => componentCode(component.number)) };
}

/** The latest revision is the one whose components count. */
const latestRevisionEventId = (service: ServiceStandardFigures): string[] =>
  [...service.versions]
    .sort((a, b) => a.revision - b.revision)
    .slice(-1)
    .map((version) => version.eventId);

/**
 * Rule: every complaint received in the period counts; it was answered within the first-response
 * deadline when it is answered and no status deadline was breached, and resolved within deadline as
 * its ComplaintResolved said (a reopened one is not resolved). One still open within its deadlines
 * counts as not (yet) within deadline: the grade stands as of the figures' date.
 */
function complaintFigures(complaints: readonly ComplaintFigure[]): ComplaintFigures {
  return {
    received: complaints.length,
    respondedWithinDeadline: complaints.filter((c) => c.answered && !c.breaches.some((breach) => breach.kind === 'status')).length,
    resolvedWithinDeadline: complaints.filter((c) => c.resolved && c.resolvedWithinDeadline).length,
  };
}

const IKM_KONVERSI = { min: 25, max: 100 };

/** A closed period whose result has an IKM konversi: one with no response has none to take. */
const hasResult = (period: SkmPeriodFigures): period is SkmPeriodFigures & { closed: NonNullable<SkmPeriodFigures['closed']>; ikmConverted: number } =>
  period.closed !== null &&
  period.responses > 0 &&
  period.ikmConverted !== null &&
  period.ikmConverted >= IKM_KONVERSI.min &&
  period.ikmConverted <= IKM_KONVERSI.max;

/** Rule: the unit's SKM result is that of its latest closed period in the cycle period (by period end, then closing date). */
function latestSkmResult(periods: readonly SkmPeriodFigures[]): { ikm: number; eventId: string } | null {
  const latest = periods
    .filter(hasResult)
    .sort((a, b) => byText(a.periodEnd, b.periodEnd) || byText(a.closed.closedOn, b.closed.closedOn) || byText(a.surveyId, b.surveyId))
    .at(-1);
  return latest ? { ikm: latest.ikmConverted, eventId: latest.closed.eventId } : null;
}

/** Maps a unit's figures (from the request and survey events) and its recorded observations onto a compliance input, with the events behind each part. */
export function complianceInputFrom(figures: ProposalInput, observations: ComplianceObservations<{ eventId: string }>): ComplianceInputWithSources {
  const services = [...figures.standards.services].sort((a, b) => byText(a.serviceId, b.serviceId));
  const skm = latestSkmResult(figures.skm.periods);
  const items = Object.values(observations.items).sort((a, b) => byText(a.dimension, b.dimension) || byText(a.itemCode, b.itemCode));
  const observedItems: ComplianceInputSources['observedItems'] = {};
  for (const item of items) observedItems[item.dimension] = sorted([...(observedItems[item.dimension] ?? []), item.eventId]);
  const { publicTrust, maladministration } = observations;
  const complaints = figures.complaints.complaints;
  return {
    input: {
      serviceProducts: services.map(serviceProduct),
      observedItems: items.map(({ dimension, itemCode, score }) => ({ dimension, itemCode, score })),
      complaints: complaintFigures(complaints),
      skm: skm ? { ikm: skm.ikm } : null,
      publicTrust: publicTrust ? { score: publicTrust.score } : null,
      maladministration: maladministration
        ? { substantiatedFindings: maladministration.substantiatedFindings, unresolvedOmbudsmanActions: maladministration.unresolvedOmbudsmanActions }
        : null,
    },
    sources: {
      serviceProducts: sorted(services.flatMap(latestRevisionEventId)),
      observedItems,
      complaints: sorted(complaints.flatMap((c) => [...c.eventIds, ...c.breaches.map((breach) => breach.eventId)])),
      skm: skm ? [skm.eventId] : [],
      publicTrust: publicTrust ? [publicTrust.eventId] : [],
      maladministration: maladministration ? [maladministration.eventId] : [],
    },
  };
}

const SOURCES_OF_MEASURE: Record<Exclude<DimensionMeasureKind, 'observed-items'>, keyof Omit<ComplianceInputSources, 'observedItems'>> = {
  'standard-components': 'serviceProducts',
  'complaint-handling': 'complaints',
  'skm-ikm': 'skm',
  'public-trust': 'publicTrust',
};

/**
 * The events behind each dimension of `ruleset` (and behind its maladministration finding, when it has
 * one): those of the input part the dimension's measure reads.
 */
export function complianceDimensionSources(ruleset: ComplianceRuleset, sources: ComplianceInputSources): Record<string, string[]> {
  const byDimension: Record<string, string[]> = {};
  for (const { code, measure } of complianceDimensions(ruleset)) {
    byDimension[code] = measure.kind === 'observed-items' ? (sources.observedItems[code] ?? []) : sources[SOURCES_OF_MEASURE[measure.kind]];
  }
  if (ruleset.maladministrationFinding) byDimension[MALADMINISTRATION_PART] = sources.maladministration;
  return byDimension;
}
