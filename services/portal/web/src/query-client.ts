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

/** How long the services' read models usually take to show a command's effect. */
const READ_MODEL_LAG_MS = 1_500;

/**
 * Refetches after a change, now and once more a moment later: the services answer a command before
 * their read models have applied it, so the first refetch may still show the old state.
 */
export function refreshSoon(queryClient: QueryClient, ...keys: QueryKey[]): void {
  const refetch = () => keys.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey }));
  refetch();
  setTimeout(refetch, READ_MODEL_LAG_MS);
}
