// class-validator's decorators read design types, so this file works outside a Nest app (scripts, tests).
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, MinLength, validateSync } from 'class-validator';
import { ConfigError } from '../load-config';

export type AuthMode = 'jwks' | 'key' | 'dev';

/**
 * The dev secret that deploy/.env.example and the local scripts use. Publicly known, so
 * `validateAuthConfig` refuses it outside development and on any address but loopback.
 */
export const DEFAULT_DEV_SIGNING_SECRET = 'pantau-local-dev-signing-secret-not-for-production';
/** Issuer and audience of dev tokens when AUTH_ISSUER / AUTH_AUDIENCE are not set in dev mode. */
export const DEV_ISSUER = 'pantau-dev-issuer';
export const DEV_AUDIENCE = 'pantau-api';

/**
 * How bearer tokens are verified. `jwks`: an OIDC provider (Keycloak) publishing its keys at
 * AUTH_JWKS_URL; `key`: one PEM public key; `dev`: HS256 tokens from the dev issuer, local runs only.
 */
export class AuthConfig {
  // No default: a service that was not told how to check tokens must not guess the permissive way.
  @IsIn(['jwks', 'key', 'dev'], { message: 'AUTH_MODE is required: jwks (an OIDC provider), key (one public key) or dev (local runs only)' })
  AUTH_MODE!: AuthMode;

  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_PEM?: string;

  /** Algorithm of AUTH_PUBLIC_KEY_PEM in `key` mode. */
  @IsIn(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])
  AUTH_KEY_ALGORITHM = 'RS256';

  @IsOptional()
  @IsString()
  AUTH_DEV_SIGNING_SECRET?: string;

  /**
   * Lets dev mode listen on an address other than loopback (a container behind a port bound to the
   * host's loopback, as deploy/compose.yaml does). Never in a deployment anyone else can reach.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  AUTH_DEV_ALLOW_EXPOSED_HOST?: 'true' | 'false';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Every problem with an auth configuration, beyond the per-field rules: what each mode needs, and dev
 * mode and the published dev secret only where nobody else can reach them: not in production, and
 * only on a loopback address (`host` is where the service listens).
 */
export function validateAuthConfig(nodeEnv: string, config: AuthConfig, host = '127.0.0.1'): string[] {
  const problems: string[] = [];
  const production = nodeEnv === 'production';
  const exposed = !LOOPBACK_HOSTS.has(host) && config.AUTH_DEV_ALLOW_EXPOSED_HOST !== 'true';
  if (production && config.AUTH_MODE === 'dev') problems.push('AUTH_MODE=dev is refused when NODE_ENV=production; use jwks or key');
  if (!production && config.AUTH_MODE === 'dev' && exposed) {
    problems.push(`AUTH_MODE=dev is refused on HOST=${host}: dev tokens are for a service only this machine reaches (listen on 127.0.0.1, or use jwks)`);
  }
  if (config.AUTH_DEV_SIGNING_SECRET === DEFAULT_DEV_SIGNING_SECRET && (production || !LOOPBACK_HOSTS.has(host))) {
    problems.push(`AUTH_DEV_SIGNING_SECRET is the documented default dev secret; it is refused ${production ? 'when NODE_ENV=production' : `on HOST=${host}`}`);
  }
  if (config.AUTH_MODE === 'jwks' || config.AUTH_MODE === 'key') {
    if (!config.AUTH_ISSUER) problems.push(`AUTH_ISSUER is required when AUTH_MODE=${config.AUTH_MODE}`);
    if (!config.AUTH_AUDIENCE) problems.push(`AUTH_AUDIENCE is required when AUTH_MODE=${config.AUTH_MODE}`);
  }
  if (config.AUTH_MODE === 'jwks') {
    if (!config.AUTH_JWKS_URL) problems.push('AUTH_JWKS_URL is required when AUTH_MODE=jwks');
    else if (production && !config.AUTH_JWKS_URL.startsWith('https://')) problems.push('AUTH_JWKS_URL must be https when NODE_ENV=production');
  }
  if (config.AUTH_MODE === 'key' && !config.AUTH_PUBLIC_KEY_PEM?.includes('-----BEGIN PUBLIC KEY-----')) {
    problems.push('AUTH_PUBLIC_KEY_PEM must hold a PEM public key (-----BEGIN PUBLIC KEY-----) when AUTH_MODE=key');
  }
  if (config.AUTH_MODE === 'dev' && (config.AUTH_DEV_SIGNING_SECRET ?? '').length < 32) {
    problems.push('AUTH_DEV_SIGNING_SECRET of at least 32 characters is required when AUTH_MODE=dev');
  }
  return problems;
}

/** Reads, validates and returns the auth settings, failing with every problem listed. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('AUTH_') && value !== undefined && value !== ''));
  // PEM keys in env files often carry literal "\n".
  if (typeof defined.AUTH_PUBLIC_KEY_PEM === 'string') defined.AUTH_PUBLIC_KEY_PEM = defined.AUTH_PUBLIC_KEY_PEM.replace(/\\n/g, '\n');
  const config = plainToInstance(AuthConfig, defined, { exposeDefaultValues: true });
  const problems = validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
  problems.push(...validateAuthConfig(env.NODE_ENV ?? 'development', config, env.HOST ?? '127.0.0.1'));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
