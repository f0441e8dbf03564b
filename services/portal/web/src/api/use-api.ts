import { useMemo } from 'react';
import { useSession } from '../auth/session';
import { call, type CallOptions } from './http';
import { ApiError } from './problem';

export type Api = <T>(path: string, options?: Omit<CallOptions, 'token'>) => Promise<T>;

/**
 * API calls with the signed-in user's bearer token. A 401 means the token is no longer accepted
 * (expired, revoked, signed by another key): the session ends and the sign-in page says why.
 */
export function useApi(): Api {
  const { session, signOut } = useSession();
  const token = session?.token ?? null;
  return useMemo<Api>(
    () =>
      async <T>(path: string, options: Omit<CallOptions, 'token'> = {}) => {
        try {
          return await call<T>(path, { ...options, token });
        } catch (error) {
          if (token && error instanceof ApiError && error.status === 401) signOut('Sesi tidak diterima oleh server. Silakan masuk kembali.');
          throw error;
        }
      },
    [token, signOut],
  );
}
