import { TRACEPARENT_HEADER } from '@lib/contracts';
import { type Attributes, context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

// The OpenTelemetry API answers with no-op spans and propagators until an SDK is started (see
// @lib/platform/tracing), so none of this records anything when tracing is off; callers also skip
// it for events that carry no trace context.
const tracer = trace.getTracer('pantau-event-sourcing');

/**
 * The W3C traceparent of the active span, to store with the events a command appends; undefined when
 * no span is active (tracing off, or work no trace started), so nothing is serialized then.
 */
export function activeTraceparent(): string | undefined {
  const active = context.active();
  if (trace.getSpan(active) === undefined) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier[TRACEPARENT_HEADER];
}

/**
 * Starts a span as a child of the trace context in `headers` (a message's W3C traceparent) and writes
 * the span's own context back into them, so whoever reads the message next continues from this span.
 */
export function startMessageSpan(name: string, kind: SpanKind, headers: Record<string, string>, attributes: Attributes): Span {
  const span = tracer.startSpan(name, { kind, attributes }, propagation.extract(ROOT_CONTEXT, headers));
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
  return span;
}

/** Ends `span`, marking it failed with `error` when there is one. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/**
 * Runs `work` in a span that continues the trace of `traceparent` (a consumed message's), so what it
 * does (queries, appended events) belongs to that trace.
 */
export async function inMessageSpan<T>(name: string, traceparent: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const span = tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes }, propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: traceparent }));
  try {
    const result = await context.with(trace.setSpan(context.active(), span), work);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}
