/**
 * Polls `assertion` until it stops throwing, then returns its result; rethrows the last failure after
 * `timeoutMs`. Asynchronous effects are awaited by their outcome, never by sleeping.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
