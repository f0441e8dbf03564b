import { plainToInstance } from 'class-transformer';
import { IsIn, IsUrl, ValidateIf, validateSync } from 'class-validator';
import { ConfigError } from '../load-config';

/**
 * Where spans go. `none` (the default) starts no tracing at all; `otlp` sends them over OTLP/HTTP to
 * a collector (Jaeger, Tempo, the OpenTelemetry Collector) at OTEL_EXPORTER_OTLP_ENDPOINT.
 */
export class TracingConfig {
  @IsIn(['otlp', 'none'])
  OTEL_TRACES_EXPORTER: 'otlp' | 'none' = 'none';

  /** The collector's base URL, e.g. http://otel-collector:4318; spans go to <url>/v1/traces. */
  @ValidateIf((config: TracingConfig) => config.OTEL_TRACES_EXPORTER === 'otlp')
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be the http(s) URL of an OTLP collector when OTEL_TRACES_EXPORTER=otlp' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

/** Reads and validates the tracing settings; a ConfigError lists every problem. */
export function loadTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('OTEL_') && value !== undefined && value !== ''));
  const config = plainToInstance(TracingConfig, defined, { exposeDefaultValues: true });
  const problems = validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
