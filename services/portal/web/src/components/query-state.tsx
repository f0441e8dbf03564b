import type { ReactNode } from 'react';
import { ProblemMessage } from './problem-message';

/** Loading text, the error of a failed read, or the content once the data is there. */
export function QueryState<T>({
  query,
  children,
  what,
}: {
  query: { data?: T; error: unknown; isPending: boolean };
  children(data: T): ReactNode;
  what: string;
}) {
  if (query.isPending) return <p aria-live="polite">Memuat {what}…</p>;
  if (query.error) return <ProblemMessage error={query.error} title={`Gagal memuat ${what}`} />;
  return <>{children(query.data as T)}</>;
}
