/** One append waiting for its turn: what it writes, and how its caller learns the outcome. */
export interface QueuedAppend<R> {
  streamId: string;
  eventCount: number;
  settle: { resolve: (result: R) => void; reject: (error: unknown) => void };
}

export interface GroupCommitOptions {
  /** Statements of this store's appends running at once; further appends wait and go together. */
  maxInFlight: number;
  /** Events one grouped statement carries at most. */
  maxEvents: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxInFlight: 2, maxEvents: 256 };

/**
 * Group commit of independent appends. A commit costs a WAL flush and a round trip whatever it
 * carries, so while `maxInFlight` statements are already running, new appends queue and leave
 * together, as one statement and one transaction, as soon as one of them returns. An append that
 * finds a free slot leaves at once, alone: a lone writer waits for nobody.
 *
 * A group never holds two appends to the same stream (the second waits for the next group), so
 * every append in it is checked against the stream as committed before the group, exactly as if it
 * ran alone. How a group is written and how it falls back when it fails is the writer's business
 * (`writeGroup`); this class only decides who goes together and when.
 */
export class GroupCommit<A extends QueuedAppend<R>, R> {
  readonly #queue: A[] = [];
  #inFlight = 0;

  constructor(
    private readonly writeAlone: (append: A) => Promise<R>,
    /** Answers each append's outcome, in the group's order. */
    private readonly writeGroup: (group: A[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  submit(append: A): void {
    this.#queue.push(append);
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < this.options.maxInFlight && this.#queue.length > 0) {
      const group = this.#takeGroup();
      this.#inFlight++;
      const written = group.length === 1 ? Promise.allSettled([this.writeAlone(group[0])]) : this.writeGroup(group);
      // The slot is free before any caller hears back, so an append a caller makes in reply finds it free.
      void written.then(
        (outcomes) => this.#finish(group, (append, i) => (outcomes[i].status === 'fulfilled' ? append.settle.resolve(outcomes[i].value) : append.settle.reject(outcomes[i].reason))),
        (error: unknown) => this.#finish(group, (append) => append.settle.reject(error)),
      );
    }
  }

  #finish(group: A[], settle: (append: A, i: number) => void): void {
    this.#inFlight--;
    group.forEach(settle);
    this.#pump();
  }

  /** The oldest queued appends, one per stream, up to maxEvents (at least one append, however large). */
  #takeGroup(): A[] {
    const group: A[] = [];
    const streams = new Set<string>();
    let events = 0;
    let i = 0;
    while (i < this.#queue.length) {
      const append = this.#queue[i];
      if (group.length > 0 && events + append.eventCount > this.options.maxEvents) break;
      if (streams.has(append.streamId)) {
        i++;
        continue;
      }
      this.#queue.splice(i, 1);
      group.push(append);
      streams.add(append.streamId);
      events += append.eventCount;
    }
    return group;
  }
}
