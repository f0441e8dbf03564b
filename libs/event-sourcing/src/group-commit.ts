/** What GroupCommit needs to know of an append to place it in a group. */
export interface GroupMember {
  streamId: string;
  eventCount: number;
}

export interface GroupCommitOptions {
  /** Statements of this store's appends running at once; further appends wait and go together. */
  maxInFlight: number;
  /** Events one grouped statement carries at most. */
  maxEvents: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxInFlight: 2, maxEvents: 256 };

interface Waiting<A, R> {
  append: A;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of independent appends. A commit costs a WAL flush and a round trip whatever it
 * carries, so while `maxInFlight` statements are already running, new appends queue and leave
 * together, as one statement and one transaction, as soon as one of them returns. An append that
 * finds a free slot and nobody waiting leaves at once, alone: a lone writer waits for nobody.
 *
 * A group never holds two appends to the same stream (the second waits for the next group), so
 * every append in it is checked against the stream as committed before the group, exactly as if it
 * ran alone. How a group is written and how it falls back when it fails is the writer's business
 * (`writeGroup`); this class only decides who goes together and when. A slot is free again before
 * the callers of its statement hear back, so an append a caller makes in reply may take it.
 */
export class GroupCommit<A extends GroupMember, R> {
  readonly #waiting: Waiting<A, R>[] = [];
  #inFlight = 0;

  constructor(
    private readonly writeAlone: (append: A) => Promise<R>,
    /** Answers each append's outcome, in the group's order. */
    private readonly writeGroup: (group: A[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  write(append: A): Promise<R> {
    if (this.#waiting.length === 0 && this.#inFlight < this.options.maxInFlight) {
      this.#inFlight++;
      return this.writeAlone(append).finally(() => this.#release());
    }
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ append, resolve, reject });
      this.#pump();
    });
  }

  #release(): void {
    this.#inFlight--;
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < this.options.maxInFlight && this.#waiting.length > 0) {
      const group = this.#takeGroup();
      this.#inFlight++;
      const written = group.length === 1 ? Promise.allSettled([this.writeAlone(group[0].append)]) : this.writeGroup(group.map((member) => member.append));
      void written.then(
        (outcomes) => {
          this.#release();
          group.forEach((member, i) => {
            const outcome = outcomes[i];
            if (outcome.status === 'fulfilled') member.resolve(outcome.value);
            else member.reject(outcome.reason);
          });
        },
        (error: unknown) => {
          this.#release();
          for (const member of group) member.reject(error);
        },
      );
    }
  }

  /** The oldest waiting appends, one per stream, up to maxEvents (at least one append, however large). */
  #takeGroup(): Waiting<A, R>[] {
    const group: Waiting<A, R>[] = [];
    const streams = new Set<string>();
    let events = 0;
    let i = 0;
    while (i < this.#waiting.length) {
      const { append } = this.#waiting[i];
      if (group.length > 0 && events + append.eventCount > this.options.maxEvents) break;
      if (streams.has(append.streamId)) {
        i++;
        continue;
      }
      group.push(...this.#waiting.splice(i, 1));
      streams.add(append.streamId);
      events += append.eventCount;
    }
    return group;
  }
}
