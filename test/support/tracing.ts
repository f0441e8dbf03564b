import { createRequire } from 'node:module';
import { type RunningTracing, startTracing } from '@lib/platform/tracing';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

type Patch = (moduleExports: unknown, moduleVersion?: string) => unknown;

/** The part of an OpenTelemetry instrumentation's module definitions this harness uses. */
interface ModuleDefinition {
  name: string;
  patch?: Patch;
  unpatch?: (moduleExports?: unknown, moduleVersion?: string) => void;
  files: { name: string; patch: Patch; unpatch: (moduleExports?: unknown, moduleVersion?: string) => void }[];
}

export interface TestTracing {
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  stop(): Promise<void>;
}

/**
 * Starts the services' tracing (startTracing, as each main.ts does) with spans kept in memory. The
 * instrumentations patch modules as Node's `require` loads them, but jest loads modules with its own
 * loader, which they never see: so this applies each patch by hand to the modules as jest loads them,
 * once, before the services are booted. Core modules (http) are the process's own, shared with the
 * other spec files of this jest worker, so `stop` takes their patches off again.
 */
export function startTestTracing(serviceName: string): TestTracing {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing(serviceName, { env: {}, spanProcessor: new SimpleSpanProcessor(exporter) }) as RunningTracing;
  const load = createRequire(__filename);
  const versionOf = (name: string): string | undefined => {
    try {
      return (load(`${name}/package.json`) as { version: string }).version;
    } catch {
      return undefined; // a core module
    }
  };
  const patched: (() => void)[] = [];
  for (const instrumentation of tracing.instrumentations) {
    for (const definition of instrumentation.getModuleDefinitions() as ModuleDefinition[]) {
      const version = versionOf(definition.name);
      const { patch, unpatch } = definition;
      if (patch && unpatch) {
        const moduleExports = load(definition.name);
        patch(moduleExports, version);
        patched.push(() => unpatch(moduleExports, version));
      }
      for (const file of definition.files) {
        let moduleExports: unknown;
        try {
          moduleExports = load(file.name);
        } catch {
          continue; // an optional part that is not installed (pg-native)
        }
        // A patch that replaces a file's exports (kafkajs's cluster id capture) cannot be installed here.
        if (file.patch(moduleExports, version) === moduleExports) patched.push(() => file.unpatch(moduleExports, version));
      }
    }
  }
  return {
    spans: () => exporter.getFinishedSpans(),
    stop: async () => {
      for (const unpatch of patched.reverse()) unpatch();
      await tracing.shutdown();
    },
  };
}
