export type AuthenticationErrorCode = 'AUTH.MISSING_TOKEN' | 'AUTH.INVALID_TOKEN';

/** The caller could not be identified: becomes a 401 with this code. */
export class AuthenticationError extends Error {
  constructor(
    readonly code: AuthenticationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
