import { randomBytes } from 'node:crypto';
import { type DeciderFold } from '@lib/event-sourcing';
import { type Request, requestDecider, type RequestStreamEvent } from '../domain';

/** The request's state plus its unit, which the Request state does not keep but every event's envelope needs. */
export interface RequestWithUnit {
  request: Request;
  unitId: string;
}

export const requestFold: DeciderFold<RequestStreamEvent, RequestWithUnit> = {
  eventTypes: requestDecider.eventTypes,
  initialState: () => ({ request: requestDecider.initialState(), unitId: '' }),
  evolve: (state, event) => ({
    request: requestDecider.evolve(state.request, event),
    unitId: event.$case === 'requestSubmitted' ? event.value.unitId : state.unitId,
  }),
};

export const requestStream = (requestId: string) => `request-${requestId}`;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Short enough to read out over the phone, 60 bits so guessing another citizen's code is hopeless. */
export function newTrackingCode(): string {
  const bytes = randomBytes(12);
  return `PTN-${[...bytes].map((b) => CROCKFORD[b & 31]).join('')}`;
}
