/**
 * The usual libraries, each configured the way its docs recommend for production, doing the same
 * work as the GameTracker case it stands beside. Node-only (they need Node built-ins).
 *
 * - pino: `info` to a stream whose `write` discards (the JSON line is still built).
 * - prom-client: counter `inc`, gauge `set`, histogram `observe`, on a private registry.
 * - OpenTelemetry JS: spans with a BatchSpanProcessor and an exporter that discards; counter `add`,
 *   histogram `record` and gauge `record` on a MeterProvider with a reader attached (without a reader
 *   the SDK skips the work). The span processor is flushed between samples, so each timed call takes
 *   the normal queueing path, as GameTracker's queues are drained between its samples.
 */
import { context, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallCase } from '../cases/measure';

const LEVELS = ['forest', 'cave', 'castle', 'swamp'];
const WEAPONS = ['sword', 'bow', 'staff'];

export function pinoCases(): CallCase[] {
  const logger = pino({ level: 'info' }, { write: () => undefined });
  return [
    {
      name: 'pino info(msg)',
      batch: 200,
      run(n) {
        for (let i = 0; i < n; i++) logger.info('enemy spawned');
      },
    },
    {
      name: 'pino info({2 fields}, msg)',
      batch: 200,
      run(n) {
        for (let i = 0; i < n; i++) logger.info({ kind: 'orc', wave: i }, 'enemy spawned');
      },
    },
    {
      name: 'pino debug, level disabled',
      batch: 1000,
      run(n) {
        for (let i = 0; i < n; i++) logger.debug({ kind: 'orc', wave: i }, 'enemy spawned');
      },
    },
  ];
}

export function promClientCases(): CallCase[] {
  const registers = [new Registry()];
  const spawned = new Counter({ name: 'enemies_spawned_total', help: 'h', registers });
  const killed = new Counter({ name: 'enemies_killed_total', help: 'h', labelNames: ['level', 'weapon'], registers });
  const fps = new Gauge({ name: 'fps', help: 'h', registers });
  const frameMs = new Histogram({ name: 'frame_ms', help: 'h', buckets: [1, 2.5, 5, 8.3, 16.7, 25, 33.3, 50, 100, 250, 500, 1000, 2500, 5000, 10000], registers });
  return [
    { name: 'prom-client inc()', batch: 500, run: (n) => { for (let i = 0; i < n; i++) spawned.inc(); } },
    { name: 'prom-client inc({2 labels})', batch: 500, run: (n) => { for (let i = 0; i < n; i++) killed.inc({ level: LEVELS[i & 3], weapon: WEAPONS[i % 3] }); } },
    { name: 'prom-client set(v)', batch: 500, run: (n) => { for (let i = 0; i < n; i++) fps.set(60 - (i & 7)); } },
    { name: 'prom-client observe(v)', batch: 500, run: (n) => { for (let i = 0; i < n; i++) frameMs.observe(8 + (i & 31)); } },
  ];
}

class DiscardSpans implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: { code: 0 }) => void): void {
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A reader that never exports: it only makes the SDK aggregate, as any real reader would. */
class IdleReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function otelCases(): CallCase[] {
  const processor = new BatchSpanProcessor(new DiscardSpans());
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('bench');
  const drain = (): void => void processor.forceFlush();
  let parent: Span = tracer.startSpan('frame');
  let parentContext = trace.setSpan(context.active(), parent);
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  const meter = meterProvider.getMeter('bench');
  const spawned = meter.createCounter('enemies_spawned');
  const killed = meter.createCounter('enemies_killed');
  const fps = meter.createGauge('fps');
  const frameMs = meter.createHistogram('frame_ms');
  return [
    { name: 'OTel counter add(1)', batch: 500, run: (n) => { for (let i = 0; i < n; i++) spawned.add(1); } },
    { name: 'OTel counter add(1, {2 attrs})', batch: 500, run: (n) => { for (let i = 0; i < n; i++) killed.add(1, { level: LEVELS[i & 3], weapon: WEAPONS[i % 3] }); } },
    { name: 'OTel gauge record(v)', batch: 500, run: (n) => { for (let i = 0; i < n; i++) fps.record(60 - (i & 7)); } },
    { name: 'OTel histogram record(v)', batch: 500, run: (n) => { for (let i = 0; i < n; i++) frameMs.record(8 + (i & 31)); } },
    {
      name: 'OTel startSpan + end (root)',
      batch: 200,
      run: (n) => {
        for (let i = 0; i < n; i++) tracer.startSpan('load_level').end();
      },
      between: drain,
    },
    {
      name: 'OTel startSpan + end (nested)',
      batch: 200,
      run: (n) => {
        const ctx = parentContext;
        for (let i = 0; i < n; i++) tracer.startSpan('physics_step', undefined, ctx).end();
      },
      between() {
        parent.end();
        parent = tracer.startSpan('frame');
        parentContext = trace.setSpan(context.active(), parent);
        drain();
      },
    },
  ];
}
