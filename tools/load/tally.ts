/**
 * What simulated game clients counted, summed over every session the way the aggregation tier must
 * sum it: per metric name and labels, without the session. `npm run load` and the tier's test compare
 * this with what storage holds.
 *
 * Keys are `name{label="value",...}` with the labels sorted, built from the common labels a client
 * puts on every series (game, env, version) and the labels of the call.
 */
import type { Tracker } from '../../addons/game_tracker/core/api';
import { counterName, sanitizeMetricName } from '../../addons/game_tracker/core/metrics/names';

export type Labels = Readonly<Record<string, string>>;

export function seriesKey(name: string, labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map((key) => `${key}="${labels[key]}"`);
  return `${name}{${parts.join(',')}}`;
}

export class Tally {
  /** Counter series (`*_total`) and histogram parts (`*_count`, `*_sum`, `*_bucket` with `le`) → exact sum. */
  readonly sums = new Map<string, number>();

  constructor(private readonly histogramBucketsMs: readonly number[]) {}

  add(name: string, labels: Labels, by: number): void {
    const key = seriesKey(name, labels);
    this.sums.set(key, (this.sums.get(key) ?? 0) + by);
  }

  /**
   * Makes `tracker` count each of its increments and histogram observations here before doing them.
   * Only calls with plain string labels and finite values are counted (the ones a load run makes).
   */
  countCallsOf(tracker: Tracker, common: Labels): void {
    const increment = tracker.increment.bind(tracker);
    const histogram = tracker.histogram.bind(tracker);
    tracker.increment = (name, labels, by = 1) => {
      this.add(counterName(sanitizeMetricName(String(name)) ?? ''), { ...common, ...(labels as Labels | undefined) }, Number(by));
      increment(name, labels, by);
    };
    tracker.histogram = (name, value, labels) => {
      const base = sanitizeMetricName(String(name)) ?? '';
      const all = { ...common, ...(labels as Labels | undefined) };
      const observed = Number(value);
      this.add(`${base}_count`, all, 1);
      this.add(`${base}_sum`, all, observed);
      for (const le of this.histogramBucketsMs) this.add(`${base}_bucket`, { ...all, le: String(le) }, observed <= le ? 1 : 0);
      this.add(`${base}_bucket`, { ...all, le: '+Inf' }, 1);
      histogram(name, value, labels);
    };
  }
}
