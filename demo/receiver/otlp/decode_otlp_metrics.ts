/**
 * OTLP metric export requests to Prometheus series, by the translation Prometheus' and Mimir's OTLP
 * receivers apply by default (prometheus/otlptranslator, "UnderscoreEscapingWithSuffixes"):
 * - names: characters outside `[a-zA-Z0-9_:]` become `_`; a monotonic cumulative Sum gets `_total`
 *   (once); a Gauge or a non-monotonic Sum keeps its name; an explicit-bucket Histogram becomes
 *   `<name>_bucket{le}` (cumulative, with `+Inf`), `<name>_sum` and `<name>_count`;
 * - labels: the point's attributes (names sanitised as above), plus `job` and `instance` from the resource;
 * - the other resource attributes go on one `target_info` series per resource;
 * - delta temporality is refused here (Prometheus drops it unless told to convert).
 * GameTracker sends no units, so no unit suffix is added.
 */
import type { LabelPair, SeriesSamples } from '../model/records';
import { RejectError } from '../reply';
import { toAttributes } from './any_value';
import type { PlainKeyValue } from './any_value';
import { flattenAttributes, jobAndInstance } from './otlp_names';

interface PlainNumberPoint {
  readonly attributes: readonly PlainKeyValue[];
  readonly startTimeUnixNano: string;
  readonly timeUnixNano: string;
  readonly value?: 'asDouble' | 'asInt';
  readonly asDouble?: number;
  readonly asInt?: string;
}

interface PlainHistogramPoint {
  readonly attributes: readonly PlainKeyValue[];
  readonly startTimeUnixNano: string;
  readonly timeUnixNano: string;
  readonly count: string;
  readonly sum: number;
  readonly bucketCounts: readonly string[];
  readonly explicitBounds: readonly number[];
}

interface PlainMetric {
  readonly name: string;
  readonly data?: 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';
  readonly gauge?: { readonly dataPoints: readonly PlainNumberPoint[] };
  readonly sum?: { readonly dataPoints: readonly PlainNumberPoint[]; readonly aggregationTemporality: number; readonly isMonotonic: boolean };
  readonly histogram?: { readonly dataPoints: readonly PlainHistogramPoint[]; readonly aggregationTemporality: number };
}

export interface PlainMetricsRequest {
  readonly resourceMetrics: readonly {
    readonly resource: { readonly attributes: readonly PlainKeyValue[] } | null;
    readonly scopeMetrics: readonly { readonly metrics: readonly PlainMetric[] }[];
  }[];
}

const CUMULATIVE = 2;
const NANOS_PER_MS = 1_000_000n;
/** Resource attributes that already became `job` and `instance`. */
const IDENTITY_ATTRIBUTES = new Set(['service.name', 'service.namespace', 'service.instance.id']);

function metricName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

function series(name: string, labels: Readonly<Record<string, string>>, value: number, timeUnixNano: string): SeriesSamples {
  const pairs: LabelPair[] = [{ name: '__name__', value: name }];
  for (const [labelName, labelValue] of Object.entries(labels)) if (labelValue !== '') pairs.push({ name: labelName, value: labelValue });
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { labels: pairs, samples: [{ value, timestampMs: Number(BigInt(timeUnixNano) / NANOS_PER_MS) }] };
}

function checkTimes(metric: string, point: { readonly startTimeUnixNano: string; readonly timeUnixNano: string }): void {
  if (BigInt(point.startTimeUnixNano) > BigInt(point.timeUnixNano)) {
    throw new RejectError(400, `metric "${metric}": start_time_unix_nano ${point.startTimeUnixNano} is after time_unix_nano ${point.timeUnixNano}`);
  }
}

function translate(metric: PlainMetric, identity: Readonly<Record<string, string>>): SeriesSamples[] {
  const name = metricName(metric.name);
  const labelsOf = (attributes: readonly PlainKeyValue[]) => ({ ...flattenAttributes(toAttributes(attributes)), ...identity });
  const numberValue = (point: PlainNumberPoint) => (point.value === 'asInt' ? Number(point.asInt) : (point.asDouble ?? 0));
  if (metric.data === 'gauge' || metric.data === 'sum') {
    const sum = metric.sum;
    if (sum !== undefined && sum.aggregationTemporality !== CUMULATIVE) throw new RejectError(400, `metric "${metric.name}": only cumulative sums are accepted`);
    const written = sum?.isMonotonic === true ? (name.endsWith('_total') ? name : `${name}_total`) : name;
    return (metric.gauge ?? sum)!.dataPoints.map((point) => {
      checkTimes(metric.name, point);
      return series(written, labelsOf(point.attributes), numberValue(point), point.timeUnixNano);
    });
  }
  if (metric.data === 'histogram' && metric.histogram!.aggregationTemporality === CUMULATIVE) {
    return metric.histogram!.dataPoints.flatMap((point) => {
      checkTimes(metric.name, point);
      if (point.bucketCounts.length !== point.explicitBounds.length + 1) {
        throw new RejectError(400, `metric "${metric.name}": ${point.bucketCounts.length} bucket counts for ${point.explicitBounds.length} bounds`);
      }
      const labels = labelsOf(point.attributes);
      let cumulative = 0;
      const buckets = point.bucketCounts.map((count, i) => {
        cumulative += Number(count);
        const le = i < point.explicitBounds.length ? String(point.explicitBounds[i]) : '+Inf';
        return series(`${name}_bucket`, { ...labels, le }, cumulative, point.timeUnixNano);
      });
      return [...buckets, series(`${name}_sum`, labels, point.sum, point.timeUnixNano), series(`${name}_count`, labels, Number(point.count), point.timeUnixNano)];
    });
  }
  throw new RejectError(400, `metric "${metric.name}": ${metric.data ?? 'no data'} is not accepted here (cumulative gauge, sum or histogram only)`);
}

export function toSeries(request: PlainMetricsRequest): SeriesSamples[] {
  return request.resourceMetrics.flatMap((resourceMetrics) => {
    const resource = toAttributes(resourceMetrics.resource?.attributes ?? []);
    const identity = jobAndInstance(resource);
    const out = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics.flatMap((metric) => translate(metric, identity)));
    const time = out[0]?.samples[0];
    if (time === undefined) return out;
    const info = Object.fromEntries(Object.entries(resource).filter(([key]) => !IDENTITY_ATTRIBUTES.has(key)));
    const targetInfo = series('target_info', { ...flattenAttributes(info), ...identity }, 1, String(BigInt(time.timestampMs) * NANOS_PER_MS));
    return [...out, targetInfo];
  });
}
