import {
  context,
  ProxyTracerProvider,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

/**
 * Custom spans on top of Deno's built-in OpenTelemetry (`OTEL_DENO=true`), which already
 * traces Deno.serve and fetch and registers itself with `@opentelemetry/api`. With it off,
 * the API hands out non-recording spans: a span here then costs one `startSpan` call (tens
 * of nanoseconds) and nothing else.
 */
export const tracer = trace.getTracer("contrail");

// The API's provider when nothing was registered: a proxy whose delegate is the no-op one.
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();

/** True when spans go somewhere: Deno's OTel is on, or an SDK provider was registered. */
export function tracingEnabled(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NOOP_PROVIDER;
}

/** Marks a span failed with the error's type only: messages may carry user data. */
export function failSpan(span: Span, err: unknown): void {
  const type = err instanceof Error ? err.name : typeof err;
  span.setAttribute("error.type", type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/**
 * Runs `fn` in a span that is the active parent of whatever `fn` starts (queries, fetches),
 * ended when `fn` settles. When tracing is off, `fn` just runs, given a no-op span.
 */
export function withSpan<T>(
  name: string,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  const span = tracer.startSpan(name, kind === SpanKind.INTERNAL ? undefined : { kind });
  if (!span.isRecording()) return fn(span);
  return context.with(trace.setSpan(context.active(), span), async () => {
    try {
      return await fn(span);
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}
