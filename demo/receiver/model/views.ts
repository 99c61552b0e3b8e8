/**
 * The plain views a snapshot hands to renderers and tests. They hold no bigint, so a snapshot survives
 * JSON.stringify.
 */
import type { AttributeValue } from './records';

export interface LogLineView {
  readonly timeUnixNano: string;
  readonly level: string;
  readonly line: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface LogsView {
  readonly total: number;
  readonly byLevel: Readonly<Record<string, number>>;
  /** The most recent lines in arrival order, oldest first. */
  readonly latest: readonly LogLineView[];
}

export interface SeriesView {
  readonly name: string;
  /** Without `__name__`. */
  readonly labels: Readonly<Record<string, string>>;
  /** By Prometheus naming convention: `_total` marks a counter, anything else is shown as a gauge. */
  readonly kind: 'counter' | 'gauge';
  readonly value: number;
  readonly timestampMs: number;
  /** The last sample was Prometheus' stale marker. */
  readonly stale: boolean;
}

export interface BucketView {
  /** Upper bound; Infinity for `+Inf`. */
  readonly le: number;
  /** Cumulative count. */
  readonly count: number;
}

export interface HistogramView {
  /** The histogram's name, without `_bucket`. */
  readonly name: string;
  /** Without `__name__` and `le`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly count: number;
  readonly sum: number | undefined;
  /** Estimated the way PromQL's histogram_quantile does; undefined without observations. */
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly buckets: readonly BucketView[];
}

export interface MetricsView {
  readonly series: readonly SeriesView[];
  readonly histograms: readonly HistogramView[];
}

export interface SpanNode {
  readonly spanId: string;
  readonly name: string;
  readonly kind: number;
  /** Start relative to the trace's earliest span. */
  readonly startOffsetMs: number;
  readonly durationMs: number;
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Names a parent that has not arrived (or forms a cycle); shown as a root meanwhile. */
  readonly missingParent: boolean;
  readonly children: readonly SpanNode[];
}

export interface TraceView {
  readonly traceId: string;
  readonly serviceName: string;
  readonly startTimeUnixNano: string;
  /** From the earliest start to the latest end of its spans. */
  readonly durationMs: number;
  readonly spanCount: number;
  /** Sorted by start time, as are all children. */
  readonly roots: readonly SpanNode[];
}

export interface TracesView {
  /** Spans received, including any that replaced an earlier copy of themselves. */
  readonly spanCount: number;
  readonly traceCount: number;
  /** Most recently updated first. */
  readonly traces: readonly TraceView[];
}

export interface RejectionView {
  readonly path: string;
  readonly status: number;
  readonly message: string;
}

export interface RequestsView {
  readonly accepted: number;
  readonly rejected: number;
  readonly byPath: Readonly<Record<string, { readonly accepted: number; readonly rejected: number }>>;
  /** Newest last. */
  readonly recentRejections: readonly RejectionView[];
}

export interface ReceiverSnapshot {
  readonly requests: RequestsView;
  readonly logs: LogsView;
  readonly metrics: MetricsView;
  readonly traces: TracesView;
}
