/**
 * A broken business rule. `code` is stable (`CONTEXT.REASON`, e.g. `REQUEST.ALREADY_COMPLETED`) and is
 * what API clients switch on; the HTTP layer maps it to 409 Conflict (404 for `*.NOT_FOUND`). Each
 * context narrows `Code` to its own catalogue with {@link DomainErrorOf}.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * The DomainError constructor narrowed to one context's codes, so a mistyped code does not compile:
 * `export const DomainError: DomainErrorOf<RequestErrorCode> = AnyDomainError;`. It is the same
 * class at run time, so `instanceof DomainError` keeps matching every context's errors.
 */
export type DomainErrorOf<Code extends string> = new (code: Code, message: string, details?: Record<string, unknown>) => DomainError<Code>;

/** Ends an exhaustive `switch`: the compiler proves it unreachable, the runtime reports what slipped through. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
