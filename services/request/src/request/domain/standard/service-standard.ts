import type { RequestEvent, requestPb } from '@lib/contracts';
import { assertNever, type Decider, type EventsOf } from '@lib/event-sourcing/domain';
import { DomainError } from '../error-codes';
import { instantMs } from '../calendar/working-days';

/**
 * Standar Pelayanan of one service type (UU 25/2009 Pasal 21; PermenPANRB 15/2014): 14 components,
 * 6 of them service-delivery components that must be published, 8 internal ("manufacturing") ones.
 * Stream `service-standard-<serviceId>`. An incomplete standard can still be published: the
 * completeness result travels on the event so the evaluation context can score it.
 */

export type ComponentGroup = 'service-delivery' | 'manufacturing';

export interface ComponentDefinition {
  number: number;
  key: string;
  name: string;
  group: ComponentGroup;
  /** Set when the component's place in the list is not confirmed (domain.md section 4). */
  provisional?: string;
}

export const STANDARD_COMPONENTS: readonly ComponentDefinition[] = [
  { number: 1, key: 'requirements', name: 'Persyaratan', group: 'service-delivery' },
  { number: 2, key: 'procedure', name: 'Sistem, mekanisme, dan prosedur', group: 'service-delivery' },
  { number: 3, key: 'completion-time', name: 'Jangka waktu pelayanan', group: 'service-delivery' },
  { number: 4, key: 'cost', name: 'Biaya/tarif', group: 'service-delivery' },
  { number: 5, key: 'product', name: 'Produk pelayanan', group: 'service-delivery' },
  { number: 6, key: 'complaint-handling', name: 'Penanganan pengaduan, saran, dan masukan', group: 'service-delivery' },
  { number: 7, key: 'legal-basis', name: 'Dasar hukum', group: 'manufacturing' },
  { number: 8, key: 'facilities', name: 'Sarana dan prasarana, dan/atau fasilitas', group: 'manufacturing' },
  { number: 9, key: 'staff-competence', name: 'Kompetensi pelaksana', group: 'manufacturing' },
  { number: 10, key: 'internal-supervision', name: 'Pengawasan internal', group: 'manufacturing' },
  { number: 11, key: 'staff-count', name: 'Jumlah pelaksana', group: 'manufacturing' },
  { number: 12, key: 'service-guarantee', name: 'Jaminan pelayanan', group: 'manufacturing' },
  { number: 13, key: 'security-and-safety', name: 'Jaminan keamanan dan keselamatan pelayanan', group: 'manufacturing' },
  {
    number: 14,
    key: 'staff-performance-evaluation',
    name: 'Evaluasi kinerja pelaksana',
    group: 'manufacturing',
    provisional: 'domain.md 4: list truncated in both copies; recalled from UU 25/2009 Pasal 21',
  },
];

export const SERVICE_DELIVERY_COMPONENTS = STANDARD_COMPONENTS.filter((c) => c.group === 'service-delivery').map((c) => c.number);

/** Where a component can be published. */
export const PUBLICATION_CHANNELS = ['office-board', 'website', 'sippn', 'brochure', 'social-media', 'mobile-app', 'information-kiosk'] as const;
export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number];

export interface ComponentContent {
  number: number;
  content: string;
  publishedOn: readonly string[];
}

export interface StandardContent {
  name: string;
  components: readonly ComponentContent[];
  /** Promised completion time in working days (0 = same day). */
  completionWorkingDays: number;
  /** Rupiah; 0 = free. */
  costRupiah: number;
  requirements: readonly string[];
  product: string;
}

export interface Completeness {
  /** All 14 components have content and the 6 service-delivery ones are published somewhere. */
  complete: boolean;
  /** Components absent or without content. */
  missingComponents: number[];
  /** Service-delivery components not published anywhere (a component without content is never published). */
  unpublishedComponents: number[];
  /** Where each service-delivery component is published. */
  publication: { number: number; publishedOn: string[] }[];
}

/** What a request needs from the standard in force when it is submitted. */
export interface StandardInForce {
  serviceId: string;
  revision: number;
  completionWorkingDays: number;
  requirements: readonly string[];
}

export function evaluateCompleteness(components: readonly ComponentContent[]): Completeness {
  const byNumber = new Map(components.map((c) => [c.number, c]));
  const hasContent = (n: number) => (byNumber.get(n)?.content.trim() ?? '') !== '';
  const channels = (n: number) => (hasContent(n) ? [...(byNumber.get(n)?.publishedOn ?? [])] : []);
  const missingComponents = STANDARD_COMPONENTS.map((c) => c.number).filter((n) => !hasContent(n));
  const unpublishedComponents = SERVICE_DELIVERY_COMPONENTS.filter((n) => channels(n).length === 0);
  return {
    complete: missingComponents.length === 0 && unpublishedComponents.length === 0,
    missingComponents,
    unpublishedComponents,
    publication: SERVICE_DELIVERY_COMPONENTS.map((number) => ({ number, publishedOn: channels(number) })),
  };
}

export type ServiceStandard =
  | { status: 'none' }
  | {
      status: 'published';
      serviceId: string;
      unitId: string;
      revision: number;
      effectiveAt: string;
      content: StandardContent;
      complete: boolean;
    };

type StandardFields = StandardContent & { serviceId: string; unitId: string; effectiveAt: string };

export type ServiceStandardCommand =
  ({ type: 'PublishServiceStandard' } & StandardFields) | ({ type: 'ReviseServiceStandard'; reason: string } & StandardFields);

/** The standard requests must be checked against; refused while nothing is published. */
export function standardInForce(state: ServiceStandard): StandardInForce {
  if (state.status === 'none') throw new DomainError('STANDARD.NOT_PUBLISHED', 'the service has no published standard');
  return {
    serviceId: state.serviceId,
    revision: state.revision,
    completionWorkingDays: state.content.completionWorkingDays,
    requirements: state.content.requirements,
  };
}

export const SERVICE_STANDARD_EVENT_TYPES = ['serviceStandardPublished', 'serviceStandardRevised'] as const;
export type ServiceStandardEvent = EventsOf<RequestEvent, typeof SERVICE_STANDARD_EVENT_TYPES>;

function decide(command: ServiceStandardCommand, state: ServiceStandard): ServiceStandardEvent[] {
  const content = normalise(command);
  switch (command.type) {
    case 'PublishServiceStandard': {
      if (state.status === 'published') {
        if (state.unitId === command.unitId && sameContent(state.content, content)) return []; // a repeat
        throw new DomainError('STANDARD.ALREADY_PUBLISHED', `${command.serviceId} is published; revise it instead`);
      }
      return [{ $case: 'serviceStandardPublished', value: { ...eventFields(command, content), revision: 1 } }];
    }
    case 'ReviseServiceStandard': {
      if (state.status === 'none') throw new DomainError('STANDARD.NOT_PUBLISHED', `${command.serviceId} has no standard to revise`);
      if (command.serviceId !== state.serviceId) {
        throw new DomainError('STANDARD.SERVICE_MISMATCH', `stream holds ${state.serviceId}, not ${command.serviceId}`);
      }
      if (command.unitId !== state.unitId) {
        throw new DomainError('STANDARD.UNIT_MISMATCH', `${command.serviceId} belongs to unit ${state.unitId}`);
      }
      if (command.reason.trim() === '') throw new DomainError('STANDARD.REVISION_REASON_REQUIRED', 'a revision needs a reason');
      if (instantMs(command.effectiveAt) < instantMs(state.effectiveAt)) {
        throw new DomainError('STANDARD.EFFECTIVE_BEFORE_CURRENT', `revision ${state.revision} took effect at ${state.effectiveAt}`);
      }
      if (sameContent(state.content, content)) throw new DomainError('STANDARD.NO_CHANGE', 'the revision changes nothing');
      return [
        {
          $case: 'serviceStandardRevised',
          value: { ...eventFields(command, content), revision: state.revision + 1, reason: command.reason.trim() },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(_state: ServiceStandard, event: ServiceStandardEvent): ServiceStandard {
  switch (event.$case) {
    case 'serviceStandardPublished':
    case 'serviceStandardRevised': {
      const v = event.value;
      return {
        status: 'published',
        serviceId: v.serviceId,
        unitId: v.unitId,
        revision: v.revision,
        effectiveAt: v.effectiveAt,
        complete: v.complete,
        content: {
          name: v.name,
          components: v.components.map((c) => ({ number: c.number, content: c.content, publishedOn: c.publishedOn })),
          completionWorkingDays: v.completionWorkingDays,
          costRupiah: v.costRupiah,
          requirements: v.requirements,
          product: v.product,
        },
      };
    }
    default:
      return assertNever(event);
  }
}

export const serviceStandardDecider: Decider<ServiceStandardCommand, ServiceStandardEvent, ServiceStandard> = {
  eventTypes: SERVICE_STANDARD_EVENT_TYPES,
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function eventFields(command: StandardFields, content: StandardContent): Omit<requestPb.ServiceStandardPublished, 'revision'> {
  const completeness = evaluateCompleteness(content.components);
  return {
    serviceId: command.serviceId,
    unitId: command.unitId,
    name: content.name,
    components: content.components.map((c) => ({ number: c.number, content: c.content, publishedOn: [...c.publishedOn] })),
    completionWorkingDays: content.completionWorkingDays,
    costRupiah: content.costRupiah,
    requirements: [...content.requirements],
    product: content.product,
    effectiveAt: command.effectiveAt,
    complete: completeness.complete,
    missingComponents: completeness.missingComponents,
    unpublishedComponents: completeness.unpublishedComponents,
  };
}

/** Validates and puts content in one canonical form, so "unchanged" compares equal. */
function normalise(command: StandardFields): StandardContent {
  if (command.serviceId.trim() === '' || command.unitId.trim() === '') {
    throw new DomainError('STANDARD.IDS_REQUIRED', 'service and unit ids are required');
  }
  if (command.name.trim() === '') throw new DomainError('STANDARD.NAME_REQUIRED', 'the service needs a name');
  if (command.product.trim() === '') throw new DomainError('STANDARD.PRODUCT_REQUIRED', 'the standard must name its product');
  if (!Number.isInteger(command.completionWorkingDays) || command.completionWorkingDays < 0) {
    throw new DomainError('STANDARD.INVALID_COMPLETION_TIME', `completion time must be whole working days >= 0, got ${command.completionWorkingDays}`);
  }
  if (!Number.isInteger(command.costRupiah) || command.costRupiah < 0) {
    throw new DomainError('STANDARD.INVALID_COST', `cost must be whole rupiah >= 0, got ${command.costRupiah}`);
  }
  instantMs(command.effectiveAt);
  const requirements = command.requirements.map((r) => r.trim());
  if (requirements.some((r) => r === '') || new Set(requirements).size !== requirements.length) {
    throw new DomainError('STANDARD.INVALID_REQUIREMENTS', 'requirements must be distinct and non-empty');
  }
  const seen = new Set<number>();
  const components = command.components.map((c) => {
    if (!STANDARD_COMPONENTS.some((d) => d.number === c.number)) {
      throw new DomainError('STANDARD.UNKNOWN_COMPONENT', `there is no component ${c.number} (1..14)`);
    }
    if (seen.has(c.number)) throw new DomainError('STANDARD.DUPLICATE_COMPONENT', `component ${c.number} appears twice`);
    seen.add(c.number);
    const unknown = c.publishedOn.filter((p) => !(PUBLICATION_CHANNELS as readonly string[]).includes(p));
    if (unknown.length > 0) {
      throw new DomainError('STANDARD.UNKNOWN_CHANNEL', `unknown publication channel(s): ${unknown.join(', ')}`, { unknown });
    }
    return { number: c.number, content: c.content.trim(), publishedOn: [...new Set(c.publishedOn)].sort() };
  });
  return {
    name: command.name.trim(),
    components: components.sort((a, b) => a.number - b.number),
    completionWorkingDays: command.completionWorkingDays,
    costRupiah: command.costRupiah,
    requirements,
    product: command.product.trim(),
  };
}

function sameContent(a: StandardContent, b: StandardContent): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(c: StandardContent): unknown {
  return [c.name, c.completionWorkingDays, c.costRupiah, c.product, [...c.requirements], c.components.map((x) => [x.number, x.content, [...x.publishedOn]])];
}
