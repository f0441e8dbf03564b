import { type AuthConfig, loadAuthConfig } from './auth/auth.config';
import { type BaseServiceConfig, ConfigError, loadConfig } from './load-config';
import { loadTracingConfig } from './tracing/tracing.config';

export interface ServiceConfigs<T extends BaseServiceConfig> {
  config: T;
  auth: AuthConfig;
}

/**
 * A service's own settings and its token verification settings, read at boot, and its tracing
 * settings checked (`startTracing` read them already, before the service's modules loaded). Fails with
 * the problems of all of them listed together, so one failed start shows everything there is to fix.
 */
export function loadServiceConfig<T extends BaseServiceConfig>(configClass: new () => T, env: NodeJS.ProcessEnv = process.env): ServiceConfigs<T> {
  const problems: string[] = [];
  const attempt = <R>(load: () => R): R | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const config = attempt(() => loadConfig(configClass, env));
  const auth = attempt(() => loadAuthConfig(env));
  attempt(() => loadTracingConfig(env));
  if (!config || !auth || problems.length > 0) throw new ConfigError(problems);
  return { config, auth };
}
