import { foldEvents, foldStream, UndeclaredEventError, type Decider, type EventsOf } from './decider';
import { DomainError, assertNever } from './domain-error';
import { type DeciderOutcome, givenWhen } from './given-when-then';

// A topic with two kinds of stream: counters, and the timers the counter decider knows nothing of.
type TopicEvent = { $case: 'incremented'; value: { by: number } } | { $case: 'closed'; value: object } | { $case: 'timerStarted'; value: { at: string } };
const COUNTER_EVENT_TYPES = ['incremented', 'closed'] as const;
type CounterEvent = EventsOf<TopicEvent, typeof COUNTER_EVENT_TYPES>;
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Close' };
type Counter = { total: number; closed: boolean };

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
  eventTypes: COUNTER_EVENT_TYPES,
  initialState: () => ({ total: 0, closed: false }),
  decide(command, state) {
    if (state.closed) throw new DomainError('COUNTER.CLOSED', 'closed');
    switch (command.type) {
      case 'Increment':
        return [{ $case: 'incremented', value: { by: command.by } }];
      case 'Close':
        return [{ $case: 'closed', value: {} }];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.$case) {
      case 'incremented':
        return { ...state, total: state.total + event.value.by };
      case 'closed':
        return { ...state, closed: true };
      default:
        return assertNever(event);
    }
  },
};

describe('decider helpers', () => {
  it('folds a history in order', () => {
    const state = foldEvents(counter.evolve, counter.initialState(), [
      { $case: 'incremented', value: { by: 2 } },
      { $case: 'incremented', value: { by: 3 } },
    ]);
    expect(state).toEqual({ total: 5, closed: false });
  });

  it.each<[string, CounterEvent[], CounterCommand, DeciderOutcome<CounterEvent>]>([
    ['a new counter increments', [], { type: 'Increment', by: 1 }, { events: [{ $case: 'incremented', value: { by: 1 } }] }],
    ['a closed counter refuses with its code', [{ $case: 'closed', value: {} }], { type: 'Increment', by: 1 }, { error: { code: 'COUNTER.CLOSED' } }],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(counter, given, when)).toEqual(expected);
  });

  it('lets errors that are not domain errors escape', () => {
    const broken = {
      ...counter,
      decide: () => {
        throw new TypeError('bug');
      },
    };
    expect(() => givenWhen(broken, [], { type: 'Close' })).toThrow(TypeError);
  });

  it('reports the value that reached assertNever', () => {
    expect(() => assertNever({ $case: 'x' } as never)).toThrow('unexpected value: {"$case":"x"}');
  });

  it.each<[string, TopicEvent[], Counter]>([
    [
      'folds a stream of its own events',
      [
        { $case: 'incremented', value: { by: 2 } },
        { $case: 'closed', value: {} },
      ],
      { total: 2, closed: true },
    ],
    ['folds an empty stream to the initial state', [], { total: 0, closed: false }],
  ])('foldStream %s', (_name, events, expected) => {
    expect(foldStream(counter, 'counter-1', events)).toEqual(expected);
  });

  it('foldStream refuses an event of another kind of stream, naming the stream and the types it expected', () => {
    const events: TopicEvent[] = [
      { $case: 'incremented', value: { by: 1 } },
      { $case: 'timerStarted', value: { at: '2026-01-01T00:00:00Z' } },
    ];
    expect(() => foldStream(counter, 'counter-1', events)).toThrow(UndeclaredEventError);
    expect(() => foldStream(counter, 'counter-1', events)).toThrow(
      'stream counter-1 holds a timerStarted event, which its decider does not declare (incremented, closed)',
    );
  });
});
