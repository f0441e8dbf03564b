import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ProxyTracerProvider, trace } from '@opentelemetry/api';

/**
 * Exports the spans still waiting in the batch processor when the app shuts down, so the last seconds
 * before a stop are not lost; nothing to do when tracing is off. It reaches the SDK started by
 * `startTracing` through the OpenTelemetry API, so the app's modules never load the SDK themselves.
 */
@Injectable()
export class SpanFlusher implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    const global = trace.getTracerProvider();
    const provider: object = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
    if ('forceFlush' in provider && typeof provider.forceFlush === 'function') await (provider.forceFlush as () => Promise<void>).call(provider);
  }
}
