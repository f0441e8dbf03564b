import { type AnyEvent, evaluationCodec, requestCodec, surveyCodec } from './codec';
import { eventOwnership, type RefusalCode, refuseForeignEventType, refuseInconsistentEnvelope } from './event-ownership';
import type { ContextName } from './topics';

describe('event ownership', () => {
  it.each<[ContextName, typeof requestCodec | typeof surveyCodec | typeof evaluationCodec]>([
    ['request', requestCodec],
    ['survey', surveyCodec],
    ['evaluation', evaluationCodec],
  ])('lists only event types of the %s contract', (context, codec) => {
    for (const eventType of Object.keys(eventOwnership[context])) {
      expect(codec.fromPayload(eventType, {}).$case).toBe(eventType.charAt(0).toLowerCase() + eventType.slice(1));
    }
  });

  it.each<[string, ContextName, string, RefusalCode | undefined]>([
    ['a request event on the request topic', 'request', 'RequestCompleted', undefined],
    ['a survey event on the survey topic', 'survey', 'F03Closed', undefined],
    ['an F03Closed on the request topic', 'request', 'F03Closed', 'EVENT_NOT_OWNED_BY_TOPIC'],
    ['a RequestCompleted on the survey topic', 'survey', 'RequestCompleted', 'EVENT_NOT_OWNED_BY_TOPIC'],
    ['an evaluation event on the survey topic', 'survey', 'UserScoreReceived', 'EVENT_NOT_OWNED_BY_TOPIC'],
    ['an event type no contract names', 'request', 'RequestDeleted', 'EVENT_TYPE_UNKNOWN'],
    ['the wrapper message name', 'request', 'RequestEvent', 'EVENT_TYPE_UNKNOWN'],
    ['a oneof case instead of the type name', 'request', 'requestCompleted', 'EVENT_TYPE_UNKNOWN'],
  ])('%s', (_name, topicContext, eventType, expected) => {
    expect(refuseForeignEventType(topicContext, eventType)?.code).toBe(expected);
  });
});

describe('envelope against payload', () => {
  const tenantId = 'kota-banjarmasin';
  const unitId = 'disdukcapil';
  const f03Closed = (unit = unitId): AnyEvent => surveyCodec.fromPayload('F03Closed', { cycleId: 'c1', unitId: unit, score: 4 });
  const completed: AnyEvent = requestCodec.fromPayload('RequestCompleted', { requestId: 'r1', trackingCode: 'PTN-1' });
  const settings = (tenant: string): AnyEvent => requestCodec.fromPayload('TenantCalendarSettingsChanged', { tenantId: tenant, utcOffsetMinutes: 480 });
  const national = (tenant: string): AnyEvent => requestCodec.fromPayload('NationalCalendarYearPublished', { year: 2027, tenantId: tenant });
  const surveyOpened = (tenant: string): AnyEvent => surveyCodec.fromPayload('SurveyOpened', { unitId, tenantId: tenant });
  const assessed: AnyEvent = evaluationCodec.fromPayload('IndicatorScored', { cycleId: 'c1', unitId, score: 3 });

  it.each<[string, AnyEvent, { eventType: string; streamId: string; tenantId?: string; unitId?: string }, RefusalCode | undefined]>([
    ['an F03Closed on its own f03 stream', f03Closed(), { eventType: 'F03Closed', streamId: `f03-${tenantId}/c1/${unitId}` }, undefined],
    ['a completion on a request stream', completed, { eventType: 'RequestCompleted', streamId: 'request-0b7a6f2e' }, undefined],
    ['a tenant calendar event', settings(tenantId), { eventType: 'TenantCalendarSettingsChanged', streamId: `calendar-${tenantId}` }, undefined],
    [
      'a national year for every tenant',
      national(''),
      { eventType: 'NationalCalendarYearPublished', streamId: 'national-calendar', tenantId: '', unitId: '' },
      undefined,
    ],
    ['a national year a tenant published', national(tenantId), { eventType: 'NationalCalendarYearPublished', streamId: `calendar-${tenantId}` }, undefined],
    ['an SKM survey opened', surveyOpened(tenantId), { eventType: 'SurveyOpened', streamId: `survey-${tenantId}/${unitId}/quarter/2026-10-01` }, undefined],
    ['an assessment event', assessed, { eventType: 'IndicatorScored', streamId: `assessment-${tenantId}/c1/${unitId}` }, undefined],
    ['a payload without a unit under a unit envelope', completed, { eventType: 'RequestCompleted', streamId: 'request-1', unitId: 'dinkes' }, undefined],
    ['an event-type header naming another event', completed, { eventType: 'RequestRejected', streamId: 'request-1' }, 'EVENT_TYPE_MISMATCH'],
    ['an F03Closed on a survey stream', f03Closed(), { eventType: 'F03Closed', streamId: `survey-${tenantId}/c1/${unitId}` }, 'STREAM_KIND_MISMATCH'],
    ['an F03Closed on a stream without a tenant', f03Closed(), { eventType: 'F03Closed', streamId: 'f03' }, 'STREAM_KIND_MISMATCH'],
    [
      'an F03Closed on another tenant’s stream',
      f03Closed(),
      { eventType: 'F03Closed', streamId: `f03-kabupaten-banjar/c1/${unitId}` },
      'STREAM_TENANT_MISMATCH',
    ],
    [
      'a tenant’s stream name that only starts like the tenant',
      f03Closed(),
      { eventType: 'F03Closed', streamId: `f03-${tenantId}-x/c1/${unitId}` },
      'STREAM_TENANT_MISMATCH',
    ],
    ['a tenant stream under an empty tenant', f03Closed(), { eventType: 'F03Closed', streamId: `f03-/c1/${unitId}`, tenantId: '' }, 'STREAM_TENANT_MISMATCH'],
    ['a completion on a complaint stream', completed, { eventType: 'RequestCompleted', streamId: 'complaint-1' }, 'STREAM_KIND_MISMATCH'],
    ['a completion on a request stream with a path', completed, { eventType: 'RequestCompleted', streamId: 'request-a/b' }, 'STREAM_KIND_MISMATCH'],
    ['a completion on an empty request id', completed, { eventType: 'RequestCompleted', streamId: 'request-' }, 'STREAM_KIND_MISMATCH'],
    [
      'calendar settings of another tenant in the payload',
      settings('kabupaten-banjar'),
      { eventType: 'TenantCalendarSettingsChanged', streamId: `calendar-${tenantId}` },
      'PAYLOAD_TENANT_MISMATCH',
    ],
    [
      'a national year for every tenant under a tenant envelope',
      national(''),
      { eventType: 'NationalCalendarYearPublished', streamId: `calendar-${tenantId}` },
      'PAYLOAD_TENANT_MISMATCH',
    ],
    [
      'an SKM survey of another tenant',
      surveyOpened('kabupaten-banjar'),
      { eventType: 'SurveyOpened', streamId: `survey-${tenantId}/${unitId}/quarter/2026-10-01` },
      'PAYLOAD_TENANT_MISMATCH',
    ],
    [
      'an F03Closed of another unit than the envelope’s',
      f03Closed('dinkes'),
      { eventType: 'F03Closed', streamId: `f03-${tenantId}/c1/dinkes` },
      'PAYLOAD_UNIT_MISMATCH',
    ],
    [
      'an F03Closed under an envelope without a unit',
      f03Closed(),
      { eventType: 'F03Closed', streamId: `f03-${tenantId}/c1/${unitId}`, unitId: '' },
      'PAYLOAD_UNIT_MISMATCH',
    ],
  ])('%s', (_name, event, envelope, expected) => {
    expect(refuseInconsistentEnvelope({ tenantId, unitId, ...envelope }, event)?.code).toBe(expected);
  });
});
