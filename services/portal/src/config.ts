import { join } from 'node:path';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Max, Min, MinLength, validateSync, type ValidationError } from 'class-validator';
import { type AuthConfig, ConfigError, IsTrustedProxyList, loadAuthConfig, loadTracingConfig, retiredHopCountProblems, splitList } from '@lib/platform';

const SERVICE_URL = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/**
 * The only reader of process.env in the portal; every key is in deploy/.env.example. The portal has
 * no database and no broker, so it does not extend BaseServiceConfig: it serves the web app and
 * forwards API calls to the three services.
 */
export class PortalConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsUrl(SERVICE_URL)
  REQUEST_SERVICE_URL = 'http://127.0.0.1:3001';

  @IsUrl(SERVICE_URL)
  SURVEY_SERVICE_URL = 'http://127.0.0.1:3002';

  @IsUrl(SERVICE_URL)
  EVALUATION_SERVICE_URL = 'http://127.0.0.1:3003';

  /** How long a proxied call's connection to the service may stay silent (waiting for the answer, or mid-transfer). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(300_000)
  UPSTREAM_TIMEOUT_MS = 60_000;

  /**
   * Proxies in front of the portal (an ingress) trusted to set X-Forwarded-For, by address or CIDR (or
   * loopback, linklocal, uniquelocal). The services behind the portal list the portal's address and these.
   */
  @Transform(splitList)
  @IsTrustedProxyList()
  TRUST_PROXY: string[] = ['loopback'];

  /** The built single-page app (index.html and assets/), written there by `npm run build`. */
  @IsString()
  @MinLength(1)
  WEB_ROOT = join(__dirname, 'web');
}

export interface PortalSettings {
  config: PortalConfig;
  /** Token settings shared with the services; the portal reads them only to issue dev tokens. */
  auth: AuthConfig;
}

/**
 * Reads and validates the portal's settings, and checks its tracing settings (`startTracing` read them
 * already), failing with every problem of all of them listed together.
 */
export function loadPortalSettings(env: NodeJS.ProcessEnv = process.env): PortalSettings {
  const defined = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in new PortalConfig() && value !== undefined && value !== ''));
  const config = plainToInstance(PortalConfig, defined, { exposeDefaultValues: true });
  const problems = [...validateSync(config).flatMap(describe), ...retiredHopCountProblems(env)];
  const attempt = <R>(load: () => R): R | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const auth = attempt(() => loadAuthConfig(env));
  attempt(() => loadTracingConfig(env));
  if (problems.length > 0 || !auth) throw new ConfigError(problems);
  return { config, auth };
}

function describe(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => (message.startsWith(error.property) ? message : `${error.property}: ${message}`));
}
