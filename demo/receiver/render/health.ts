/**
 * The "Game health" figures of what arrived (auto capture, issue #19), as the Grafana dashboard shows
 * them: sessions and how they ended, frame times over every session's histogram, hitches, and the
 * telemetry the clients say they lost.
 */
import { histogramQuantile } from '../model/histogram_quantile';
import type { BucketView, MetricsView, SeriesView } from '../model/views';
import { formatValue } from './format';
import type { Style } from './style';

export function renderHealth(metrics: MetricsView, style: Style): string[] {
  const sum = (name: string, keep: (series: SeriesView) => boolean = () => true): number =>
    metrics.series.filter((series) => series.name === name && keep(series)).reduce((total, series) => total + series.value, 0);
  const started = sum('game_session_started_total');
  if (started === 0) return [];
  const ended = sum('game_session_ended_total');
  const frames = metrics.histograms.filter((histogram) => histogram.name === 'game_frame_time_ms');
  const buckets = mergedBuckets(frames.flatMap((histogram) => histogram.buckets));
  const quantile = (q: number): string => {
    const value = histogramQuantile(q, buckets);
    return value === undefined ? '-' : `${formatValue(value)} ms`;
  };
  const dropped = metrics.series.filter((series) => series.name === 'gametracker_items_dropped_total' && series.value > 0);
  return [
    style.bold('Game health'),
    `  sessions ${started}: ${sum('game_session_active')} running, ${ended} ended cleanly, ${started - ended - sum('game_session_active')} stopped without ending`,
    `  frame time p50 ${quantile(0.5)}, p95 ${quantile(0.95)}, p99 ${quantile(0.99)}; hitches ${sum('game_frame_hitches_total')}`,
    `  telemetry produced ${sum('gametracker_items_produced_total')}, sent ${sum('gametracker_items_sent_total')}, dropped ${dropped.length === 0 ? 0 : dropped.map((series) => `${series.labels['signal']}/${series.labels['reason']} ${series.value}`).join(', ')}`,
  ];
}

/** Every session's cumulative buckets added up per bound. */
function mergedBuckets(buckets: readonly BucketView[]): BucketView[] {
  const byBound = new Map<number, number>();
  for (const bucket of buckets) byBound.set(bucket.le, (byBound.get(bucket.le) ?? 0) + bucket.count);
  return [...byBound].sort(([a], [b]) => a - b).map(([le, count]) => ({ le, count }));
}
