import { foldEvents, type Decider } from './decider';
import { DomainError, assertNever } from './domain-error';
import { givenWhen } from './given-when-then';

type CounterEvent = { $case: 'incremented'; value: { by: number } } | { $case: 'closed'; value: object };
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Close' };
type Counter = { total: number; closed: boolean };

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
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

  it.each<[string, CounterEvent[], CounterCommand, ReturnType<typeof givenWhen>]>([
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
});
