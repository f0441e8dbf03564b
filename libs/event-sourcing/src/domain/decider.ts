/**
 * A pure aggregate: `decide` turns a command and the current state into new events (or throws a
 * DomainError), `evolve` folds one event into the state. Time, ids and looked-up data come in on the
 * command, never from the environment, so a decider is replayable and testable without mocks.
 */
export interface Decider<Command, Event, State> {
  initialState: () => State;
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
}

/** Folds a history into a state. */
export function foldEvents<Event, State>(evolve: (state: State, event: Event) => State, initial: State, events: Iterable<Event>): State {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}
