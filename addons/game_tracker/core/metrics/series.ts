/** The in-process state of one metric series; what a push snapshots. */
import type { LabelLookup } from './label_lookup';
export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** A label pair; sets are kept sorted by name as remote write requires. */
export type Label = readonly [name: string, value: string];

export interface Series {
  readonly labels: readonly Label[];
  /** Counter total or last gauge value. */
  value: number;
  /** Histogram only: observations per bucket (not cumulative), the last slot is `+Inf`. */
  readonly bucketCounts: Float64Array | undefined;
  /** Histogram only: its family's bucket bounds, at hand for `observe` without a second lookup. */
  readonly bounds: readonly number[];
  sum: number;
  count: number;
  /** Device wall time when the series was created: the start of its cumulative values (OTLP start time). */
  readonly startUnixMs: number;
}

export interface MetricFamily {
  readonly kind: MetricKind;
  /** The name on the wire: sanitised, `_total` for counters; histograms add `_bucket`/`_sum`/`_count`. */
  readonly wireName: string;
  readonly bounds: readonly number[];
  /** Keyed by the labels as they go on the wire: one entry per distinct series Prometheus will see. */
  readonly series: Map<string, Series>;
  /**
   * The labels as the game passed them → their series. A cache in front of `series`: `{a: 1}` and
   * `{a: "1"}`, or `{"a-b": 1}` and `{a_b: 1}`, are different keys for the same series.
   */
  readonly lookup: LabelLookup;
}

const NO_BOUNDS: readonly number[] = [];

export function newSeries(labels: readonly Label[], bucketSlots: number, bounds: readonly number[] = NO_BOUNDS, startUnixMs = 0): Series {
  return {
    labels,
    value: 0,
    bucketCounts: bucketSlots > 0 ? new Float64Array(bucketSlots) : undefined,
    bounds,
    sum: 0,
    count: 0,
    startUnixMs,
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
