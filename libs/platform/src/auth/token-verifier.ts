import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type AuthConfig, DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { AuthenticationError } from './authentication-error';
import { type Principal, principalFromClaims } from './principal';

/** Leeway for clocks of the identity provider and of this service that disagree a little. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Faults of the identity provider, not of the caller: they surface as 500s, not as 401s. */
const PROVIDER_FAULTS = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_NOT_SUPPORTED']);

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A JWKS resolver, a public key, or the dev HMAC secret. */
  key: JWTVerifyGetKey | KeyObject | Uint8Array;
  /** Accepted `alg` values: pinned, so an HS256 token can never be checked against a public key. */
  algorithms: string[];
}

/**
 * Turns a bearer token into a Principal: signature, issuer, audience, expiry and not-before are
 * checked by jose, then the Pantau claims by `principalFromClaims`.
 */
export class TokenVerifier {
  constructor(private readonly options: TokenVerifierOptions) {}

  /** The verifier the configuration asks for; in `jwks` mode the keys are fetched lazily and cached. */
  static fromConfig(config: AuthConfig): TokenVerifier {
    switch (config.AUTH_MODE) {
      case 'jwks':
        return new TokenVerifier({
          issuer: config.AUTH_ISSUER ?? '',
          audience: config.AUTH_AUDIENCE ?? '',
          key: createRemoteJWKSet(new URL(config.AUTH_JWKS_URL ?? ''), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
          algorithms: ASYMMETRIC,
        });
      case 'key':
        return new TokenVerifier({
          issuer: config.AUTH_ISSUER ?? '',
          audience: config.AUTH_AUDIENCE ?? '',
          key: createPublicKey(config.AUTH_PUBLIC_KEY_PEM ?? ''),
          algorithms: [config.AUTH_KEY_ALGORITHM],
        });
      case 'dev':
        return new TokenVerifier({
          issuer: config.AUTH_ISSUER ?? DEV_ISSUER,
          audience: config.AUTH_AUDIENCE ?? DEV_AUDIENCE,
          key: new TextEncoder().encode(config.AUTH_DEV_SIGNING_SECRET ?? ''),
          algorithms: ['HS256'],
        });
    }
  }

  /** The principal of a token; an unusable token throws AuthenticationError('AUTH.INVALID_TOKEN'). */
  async verify(token: string): Promise<Principal> {
    const { issuer, audience, algorithms, key } = this.options;
    const verifyOptions = { issuer, audience, algorithms, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp', 'sub'] };
    let payload: Record<string, unknown>;
    try {
      // Two calls rather than one union argument: jose overloads on the kind of key.
      const result = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      payload = result.payload;
    } catch (error) {
      throw toAuthenticationError(error);
    }
    return principalFromClaims(payload);
  }
}

function toAuthenticationError(error: unknown): Error {
  if (!(error instanceof errors.JOSEError) || PROVIDER_FAULTS.has(error.code)) return error as Error;
  if (error instanceof errors.JWTExpired) return new AuthenticationError('AUTH.INVALID_TOKEN', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new AuthenticationError('AUTH.INVALID_TOKEN', `the token's ${error.claim} claim is not accepted`);
  return new AuthenticationError('AUTH.INVALID_TOKEN', 'the token is not valid');
}
