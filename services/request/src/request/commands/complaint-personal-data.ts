import type { RequestEvent } from '@lib/contracts';
import { ERASED_MARKER, type OpenSealed, type Sealer, type SealedText, textOf } from '@lib/event-sourcing';
import type { ComplaintEvent } from '../domain';

/** Whether a complaint step carries personal text (free text a reporter or staff wrote). */
export const carriesPersonalText = (event: ComplaintEvent): boolean => personalTextOf(event) !== '';

function personalTextOf(event: ComplaintEvent): string {
  switch (event.$case) {
    case 'complaintReceived':
      return event.value.subject + event.value.description;
    case 'complaintVerified':
      return event.value.note;
    case 'complaintResponded':
      return event.value.response;
    case 'complaintReopened':
      return event.value.reason;
    default:
      return '';
  }
}

/**
 * The events as they are stored: every free text a complaint carries (subject, description, notes,
 * responses, reopening reasons) moved into its sealed field under the complaint's key, the plain field
 * left empty. Empty texts stay empty: there is nothing to erase in them.
 */
export function sealComplaintEvents(events: ComplaintEvent[], sealer: Sealer): ComplaintEvent[] {
  const seal = (text: string) => (text === '' ? undefined : sealer.seal(text));
  return events.map((event): ComplaintEvent => {
    switch (event.$case) {
      case 'complaintReceived':
        return {
          ...event,
          value: { ...event.value, subject: '', description: '', sealedSubject: seal(event.value.subject), sealedDescription: seal(event.value.description) },
        };
      case 'complaintVerified':
        return { ...event, value: { ...event.value, note: '', sealedNote: seal(event.value.note) } };
      case 'complaintResponded':
        return { ...event, value: { ...event.value, response: '', sealedResponse: seal(event.value.response) } };
      case 'complaintReopened':
        return { ...event, value: { ...event.value, reason: '', sealedReason: seal(event.value.reason) } };
      default:
        return event;
    }
  });
}

export type ComplaintTextKind = 'verification-note' | 'response' | 'reopen-reason';

export interface ComplaintTexts {
  subject: string;
  description: string;
  /** Notes, responses and reopening reasons in the order they were written; empty notes left out. */
  texts: { kind: ComplaintTextKind; text: string; at: string }[];
  personalDataErased: boolean;
}

/**
 * A complaint's texts from its stream, sealed or (in events before sealing) plain. Once the complaint's
 * personal data was erased, plain texts of old events are not shown either, though their bytes remain.
 */
export function complaintTextsOf(events: RequestEvent[], openSealed: OpenSealed): ComplaintTexts {
  const personalDataErased = events.some((event) => event.$case === 'personalDataErased');
  const texts: ComplaintTexts = { subject: '', description: '', texts: [], personalDataErased };
  const textOfField = (plain: string, sealed: SealedText | undefined) =>
    personalDataErased && plain !== '' ? ERASED_MARKER : textOf(plain, sealed, openSealed);
  const add = (kind: ComplaintTextKind, text: string, at: string) => {
    if (text !== '') texts.texts.push({ kind, text, at });
  };
  for (const event of events) {
    switch (event.$case) {
      case 'complaintReceived':
        texts.subject = textOfField(event.value.subject, event.value.sealedSubject);
        texts.description = textOfField(event.value.description, event.value.sealedDescription);
        break;
      case 'complaintVerified':
        add('verification-note', textOfField(event.value.note, event.value.sealedNote), event.value.verifiedAt);
        break;
      case 'complaintResponded':
        add('response', textOfField(event.value.response, event.value.sealedResponse), event.value.respondedAt);
        break;
      case 'complaintReopened':
        add('reopen-reason', textOfField(event.value.reason, event.value.sealedReason), event.value.reopenedAt);
        break;
      default:
        break;
    }
  }
  return texts;
}
