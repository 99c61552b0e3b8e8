/** Assembles a trace's spans into trees by parent span id, with times relative to the trace start. */
import type { SpanRecord } from './records';
import type { SpanNode, TraceView } from './views';

const NANOS_PER_MS = 1_000_000;

export function buildTraceView(traceId: string, spans: readonly SpanRecord[]): TraceView {
  const startNs = minimum(spans.map((span) => span.startTimeUnixNano));
  const endNs = maximum(spans.map((span) => span.endTimeUnixNano));
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const childrenOf = new Map<string, SpanRecord[]>();
  for (const span of spans) {
    if (span.parentSpanId === '' || !byId.has(span.parentSpanId)) continue;
    const siblings = childrenOf.get(span.parentSpanId);
    if (siblings) siblings.push(span);
    else childrenOf.set(span.parentSpanId, [span]);
  }
  const placed = new Set<string>();
  const toNode = (span: SpanRecord, missingParent: boolean): SpanNode => {
    placed.add(span.spanId);
    const children = (childrenOf.get(span.spanId) ?? []).filter((child) => !placed.has(child.spanId));
    return {
      spanId: span.spanId,
      name: span.name,
      kind: span.kind,
      startOffsetMs: nanosToMs(span.startTimeUnixNano - startNs),
      durationMs: nanosToMs(span.endTimeUnixNano - span.startTimeUnixNano),
      statusCode: span.statusCode,
      statusMessage: span.statusMessage,
      attributes: span.attributes,
      missingParent,
      // Each span is placed once, so the recursion visits at most spans.length nodes, even when
      // parent ids form a cycle.
      children: byStart(children).map((child) => toNode(child, false)),
    };
  };
  const roots = byStart(spans.filter((span) => span.parentSpanId === '' || !byId.has(span.parentSpanId)));
  const nodes = roots.map((span) => toNode(span, span.parentSpanId !== ''));
  // Spans whose parent chain loops never hang below a root; show each loop from its earliest span.
  for (const span of byStart(spans)) if (!placed.has(span.spanId)) nodes.push(toNode(span, true));
  return {
    traceId,
    serviceName: spans[0]?.serviceName ?? '',
    startTimeUnixNano: startNs.toString(),
    durationMs: nanosToMs(endNs - startNs),
    spanCount: spans.length,
    roots: nodes,
  };
}

/** Whole milliseconds exactly, plus the fraction; Number(ns) / 1e6 would round large values. */
function nanosToMs(nanos: bigint): number {
  return Number(nanos / BigInt(NANOS_PER_MS)) + Number(nanos % BigInt(NANOS_PER_MS)) / NANOS_PER_MS;
}

function byStart(spans: readonly SpanRecord[]): SpanRecord[] {
  return [...spans].sort((a, b) => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0));
}

function minimum(values: readonly bigint[]): bigint {
  return values.reduce((lowest, value) => (value < lowest ? value : lowest), values[0] ?? 0n);
}

function maximum(values: readonly bigint[]): bigint {
  return values.reduce((highest, value) => (value > highest ? value : highest), values[0] ?? 0n);
}
