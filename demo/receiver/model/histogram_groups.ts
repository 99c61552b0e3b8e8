/**
 * Classic histograms arrive over remote write as separate series: `<name>_bucket{le="..."}` (cumulative
 * counts, including le="+Inf"), `<name>_sum` and `<name>_count`. This puts them back together, one
 * view per label set without `le`, with p50/p95 estimated from the buckets.
 */
import { formatLabelSet } from '../label_rules';
import { histogramQuantile } from './histogram_quantile';
import type { BucketView, HistogramView } from './views';

export interface SeriesLike {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface Group {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly buckets: BucketView[];
  sum?: number;
  count?: number;
}

/** The histograms found, and which of the given series belong to one (the caller lists the rest). */
export function groupHistograms<T extends SeriesLike>(series: readonly T[]): { histograms: HistogramView[]; parts: Set<T> } {
  const groups = new Map<string, Group>();
  const parts = new Set<T>();
  for (const item of series) {
    const { le, ...labels } = item.labels;
    const upperBound = parseUpperBound(le);
    if (!item.name.endsWith('_bucket') || upperBound === undefined) continue;
    const name = item.name.slice(0, -'_bucket'.length);
    const key = groupKey(name, labels);
    const group = groups.get(key) ?? { name, labels, buckets: [] };
    groups.set(key, group);
    group.buckets.push({ le: upperBound, count: item.value });
    parts.add(item);
  }
  for (const item of series) {
    const suffix = item.name.endsWith('_sum') ? '_sum' : item.name.endsWith('_count') ? '_count' : undefined;
    const group = suffix && groups.get(groupKey(item.name.slice(0, -suffix.length), item.labels));
    if (!group) continue;
    if (suffix === '_sum') group.sum = item.value;
    else group.count = item.value;
    parts.add(item);
  }
  const histograms = [...groups.values()].map(toView).sort((a, b) => groupKey(a.name, a.labels).localeCompare(groupKey(b.name, b.labels)));
  return { histograms, parts };
}

function toView(group: Group): HistogramView {
  const buckets = [...group.buckets].sort((a, b) => a.le - b.le);
  return {
    name: group.name,
    labels: group.labels,
    count: buckets.find((bucket) => bucket.le === Infinity)?.count ?? group.count ?? 0,
    sum: group.sum,
    p50: histogramQuantile(0.5, buckets),
    p95: histogramQuantile(0.95, buckets),
    buckets,
  };
}

/** `le` as Prometheus prints it: a float, or `+Inf`. Anything else means the series is no bucket. */
function parseUpperBound(le: string | undefined): number | undefined {
  if (le === undefined || le.trim() === '') return undefined;
  const bound = le === '+Inf' ? Infinity : Number(le);
  return Number.isNaN(bound) ? undefined : bound;
}

function groupKey(name: string, labels: Readonly<Record<string, string>>): string {
  return name + formatLabelSet(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}
