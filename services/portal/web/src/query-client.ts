import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from './api/problem';

/** A 4xx will not heal by asking again; a network failure or a 5xx might. */
const worthRetrying = (failures: number, error: unknown): boolean => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: worthRetrying, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

/** Pauses between reads of a read model that has not caught up with a command yet: about 6 s in all. */
export const CATCH_UP_PAUSES_MS: readonly number[] = [100, 200, 400, 800, 1500, 3000];

/** Where a command's effect shows: a read, and the version of the command's stream in its answer. */
export interface CatchUp<T> {
  read(): Promise<T>;
  /** The stream's version in the answer; undefined while the answer does not show the stream (a list without the new item). */
  versionIn(answer: T): number | undefined;
  /** The stream version the command's reply says it reached. */
  reached: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * True once the read side shows the version a command reached, false when it still does not after
 * the last pause. A 404 counts as not there yet: the read model has not created the row.
 */
export async function caughtUp<T>({ read, versionIn, reached }: CatchUp<T>, pauses: readonly number[] = CATCH_UP_PAUSES_MS): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      if ((versionIn(await read()) ?? 0) >= reached) return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    if (attempt === pauses.length) return false;
    await pause(pauses[attempt]);
  }
}

/**
 * After a command: the services answer it before their read models have applied it, so the queries
 * that show its effect are refreshed once the read side has reached the version the command returned
 * (or, bounded, once waiting stops paying). A read that fails otherwise ends the wait; the refreshed
 * queries then show that failure.
 */
export async function refreshAfterCommand<T>(queryClient: QueryClient, catchUp: CatchUp<T>, ...keys: QueryKey[]): Promise<void> {
  await caughtUp(catchUp).catch(() => false);
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
