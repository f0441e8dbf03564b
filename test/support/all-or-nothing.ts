/** Something started for a suite, with how to undo it. */
export interface Undoable<T> {
  started: Promise<T>;
  undo(value: T): Promise<unknown>;
}

export const undoable = <T>(started: Promise<T>, undo: (value: T) => Promise<unknown>): Undoable<T> => ({ started, undo });

/**
 * Starts everything at once and returns all of it, or undoes what did start and throws the first
 * failure. With Promise.all a failed start leaves the others running where no afterAll can reach them
 * (their results are never assigned), and an app, a pool or a child process left open keeps Jest from exiting.
 */
export async function allOrNothing<T extends readonly unknown[]>(starts: readonly [...{ [K in keyof T]: Undoable<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(starts.map(({ started }) => started));
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (!failure) return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
  await Promise.allSettled(settled.map((outcome, i) => (outcome.status === 'fulfilled' ? starts[i].undo(outcome.value) : undefined)));
  throw failure.reason;
}
