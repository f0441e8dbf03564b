import { type SurveyEvent, surveyPb } from '@lib/contracts';
import type { Sealer } from '@lib/event-sourcing';

/**
 * The events as stored: an SKM response's suggestion and profile moved into sealed fields under the
 * response's key (the profile as its proto-JSON), the plain fields left empty. Nothing else changes:
 * answers, counts and the duplicate checks never read these fields.
 */
export function sealSkmResponse<E extends SurveyEvent>(events: E[], sealer: Sealer): E[] {
  return events.map((event) => {
    if (event.$case !== 'skmResponseRecorded') return event;
    const { profile, suggestion } = event.value;
    return {
      ...event,
      value: {
        ...event.value,
        suggestion: '',
        profile: undefined,
        sealedSuggestion: suggestion === '' ? undefined : sealer.seal(suggestion),
        sealedProfile: profile === undefined ? undefined : sealer.seal(JSON.stringify(surveyPb.RespondentProfile.toJSON(profile))),
      },
    };
  });
}
