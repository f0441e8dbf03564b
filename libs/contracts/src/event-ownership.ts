import type { EvaluationEvent, RequestEvent, SurveyEvent } from './codec';
import type { EventEnvelope } from './envelope';
import type { ContextName } from './topics';

/**
 * How the stream ids of an event type are built (the services' `*Stream`/`*StreamId` functions):
 * - `tenant`: `<kind>-<tenant>` or `<kind>-<tenant>/<…>`; tenant ids never hold "/", so the tenant is
 *   exactly what lies between the kind and the first "/".
 * - `id`: `<kind>-<id>`, a generated id (a UUID) that names no tenant.
 * - `single`: the one stream called `<kind>`, shared by every tenant.
 */
export interface StreamForm {
  kind: string;
  names: 'tenant' | 'id' | 'single';
}

const tenantStream = (kind: string): StreamForm => ({ kind, names: 'tenant' });
const idStream = (kind: string): StreamForm => ({ kind, names: 'id' });
const singleStream = (kind: string): StreamForm => ({ kind, names: 'single' });

type CaseEvent = { $case: string };
type EventTypeOf<E extends CaseEvent> = Capitalize<E['$case']>;
type StreamsOf<E extends CaseEvent> = Record<EventTypeOf<E>, readonly StreamForm[]>;

/**
 * Every event type of proto/pantau/<context>/v1/events.proto under the context that owns it (its proto
 * package, and thus the only topic it may travel on), with the streams it is appended to. The keys are
 * checked against the generated `<Ctx>Event` oneof: an event added to a contract does not compile
 * until it is listed here, and a name not in the contract is refused.
 */
export const eventOwnership: {
  readonly request: StreamsOf<RequestEvent>;
  readonly survey: StreamsOf<SurveyEvent>;
  readonly evaluation: StreamsOf<EvaluationEvent>;
} = {
  request: {
    ServiceStandardPublished: [tenantStream('service-standard')],
    ServiceStandardRevised: [tenantStream('service-standard')],
    RequestSubmitted: [idStream('request')],
    RequestReturned: [idStream('request')],
    RequestResubmitted: [idStream('request')],
    RequestProcessingStarted: [idStream('request')],
    RequestCompleted: [idStream('request')],
    RequestRejected: [idStream('request')],
    RequestSlaBreached: [idStream('request')],
    ComplaintReceived: [idStream('complaint')],
    ComplaintVerified: [idStream('complaint')],
    ComplaintAssigned: [idStream('complaint')],
    ComplaintResponded: [idStream('complaint')],
    ComplaintResolved: [idStream('complaint')],
    ComplaintReopened: [idStream('complaint')],
    ComplaintDeadlineBreached: [idStream('complaint')],
    PersonalDataErased: [idStream('complaint')],
    ComplaintReporterContactRead: [idStream('complaint')],
    NationalCalendarYearPublished: [singleStream('national-calendar'), tenantStream('calendar')],
    TenantCalendarSettingsChanged: [tenantStream('calendar')],
    LocalHolidayAdded: [tenantStream('calendar')],
    LocalHolidayRemoved: [tenantStream('calendar')],
  },
  survey: {
    SurveyOpened: [tenantStream('survey')],
    SkmResponseRecorded: [tenantStream('survey')],
    SkmPopulationDeclared: [tenantStream('survey')],
    SkmPeriodClosed: [tenantStream('survey')],
    SkmResultPublished: [tenantStream('survey')],
    FollowUpPlanned: [tenantStream('survey')],
    FollowUpCompleted: [tenantStream('survey')],
    F03CollectionOpened: [tenantStream('f03')],
    F03ResponseRecorded: [tenantStream('f03')],
    F03Closed: [tenantStream('f03')],
  },
  evaluation: {
    UnitRegistered: [tenantStream('units')],
    RulesetPublished: [tenantStream('ruleset')],
    CycleOpened: [tenantStream('cycle')],
    UnitLokusAssigned: [tenantStream('cycle')],
    UserScoreReceived: [tenantStream('cycle')],
    CycleResultsPublished: [tenantStream('cycle')],
    ResultCorrected: [tenantStream('cycle')],
    CyclePhaseWindowChanged: [tenantStream('cycle')],
    PhaseOverrideGranted: [tenantStream('cycle')],
    FieldVisitScoringAllowed: [tenantStream('cycle')],
    NonSubmissionOutcomeApplied: [tenantStream('cycle')],
    SelfAssessmentDraftSaved: [tenantStream('assessment')],
    EvidenceAttached: [tenantStream('assessment')],
    SelfAssessmentSubmitted: [tenantStream('assessment')],
    SelfAssessmentReturned: [tenantStream('assessment')],
    SelfAssessmentResubmitted: [tenantStream('assessment')],
    SelfAssessmentVerified: [tenantStream('assessment')],
    IndicatorScored: [tenantStream('assessment')],
    VerificationVisitRecorded: [tenantStream('assessment')],
    IndicatorProposalConfirmed: [tenantStream('assessment')],
    IndicatorProposalOverridden: [tenantStream('assessment')],
    IndicatorProposalChanged: [tenantStream('proposals')],
    ComplianceObservationRecorded: [tenantStream('compliance')],
    ComplianceGraded: [tenantStream('compliance')],
  },
};

const owners = new Map<string, { context: ContextName; streams: readonly StreamForm[] }>(
  (Object.entries(eventOwnership) as [ContextName, Record<string, readonly StreamForm[]>][]).flatMap(([context, types]) =>
    Object.entries(types).map(([eventType, streams]) => [eventType, { context, streams }] as const),
  ),
);

/** The context that owns an event type, or undefined when no contract names it. */
export const ownerOf = (eventType: string): ContextName | undefined => owners.get(eventType)?.context;

/** Why a message is refused before any handler sees it; each is a `dlq-reason` on the dead-letter topic. */
export type RefusalCode =
  | 'EVENT_TYPE_UNKNOWN'
  | 'EVENT_NOT_OWNED_BY_TOPIC'
  | 'EVENT_TYPE_MISMATCH'
  | 'STREAM_KIND_MISMATCH'
  | 'STREAM_TENANT_MISMATCH'
  | 'PAYLOAD_TENANT_MISMATCH'
  | 'PAYLOAD_UNIT_MISMATCH';

export interface Refusal {
  code: RefusalCode;
  detail: string;
}

/**
 * Refuses an event type that the topic's context does not own: only the owning service's relay
 * publishes it, so an `F03Closed` on the request topic was produced by someone else.
 */
export function refuseForeignEventType(topicContext: ContextName, eventType: string): Refusal | undefined {
  const owner = ownerOf(eventType);
  if (owner === undefined) return { code: 'EVENT_TYPE_UNKNOWN', detail: `no contract names the event type "${eventType}"` };
  if (owner !== topicContext) {
    return { code: 'EVENT_NOT_OWNED_BY_TOPIC', detail: `${eventType} belongs to the ${owner} context, not to the ${topicContext} topic` };
  }
  return undefined;
}

/**
 * Refuses an envelope that contradicts its event: the event-type header must name the decoded event,
 * the stream id must be of a kind the event type is appended to and name the envelope's tenant, and a
 * tenant or unit the payload carries must be the envelope's. The event type must be known (see
 * refuseForeignEventType, which runs first).
 */
export function refuseInconsistentEnvelope(
  envelope: Pick<EventEnvelope, 'eventType' | 'streamId' | 'tenantId' | 'unitId'>,
  event: CaseEvent & { value: unknown },
): Refusal | undefined {
  const decodedType = event.$case.charAt(0).toUpperCase() + event.$case.slice(1);
  if (decodedType !== envelope.eventType) {
    return { code: 'EVENT_TYPE_MISMATCH', detail: `the event-type header says ${envelope.eventType}, the value holds ${decodedType}` };
  }
  const streams = owners.get(envelope.eventType)?.streams ?? [];
  const streamRefusal = refuseStream(envelope, streams);
  if (streamRefusal) return streamRefusal;
  const payload = event.value as { tenantId?: unknown; unitId?: unknown };
  if (typeof payload.tenantId === 'string' && payload.tenantId !== envelope.tenantId) {
    return { code: 'PAYLOAD_TENANT_MISMATCH', detail: `the envelope's tenant "${envelope.tenantId}" is not the payload's "${payload.tenantId}"` };
  }
  if (typeof payload.unitId === 'string' && payload.unitId !== '' && payload.unitId !== envelope.unitId) {
    return { code: 'PAYLOAD_UNIT_MISMATCH', detail: `the envelope's unit "${envelope.unitId}" is not the payload's "${payload.unitId}"` };
  }
  return undefined;
}

function refuseStream(
  { eventType, streamId, tenantId }: Pick<EventEnvelope, 'eventType' | 'streamId' | 'tenantId'>,
  streams: readonly StreamForm[],
): Refusal | undefined {
  let tenantRefusal: Refusal | undefined;
  for (const { kind, names } of streams) {
    if (names === 'single') {
      if (streamId === kind) return undefined;
      continue;
    }
    if (!streamId.startsWith(`${kind}-`)) continue;
    const rest = streamId.slice(kind.length + 1);
    if (names === 'id') {
      if (rest !== '' && !rest.includes('/')) return undefined;
      continue;
    }
    const streamTenant = rest.split('/', 1)[0];
    if (streamTenant !== '' && streamTenant === tenantId) return undefined;
    tenantRefusal ??= { code: 'STREAM_TENANT_MISMATCH', detail: `stream ${streamId} is not of the envelope's tenant "${tenantId}"` };
  }
  const kinds = streams.map(({ kind, names }) => (names === 'single' ? kind : `${kind}-…`)).join(' or ');
  return tenantRefusal ?? { code: 'STREAM_KIND_MISMATCH', detail: `${eventType} is appended to ${kinds}, not to ${streamId}` };
}
