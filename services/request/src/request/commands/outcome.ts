import type { RequestEvent } from '@lib/contracts';
import { type AppendResult, type DeciderFold, EventStore, foldStream } from '@lib/event-sourcing';

/** A union member without some keys, keeping the union (Omit on a union would merge its members). */
export type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a command answers: the state after it. */
export interface CommandOutcome<S> {
  streamId: string;
  version: number;
  duplicate: boolean;
  /** Events this call appended: 0 for a no-op decision or a duplicate. */
  appended: number;
  state: S;
}

/**
 * What a command answers. A duplicate Idempotency-Key appends nothing and the store only remembers
 * the stream and version, so its answer is rebuilt from the stream up to that version: the same body
 * as the first call as long as nothing else happened to the stream in between.
 */
export async function outcomeOf<S, SE extends RequestEvent>(
  store: EventStore<RequestEvent>,
  result: AppendResult & { state: S },
  fold: DeciderFold<SE, S>,
): Promise<CommandOutcome<S>> {
  const outcome = { streamId: result.streamId, version: result.nextExpectedVersion, duplicate: result.duplicate, appended: result.appended };
  if (!result.duplicate) return { ...outcome, state: result.state };
  const history = await store.readStream(result.streamId);
  const upTo = history.slice(0, result.nextExpectedVersion).map((stored) => stored.event);
  return { ...outcome, state: foldStream(fold, result.streamId, upTo) };
}

/** The stream's id without its `<type>-` prefix. */
export const idOf = (streamId: string, prefix: string): string => streamId.slice(prefix.length);
