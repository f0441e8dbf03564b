import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type AuthConfig, DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { AuthenticationError } from './authentication-error';
import { type Principal, principalFromClaims } from './principal';

/** Leeway for clocks of the identity provider and of this service that disagree a little. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * How long a verified token is taken on trust before its signature is checked again. A client sends
 * the same bearer token with every request for as long as it lives, and checking it (signature and
 * claims) was about 5% of the request service's CPU under load. A verified token stays valid until its
 * own `exp`; the interval only bounds how long a key withdrawn at the identity provider is still
 * honoured for tokens already seen.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/** Faults of the identity provider, not of the caller: they surface as 500s, not as 401s. */
const PROVIDER_FAULTS = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/**
 * jose says "not supported" both for a token (a `crit` header or an algorithm it does not know, checked
 * before any key is used) and for a key the provider publishes in a form it cannot use. Only the second
 * is the provider's fault, so it is told apart by where it was thrown.
 */
const NOT_SUPPORTED = 'ERR_JOSE_NOT_SUPPORTED';

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
  // Insertion order is age order: the oldest entry goes first when the cache is full.
  readonly #verified = new Map<string, { principal: Readonly<Principal>; until: number }>();

  constructor(
    private readonly options: TokenVerifierOptions,
    private readonly now: () => number = Date.now,
  ) {}

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

  /**
   * The principal of a token; an unusable token throws AuthenticationError('AUTH.INVALID_TOKEN'). A
   * token verified in the last VERIFIED_TOKEN_TTL_MS, and not expired since, is answered from memory
   * (a copy, so no caller can change what the next one gets).
   */
  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const cached = this.#verified.get(token);
    if (cached && cached.until > now) return copyOf(cached.principal);
    if (cached) this.#verified.delete(token);
    const { principal, expiresAt } = await this.verifyAfresh(token);
    if (this.#verified.size >= VERIFIED_TOKEN_CACHE_SIZE) this.#verified.delete(this.#verified.keys().next().value as string);
    this.#verified.set(token, { principal: copyOf(principal), until: Math.min(expiresAt, now + VERIFIED_TOKEN_TTL_MS) });
    return principal;
  }

  private async verifyAfresh(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const { issuer, audience, algorithms, key } = this.options;
    const verifyOptions = {
      issuer,
      audience,
      algorithms,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(this.now()),
    };
    let payload: Record<string, unknown>;
    let keyFault: unknown;
    try {
      // Two calls rather than one union argument: jose overloads on the kind of key.
      const result =
        typeof key === 'function'
          ? await jwtVerify(
              token,
              (header, signed) =>
                Promise.resolve(key(header, signed)).catch((error: unknown) => {
                  keyFault = error;
                  throw error;
                }),
              verifyOptions,
            )
          : await jwtVerify(token, key, verifyOptions);
      payload = result.payload;
    } catch (error) {
      if (error === keyFault && error instanceof errors.JOSEError && error.code === NOT_SUPPORTED) throw error;
      throw toAuthenticationError(error);
    }
    // jose required `exp` (requiredClaims) and checked it is a number; the cache trusts no clock tolerance.
    return { principal: principalFromClaims(payload), expiresAt: (payload.exp as number) * 1000 };
  }
}

/** A Principal's fields are strings but for one array: a spread and an array copy make it independent, far cheaper than structuredClone. */
function copyOf(principal: Readonly<Principal>): Principal {
  const copy: Principal = { ...principal };
  if (principal.assignedUnitIds) copy.assignedUnitIds = [...principal.assignedUnitIds];
  return copy;
}

function toAuthenticationError(error: unknown): Error {
  if (!(error instanceof errors.JOSEError) || PROVIDER_FAULTS.has(error.code)) return error as Error;
  if (error instanceof errors.JWTExpired) return new AuthenticationError('AUTH.INVALID_TOKEN', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new AuthenticationError('AUTH.INVALID_TOKEN', `the token's ${error.claim} claim is not accepted`);
  return new AuthenticationError('AUTH.INVALID_TOKEN', 'the token is not valid');
}
