/** An event of a topic: a member of the proto `oneof` union, told apart by its `$case`. */
export interface CaseEvent {
  $case: string;
}

/**
 * The events one stream holds, out of its topic's union: those whose `$case` its decider declares
 * (`EventsOf<EvaluationEvent, typeof CYCLE_EVENT_TYPES>`), so the declared list is both the type and
 * what the store checks a stream against.
 */
export type EventsOf<TopicEvent extends CaseEvent, Types extends readonly TopicEvent['$case'][]> = Extract<TopicEvent, { $case: Types[number] }>;

/** What folding a stream needs: the event types it may hold, where it starts and how each event changes it. */
export interface DeciderFold<Event extends CaseEvent, State> {
  /** Every `$case` the stream may hold; a stream with any other is refused, not folded. */
  eventTypes: readonly Event['$case'][];
  initialState: () => State;
  /** Must not change `state`: the store keeps folded states and folds further events onto them. */
  evolve: (state: State, event: Event) => State;
}

/**
 * A pure aggregate: `decide` turns a command and the current state into new events (or throws a
 * DomainError), `evolve` folds one event into the state. Time, ids and looked-up data come in on the
 * command, never from the environment, so a decider is replayable and testable without mocks.
 */
export interface Decider<Command, Event extends CaseEvent, State> extends DeciderFold<Event, State> {
  decide: (command: Command, state: State) => Event[];
}

/** Folds a history into a state. */
export function foldEvents<Event, State>(evolve: (state: State, event: Event) => State, initial: State, events: Iterable<Event>): State {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** A stream holds an event its decider does not declare: a stream id that names the wrong kind of stream, or a corrupt log. */
export class UndeclaredEventError extends Error {
  constructor(streamId: string, eventType: string, declared: readonly string[]) {
    super(`stream ${streamId} holds a ${eventType} event, which its decider does not declare (${declared.join(', ')})`);
    this.name = 'UndeclaredEventError';
  }
}

function isDeclared<Event extends CaseEvent>(eventTypes: readonly Event['$case'][], event: CaseEvent): event is Event {
  const declared: readonly string[] = eventTypes;
  return declared.includes(event.$case);
}

/**
 * Folds events read from a stream, which come typed as the whole topic's union, with the stream's
 * decider: each is checked against the types the decider declares, so the decider sees only its own.
 */
export function foldStream<TopicEvent extends CaseEvent, Event extends TopicEvent, State>(
  fold: DeciderFold<Event, State>,
  streamId: string,
  events: Iterable<TopicEvent>,
  initial: State = fold.initialState(),
): State {
  let state = initial;
  for (const event of events) {
    if (!isDeclared<Event>(fold.eventTypes, event)) throw new UndeclaredEventError(streamId, event.$case, fold.eventTypes);
    state = fold.evolve(state, event);
  }
  return state;
}
