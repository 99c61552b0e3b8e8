/** Quantile estimates from classic Prometheus histogram buckets. */
import type { BucketView } from './views';

/**
 * The q-quantile (0..1) of cumulative buckets, estimated as PromQL's histogram_quantile does
 * (prometheus/prometheus promql/quantile.go, bucketQuantile): find the first bucket whose count reaches
 * q × total, interpolate linearly inside it (the lowest bucket starts at 0), and answer the highest
 * finite bound when the rank falls into +Inf. undefined without a +Inf bucket or without observations.
 */
export function histogramQuantile(q: number, buckets: readonly BucketView[]): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1);
  const highestFinite = sorted.at(-2);
  if (total === undefined || total.le !== Infinity || total.count === 0 || highestFinite === undefined) return undefined;
  const rank = q * total.count;
  const index = sorted.findIndex((bucket) => bucket.count >= rank);
  const bucket = sorted[index];
  if (bucket === undefined || bucket === total) return highestFinite.le;
  const below = sorted[index - 1];
  if (below === undefined && bucket.le <= 0) return bucket.le;
  const lowerBound = below?.le ?? 0;
  const countBelow = below?.count ?? 0;
  return lowerBound + (bucket.le - lowerBound) * ((rank - countBelow) / (bucket.count - countBelow));
}
