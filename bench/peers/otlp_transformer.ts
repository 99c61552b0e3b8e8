/**
 * The peer for the span flush: OpenTelemetry JS's own OTLP serialisers (@opentelemetry/otlp-transformer)
 * over 100 finished spans shaped like the GameTracker flush case (50 roots with 2 attributes, each with
 * one child with 2 attributes). Node-only.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { context, trace } from '@opentelemetry/api';
import type { Budget, Now } from '../cases/measure';
import { measureOnce } from '../cases/measure';
import type { FlushResult } from '../cases/flush_cases';
import { ITEMS_PER_FLUSH } from '../cases/flush_cases';

const LEVELS = ['forest', 'cave', 'castle', 'swamp'];

export function measureOtlpTransformer(now: Now, budget: Budget): FlushResult[] {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('bench');
  for (let i = 0; i < ITEMS_PER_FLUSH / 2; i++) {
    const root = tracer.startSpan('load_level', { attributes: { level: LEVELS[i & 3] ?? '', round: 1 } });
    tracer.startSpan('load_assets', { attributes: { count: 12 + i, cached: (i & 1) === 0 } }, trace.setSpan(context.active(), root)).end();
    root.end();
  }
  const spans = exporter.getFinishedSpans();
  const run = (name: string, serialize: () => Uint8Array | undefined): FlushResult => {
    let bodyBytes = 0;
    const stats = measureOnce(now, () => {
      bodyBytes = serialize()?.length ?? 0;
    }, budget);
    return { name, ...stats, bodyBytes, bytesPerItem: bodyBytes / ITEMS_PER_FLUSH };
  };
  return [
    run('otlp-transformer JSON, 100 spans', () => JsonTraceSerializer.serializeRequest(spans)),
    run('otlp-transformer protobuf, 100 spans', () => ProtobufTraceSerializer.serializeRequest(spans)),
  ];
}
