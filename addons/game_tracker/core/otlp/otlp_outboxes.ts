/**
 * `protocol: "otlp"`: the same outboxes, channels, batching, caps and clock correction as the native
 * path, with OTLP/HTTP protobuf encoders for all three signals.
 */
import type { TrackerConfig } from '../config';
import type { TrackerContext } from '../context';
import type { Channel, Outgoing } from '../export/channel';
import { MetricsOutbox } from '../export/metrics_outbox';
import type { MetricsOutboxOptions } from '../export/metrics_outbox';
import { QueueOutbox } from '../export/queue_outbox';
import type { QueueOutboxOptions } from '../export/queue_outbox';
import type { LogRecord } from '../logs/log_record';
import type { Label } from '../metrics/series';
import type { SpanRecord } from '../traces/span_record';
import type { Attributes, Signal } from '../types';
import { OtlpLogsEncoder } from './encode_otlp_logs';
import { encodeOtlpMetrics } from './encode_otlp_metrics';
import { OtlpSpansBuilder } from './encode_otlp_spans';

/** Every OTLP/HTTP receiver accepts protobuf; it is 3-4 times smaller than OTLP JSON. */
export const OTLP_PROTOBUF_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/x-protobuf' };

/** What the pipeline has already built, shared by both protocols. */
export interface OutboxParts {
  readonly config: TrackerConfig;
  readonly context: TrackerContext;
  readonly channels: Readonly<Record<Signal, Channel>>;
  /** The trace resource (resource.ts). */
  readonly resource: Readonly<Attributes>;
  readonly queued: Omit<QueueOutboxOptions<unknown>, 'channel' | 'startBody' | 'request'>;
  /**
   * On every metric data point: the native path's `game`, `env` and `version` labels, so that the same
   * dashboards work on both protocols (the session stays the resource's service.instance.id: `instance`).
   */
  readonly pointLabels: readonly Label[];
  /** The metrics outbox's options that do not depend on the protocol. */
  readonly metrics: Omit<MetricsOutboxOptions, 'encode' | 'encodeSliced' | 'probe'>;
  request(url: string, headers: Readonly<Record<string, string>>, body: string | Uint8Array): Outgoing;
  correction(): number;
}

export interface OtlpOutboxes {
  readonly logs: QueueOutbox<LogRecord>;
  readonly traces: QueueOutbox<SpanRecord>;
  readonly metrics: MetricsOutbox;
}

/**
 * The trace resource plus `service.instance.id`, the session: Prometheus and Mimir derive `instance`
 * from it (and `job` from service.name), so every client writes its own series without a label.
 */
export function otlpResource(resource: Readonly<Attributes>, sessionId: string): Attributes {
  return { ...resource, 'service.instance.id': sessionId };
}

export function createOtlpOutboxes(parts: OutboxParts, nowMs: number): OtlpOutboxes {
  const { config, channels, queued, metrics, request, correction } = parts;
  const resource = otlpResource(parts.resource, parts.context.sessionId);
  // Session and device ride on the resource; records need not repeat them.
  const logs = new OtlpLogsEncoder(resource, new Set([...Object.keys(parts.context.device), 'session_id']));
  const send = (url: string, body: string | Uint8Array) => request(url, OTLP_PROTOBUF_HEADERS, body);
  return {
    logs: new QueueOutbox<LogRecord>({
      ...queued,
      channel: channels.logs,
      startBody: () => logs.start(correction()),
      request: (body) => send(config.logsUrl, body),
    }, nowMs),
    traces: new QueueOutbox<SpanRecord>({
      ...queued,
      channel: channels.traces,
      startBody: () => new OtlpSpansBuilder(resource, correction()),
      request: (body) => send(config.tracesUrl, body),
    }, nowMs),
    metrics: new MetricsOutbox({
      ...metrics,
      // An empty export request: valid OTLP, carries no points, asks only for the receiver's `Date`.
      probe: () => send(config.metricsUrl, new Uint8Array(0)),
      encode: (reg, timestampMs) => send(config.metricsUrl, encodeOtlpMetrics(reg.all(), resource, timestampMs, correction(), parts.pointLabels)),
    }, nowMs),
  };
}
