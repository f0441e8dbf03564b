/**
 * A broken business rule. `code` is stable (`CONTEXT.REASON`, e.g. `REQUEST.ALREADY_COMPLETED`) and is
 * what API clients switch on; the HTTP layer maps it to 409 Conflict.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Ends an exhaustive `switch`: the compiler proves it unreachable, the runtime reports what slipped through. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
