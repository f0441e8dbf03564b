/** A stream's folded state after its first `version` events, and the tenant its first event was written for. */
export interface FoldedStream {
  version: number;
  state: unknown;
  tenantId: string | undefined;
}

/**
 * Folded states of the streams this process handled last, per decider, so a command on a long
 * stream (a busy SKM survey collects thousands of responses on one) reads only the events appended
 * since, not the whole stream. Any process may have appended meanwhile: the tail read catches up.
 */
export class FoldedStreamCache {
  // Short streams cost one small read; caching them would only spend memory.
  static readonly MIN_VERSION = 16;
  static readonly MAX_STREAMS = 256;
  readonly #byDecider = new WeakMap<object, Map<string, FoldedStream>>();
  // Insertion order of (decider, stream) pairs, oldest first: Map iteration order gives an LRU.
  readonly #recent = new Map<string, { decider: object; streamId: string }>();
  #deciderIds = new WeakMap<object, number>();
  #nextDeciderId = 0;

  get(decider: object, streamId: string): FoldedStream | undefined {
    return this.#byDecider.get(decider)?.get(streamId);
  }

  set(decider: object, streamId: string, folded: FoldedStream): void {
    if (folded.version < FoldedStreamCache.MIN_VERSION) return;
    let streams = this.#byDecider.get(decider);
    if (!streams) this.#byDecider.set(decider, (streams = new Map()));
    streams.set(streamId, folded);
    const key = `${this.#idOf(decider)}/${streamId}`;
    this.#recent.delete(key);
    this.#recent.set(key, { decider, streamId });
    if (this.#recent.size > FoldedStreamCache.MAX_STREAMS) {
      const [oldestKey, oldest] = this.#recent.entries().next().value as [string, { decider: object; streamId: string }];
      this.#recent.delete(oldestKey);
      this.#byDecider.get(oldest.decider)?.delete(oldest.streamId);
    }
  }

  delete(decider: object, streamId: string): void {
    this.#byDecider.get(decider)?.delete(streamId);
    this.#recent.delete(`${this.#idOf(decider)}/${streamId}`);
  }

  #idOf(decider: object): number {
    let id = this.#deciderIds.get(decider);
    if (id === undefined) this.#deciderIds.set(decider, (id = this.#nextDeciderId++));
    return id;
  }
}

/**
 * Runs the commands of one stream one after another within this process, so concurrent commands on
 * a hot stream (many respondents answering one survey) queue instead of racing to the same version
 * and failing after their retries. Other processes still race; `handle` retries those clashes.
 */
export class PerStreamQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(streamId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(streamId) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(streamId, tail);
    void tail.then(() => {
      if (this.#tails.get(streamId) === tail) this.#tails.delete(streamId);
    });
    return result;
  }
}
