/** Wires a validated configuration into the three outboxes, their encoders and connections. */
import type { TrackerConfig } from './config';
import type { TrackerContext } from './context';
import { Channel } from './export/channel';
import type { ChannelEnv } from './export/channel';
import { MetricsOutbox } from './export/metrics_outbox';
import { QueueOutbox } from './export/queue_outbox';
import { LOKI_CONTENT_TYPE, LokiPushBuilder } from './logs/encode_loki';
import type { LogRecord } from './logs/log_record';
import { REMOTE_WRITE_HEADERS, encodeRemoteWrite, startRemoteWrite } from './metrics/encode_remote_write';
import { MetricRegistry } from './metrics/registry';
import { createOtlpOutboxes } from './otlp/otlp_outboxes';
import { SnappyPacer } from './metrics/sliced_snappy';
import type { Label } from './metrics/series';
import { OTLP_CONTENT_TYPE, OtlpTracesJsonBuilder } from './traces/encode_otlp_traces';
import { resourceAttributes } from './traces/resource';
import type { SpanRecord } from './traces/span_record';
import type { Signal } from './types';
import { SDK_NAME, SDK_VERSION } from './version';
import { FRAME_TIME_BUCKETS_MS, FRAME_TIME_METRIC } from './health/auto_metrics';

export interface Pipeline {
  readonly logs: QueueOutbox<LogRecord>;
  readonly traces: QueueOutbox<SpanRecord>;
  readonly metrics: MetricsOutbox;
  readonly registry: MetricRegistry;
  readonly channels: Readonly<Record<Signal, Channel>>;
}

/** Labels on every series: who sent it, so that many game clients never write the same series. */
export function baseMetricLabels(config: TrackerConfig, sessionId: string): Label[] {
  const labels: Label[] = [
    ['env', config.environment],
    ['game', config.game],
    ['version', config.version],
  ];
  if (config.metricsSessionLabel) labels.push(['session_id', sessionId]);
  return labels;
}

export function createPipeline(config: TrackerConfig, context: TrackerContext, env: ChannelEnv, nowMs: number): Pipeline {
  const userAgent = `${SDK_NAME}/${SDK_VERSION}`;
  const headersFor = (own: Readonly<Record<string, string>>): Record<string, string> => ({
    ...config.headers,
    ...own,
    'User-Agent': userAgent,
  });
  const channel = (signal: Signal): Channel => new Channel(signal, env, config.flushIntervalMs);
  const channels = { logs: channel('logs'), metrics: channel('metrics'), traces: channel('traces') };
  const warn = env.warn.bind(env);
  const base = baseMetricLabels(config, context.sessionId);
  const registry = new MetricRegistry({
    maxSeries: config.maxSeries,
    maxSeriesPerMetric: config.maxSeriesPerMetric,
    reservedLabels: new Set(base.map(([name]) => name)),
    bucketsFor: (name) => config.histogramBucketsByMetric[name] ?? (name === FRAME_TIME_METRIC ? FRAME_TIME_BUCKETS_MS : config.histogramBuckets),
    // OTLP data points carry each series' start time; remote write has no place for it.
    ...(config.protocol === 'otlp' ? { nowUnixMs: () => env.deviceUnixMs() } : {}),
    warn,
  });
  const resource = resourceAttributes({ ...config, sessionId: context.sessionId, device: context.device });
  // service_name: Loki and Grafana's Logs Drilldown group streams by it (absent, Loki shows "unknown_service").
  const streamLabels = { service_name: config.game, game: config.game, env: config.environment };
  const queued = { queueLimit: config.queueLimit, batchSize: config.batchSize, flushIntervalMs: config.flushIntervalMs, monotonicMs: () => env.monotonicMs(), warn };
  const request = (url: string, contentType: Record<string, string>, body: string | Uint8Array) => ({
    url,
    headers: headersFor(contentType),
    body,
    timeoutMs: config.requestTimeoutMs,
  });
  const correction = () => env.clockOffset.correctionMs();
  // What a metrics outbox needs whatever the protocol; each protocol adds its encoders.
  const metrics = {
    channel: channels.metrics,
    registry,
    flushIntervalMs: config.flushIntervalMs,
    monotonicMs: queued.monotonicMs,
    warn,
    sampleTimeMs: () => env.deviceUnixMs() + correction(),
    clockKnown: () => env.clockOffset.known(),
    beforeSnapshot: () => env.beforeMetricsSnapshot?.(),
    ownSeriesChanged: () => env.ownMetricsChanged?.() === true,
  };
  if (config.protocol === 'otlp') {
    const pointLabels = base.filter(([name]) => name !== 'session_id');
    const outboxes = createOtlpOutboxes({ config, context, channels, resource, queued, metrics, request, correction, pointLabels }, nowMs);
    return { channels, registry, ...outboxes };
  }
  // Learns this engine's snappy speed, to size the slices of timed metric pushes (see sliced_snappy.ts).
  const snappyPacer = new SnappyPacer(() => env.monotonicMs());
  return {
    channels,
    registry,
    logs: new QueueOutbox<LogRecord>({
      ...queued,
      channel: channels.logs,
      startBody: () => new LokiPushBuilder(streamLabels, correction()),
      request: (body) => request(config.logsUrl, { 'Content-Type': LOKI_CONTENT_TYPE }, body),
    }, nowMs),
    traces: new QueueOutbox<SpanRecord>({
      ...queued,
      channel: channels.traces,
      startBody: () => new OtlpTracesJsonBuilder(resource, correction()),
      request: (body) => request(config.tracesUrl, { 'Content-Type': OTLP_CONTENT_TYPE }, body),
    }, nowMs),
    metrics: new MetricsOutbox({
      ...metrics,
      probe: () => request(config.metricsUrl, REMOTE_WRITE_HEADERS, encodeRemoteWrite([], base, 0)),
      encode: (reg, timestampMs) => request(config.metricsUrl, REMOTE_WRITE_HEADERS, encodeRemoteWrite(reg.all(), base, timestampMs)),
      encodeSliced: (reg, timestampMs) => {
        const body = startRemoteWrite(reg.all(), base, timestampMs, snappyPacer);
        return { next: (budgetMs) => (body.step(budgetMs) ? request(config.metricsUrl, REMOTE_WRITE_HEADERS, body.result()) : undefined) };
      },
    }, nowMs),
  };
}
