/** The in-process state of one metric series; what a push snapshots. */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** A label pair; sets are kept sorted by name as remote write requires. */
export type Label = readonly [name: string, value: string];

export interface Series {
  readonly labels: readonly Label[];
  /** Counter total or last gauge value. */
  value: number;
  /** Histogram only: observations per bucket (not cumulative), the last slot is `+Inf`. */
  readonly bucketCounts: Float64Array | undefined;
  sum: number;
  count: number;
}

export interface MetricFamily {
  readonly kind: MetricKind;
  /** The name on the wire: sanitised, `_total` for counters; histograms add `_bucket`/`_sum`/`_count`. */
  readonly wireName: string;
  readonly bounds: readonly number[];
  readonly series: Map<string, Series>;
}

export function newSeries(labels: readonly Label[], bucketSlots: number): Series {
  return {
    labels,
    value: 0,
    bucketCounts: bucketSlots > 0 ? new Float64Array(bucketSlots) : undefined,
    sum: 0,
    count: 0,
  };
}

/** Index of the first bucket whose upper bound holds `value` (`le` is inclusive); the last slot is +Inf. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= (bounds[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
