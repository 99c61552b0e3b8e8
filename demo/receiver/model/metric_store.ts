/**
 * Remote-write series with their latest sample, refusing what a Prometheus TSDB (or a Mimir ingester)
 * refuses across requests: samples older than, or conflicting with, what the series already holds.
 */
import { formatLabelSet } from '../label_rules';
import { groupHistograms } from './histogram_groups';
import type { LabelPair, SeriesSamples } from './records';
import type { MetricsView, SeriesView } from './views';

/** Mimir's default per-tenant limit is 150 000; a game session needs far fewer, so a runaway label shows early. */
const MAX_SERIES = 10_000;

/** Prometheus' stale marker: a NaN with exactly these bits (prometheus/model/value StaleNaN). */
const STALE_NAN_HIGH_BITS = 0x7ff00000;
const STALE_NAN_LOW_BITS = 0x00000002;

interface StoredSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  value: number;
  timestampMs: number;
}

interface LatestSample {
  readonly timestampMs: number;
  readonly value: number;
}

export class MetricStore {
  private readonly series = new Map<string, StoredSeries>();

  /** Stores every sample of the batch, or none; answers why the batch is refused. */
  append(batch: readonly SeriesSamples[]): string | undefined {
    const problem = this.findProblem(batch);
    if (problem !== undefined) return problem;
    for (const { labels, samples } of batch) {
      const key = seriesKey(labels);
      const stored = this.series.get(key) ?? toStored(labels);
      this.series.set(key, stored);
      const last = samples.at(-1);
      if (last === undefined) continue;
      stored.value = last.value;
      stored.timestampMs = last.timestampMs;
    }
    return undefined;
  }

  view(): MetricsView {
    const all = [...this.series.values()];
    const { histograms, parts } = groupHistograms(all);
    const series: SeriesView[] = all
      .filter((stored) => !parts.has(stored))
      .map((stored) => ({
        name: stored.name,
        labels: stored.labels,
        kind: stored.name.endsWith('_total') ? 'counter' : 'gauge',
        value: stored.value,
        timestampMs: stored.timestampMs,
        stale: isStaleMarker(stored.value),
      }));
    series.sort((a, b) => a.name.localeCompare(b.name) || printLabels(a.labels).localeCompare(printLabels(b.labels)));
    return { series, histograms };
  }

  private findProblem(batch: readonly SeriesSamples[]): string | undefined {
    // A series may appear twice in one batch; each appearance continues where the previous one ended.
    const latest = new Map<string, LatestSample | undefined>();
    for (const { labels, samples } of batch) {
      const key = seriesKey(labels);
      if (!latest.has(key)) latest.set(key, this.series.get(key));
      let last = latest.get(key);
      for (const sample of samples) {
        const where = `for series ${formatLabelSet(labels.map((label) => [label.name, label.value]))} at ${sample.timestampMs} ms`;
        if (last !== undefined && sample.timestampMs < last.timestampMs) {
          return `out of order sample ${where} (err-mimir-sample-out-of-order)`;
        }
        if (last !== undefined && sample.timestampMs === last.timestampMs && !Object.is(sample.value, last.value)) {
          return `duplicate sample for timestamp ${where} (err-mimir-sample-duplicate-timestamp)`;
        }
        last = sample;
      }
      latest.set(key, last);
    }
    const newSeries = [...latest.keys()].filter((key) => !this.series.has(key)).length;
    if (this.series.size + newSeries > MAX_SERIES) return `series limit of ${MAX_SERIES} exceeded (err-mimir-max-series-per-user)`;
    return undefined;
  }
}

/** Remote write carries the stale marker as raw bits; any other NaN is an ordinary sample value. */
export function isStaleMarker(value: number): boolean {
  if (!Number.isNaN(value)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getUint32(0) === STALE_NAN_HIGH_BITS && view.getUint32(4) === STALE_NAN_LOW_BITS;
}

function toStored(labels: readonly LabelPair[]): StoredSeries {
  const record: Record<string, string> = {};
  for (const label of labels) if (label.name !== '__name__') record[label.name] = label.value;
  const name = labels.find((label) => label.name === '__name__')?.value ?? '';
  return { name, labels: record, value: Number.NaN, timestampMs: -Infinity };
}

/** Labels arrive sorted (the route checks it), so their serialised form identifies the series. */
function seriesKey(labels: readonly LabelPair[]): string {
  return JSON.stringify(labels.map((label) => [label.name, label.value]));
}

function printLabels(labels: Readonly<Record<string, string>>): string {
  return formatLabelSet(Object.entries(labels));
}
