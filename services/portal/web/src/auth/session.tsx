import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Claims, readClaims } from './claims';

/** sessionStorage: the token survives a reload of the tab and is gone when the tab closes. */
const STORAGE_KEY = 'pantau.accessToken';

export interface Session {
  token: string;
  claims: Claims;
}

interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended when it was not the user's choice (expired, refused by a service). */
  endedBecause: string | null;
  signIn(token: string): void;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function restore(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  const claims = token ? readClaims(token) : null;
  if (!token || !claims || claims.expiresAt <= Date.now()) {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
  return { token, claims };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(restore);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
    setEndedBecause(reason ?? null);
  }, []);

  const signIn = useCallback((token: string) => {
    const claims = readClaims(token);
    if (!claims) throw new Error('token tidak berisi klaim Pantau yang dikenali');
    sessionStorage.setItem(STORAGE_KEY, token);
    setSession({ token, claims });
    setEndedBecause(null);
  }, []);

  // Sign out when the token expires, rather than failing on the next click.
  useEffect(() => {
    if (!session) return undefined;
    const timer = setTimeout(() => signOut('Sesi Anda telah berakhir. Silakan masuk kembali.'), Math.max(0, session.claims.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, endedBecause, signIn, signOut }), [session, endedBecause, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session, for screens that are only reachable signed in. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn on a screen reachable without a session');
  return session;
}
