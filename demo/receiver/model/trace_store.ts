/** Spans grouped by trace, the most recently updated traces kept. */
import type { SpanRecord } from './records';
import { buildTraceView } from './span_tree';
import type { TracesView } from './views';

/** Enough for a play session's interesting traces; older ones are forgotten. */
const MAX_TRACES_KEPT = 200;
/** A runaway loop that opens spans should not exhaust memory. */
const MAX_SPANS_PER_TRACE = 1_000;

export class TraceStore {
  private spanCount = 0;
  /** Map order is recency: a trace that receives a span moves to the end. */
  private readonly traces = new Map<string, Map<string, SpanRecord>>();

  add(spans: readonly SpanRecord[]): void {
    for (const span of spans) {
      const trace = this.traces.get(span.traceId) ?? new Map<string, SpanRecord>();
      this.traces.delete(span.traceId);
      this.traces.set(span.traceId, trace);
      if (trace.size >= MAX_SPANS_PER_TRACE && !trace.has(span.spanId)) continue;
      trace.set(span.spanId, span);
      this.spanCount += 1;
    }
    const excess = this.traces.size - MAX_TRACES_KEPT;
    for (const traceId of [...this.traces.keys()].slice(0, Math.max(0, excess))) this.traces.delete(traceId);
  }

  view(): TracesView {
    const newestFirst = [...this.traces].reverse();
    return {
      spanCount: this.spanCount,
      traceCount: this.traces.size,
      traces: newestFirst.map(([traceId, spans]) => buildTraceView(traceId, [...spans.values()])),
    };
  }
}
