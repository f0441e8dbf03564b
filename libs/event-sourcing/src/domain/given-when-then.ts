import type { CaseEvent, Decider } from './decider';
import { DomainError } from './domain-error';

export type DeciderOutcome<Event> = { events: Event[] } | { error: { code: string } };

/**
 * Runs a decider the way tests read it: given past events, when a command, then events or an error.
 * Pure, so it lives beside the decider type and tests of every context share it.
 */
export function givenWhen<Command, Event extends CaseEvent, State>(
  decider: Decider<Command, Event, State>,
  given: Event[],
  when: Command,
): DeciderOutcome<Event> {
  const state = given.reduce(decider.evolve, decider.initialState());
  try {
    return { events: decider.decide(when, state) };
  } catch (error) {
    if (error instanceof DomainError) return { error: { code: error.code } };
    throw error;
  }
}
