// The first module a service loads: the config classes it reads below need decorator metadata.
import 'reflect-metadata';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ConfigError } from '../load-config';
import { loadTracingConfig } from './tracing.config';

/** Probes and scrapes, every few seconds: a trace each would bury the requests worth reading. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

export type TracingInstrumentation = HttpInstrumentation | ExpressInstrumentation | NestInstrumentation | PgInstrumentation | KafkaJsInstrumentation;

export interface RunningTracing {
  readonly instrumentations: readonly TracingInstrumentation[];
  /** Sends the spans not exported yet and stops tracing. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** Takes the spans instead of the configured exporter (tests read them from memory). */
  spanProcessor?: SpanProcessor;
}

/**
 * Starts OpenTelemetry tracing for this process: HTTP, Express, Nest, PostgreSQL and kafkajs spans,
 * sent where OTEL_TRACES_EXPORTER says. The instrumentations patch those modules as they are first
 * required, so this must run before anything else loads them: each service's main.ts imports its
 * `tracing.ts` first. With the exporter `none` it starts nothing and answers undefined; so it does
 * with invalid settings, which the service's own config check then reports with every other problem.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): RunningTracing | undefined {
  let spanProcessor = options.spanProcessor;
  if (!spanProcessor) {
    let config;
    try {
      config = loadTracingConfig(options.env);
    } catch (error) {
      if (error instanceof ConfigError) return undefined;
      throw error;
    }
    if (config.OTEL_TRACES_EXPORTER === 'none' || !config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
    spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` }));
  }
  const instrumentations = [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? '') }),
    // Route handlers only: a span for each of the dozen middlewares every request passes says nothing.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    new NestInstrumentation(),
    // Queries of a traced request or message only, not the relay's and projections' polling.
    new PgInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
  ];
  // Metrics are prom-client's (/metrics) and logs pino's: the SDK exports spans only, whatever OTEL_* says.
  const sdk = new NodeSDK({ serviceName, spanProcessors: [spanProcessor], instrumentations, metricReaders: [], logRecordProcessors: [] });
  sdk.start();
  return { instrumentations, shutdown: () => sdk.shutdown() };
}
