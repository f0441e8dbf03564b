import { DomainError as AnyDomainError } from '@lib/event-sourcing/domain';

/**
 * One command over a list (F-02 `scores`, `units` to register or assign): each item decided by the rules of its
 * single command, on the state the items before it left, so the list appends exactly what the single
 * commands would have one by one. All or nothing: the first item a rule refuses refuses the list,
 * its error naming the item (`units[3]`, `details.index`).
 */
export function decideEach<Item, Event, State>(
  evolve: (state: State, event: Event) => State,
  state: State,
  list: { field: string; items: readonly Item[] },
  decideItem: (item: Item, state: State) => Event[],
): Event[] {
  const events: Event[] = [];
  let current = state;
  list.items.forEach((item, index) => {
    const decided = atItem(list.field, index, () => decideItem(item, current));
    current = decided.reduce(evolve, current);
    events.push(...decided);
  });
  return events;
}

function atItem<T>(field: string, index: number, decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (!(error instanceof AnyDomainError)) throw error;
    throw new AnyDomainError(error.code, `${field}[${index}]: ${error.message}`, { ...error.details, field: `${field}[${index}]`, index });
  }
}

/** The position of the first item whose key an earlier item already has, or -1. */
export function firstRepeat<Item>(items: readonly Item[], key: (item: Item) => string): number {
  const seen = new Set<string>();
  return items.findIndex((item) => {
    const value = key(item);
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  });
}
