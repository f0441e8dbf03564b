import { performance } from 'node:perf_hooks';

interface Entry<V> {
  value: Promise<V>;
  expiresAt: number;
}

/**
 * Values a command reads from read tables on every call (a tenant's calendar, the standard in force),
 * kept until the projection that writes those tables commits a batch in this process (it calls
 * `invalidate`) or `ttlMs` has passed, whichever comes first. The time limit is for the batches
 * another replica commits: they reach this process's cache at most `ttlMs` late, on top of the
 * projection lag every read of a read table already has. Concurrent misses of one key share a load;
 * a failed load is not kept.
 */
export class ReadModelCache<V> {
  readonly #entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = load();
    const entry = { value, expiresAt: now + this.ttlMs };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  /** Forgets everything: a load still running when this is called is not kept either. */
  invalidate(): void {
    this.#entries.clear();
  }
}
