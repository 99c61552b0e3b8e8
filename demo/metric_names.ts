/**
 * The metrics the demo emits, in one place: the demo records exactly these, and the Grafana dashboard
 * (deploy/grafana/dashboards/game_overview.json) may query only these, which
 * tests/receiver/dashboard_queries.test.ts checks. Every series also carries METRIC_COMMON_LABELS.
 * Names are as stored: counters end in `_total` (GameTracker appends it to a counter name that lacks it
 * and keeps one that has it), histograms are stored as `_bucket`/`_sum`/`_count` series.
 */

export type DemoMetricKind = 'counter' | 'gauge' | 'histogram';

export interface DemoMetric {
  readonly kind: DemoMetricKind;
  /** Labels the demo sets besides the common ones. */
  readonly labels: readonly string[];
}

export const DEMO_METRICS = {
  player_joined_total: { kind: 'counter', labels: [] },
  player_damage_taken_total: { kind: 'counter', labels: ['source'] },
  player_deaths_total: { kind: 'counter', labels: ['cause'] },
  shop_purchase_attempts_total: { kind: 'counter', labels: ['item', 'result'] },
  shop_revenue_total: { kind: 'counter', labels: ['currency'] },
  level_loads_total: { kind: 'counter', labels: ['level'] },
  players_online: { kind: 'gauge', labels: [] },
  player_health: { kind: 'gauge', labels: [] },
  level_load_time_ms: { kind: 'histogram', labels: ['level'] },
  frame_time_ms: { kind: 'histogram', labels: [] },
} as const satisfies Record<string, DemoMetric>;

export type DemoMetricName = keyof typeof DEMO_METRICS;

/** GameTracker adds these to every series (`session_id` with `metrics_session_label`). */
export const METRIC_COMMON_LABELS = ['session_id', 'game', 'env', 'version'] as const;

/** A classic Prometheus histogram travels as these three series per label set (`_bucket` adds `le`). */
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/**
 * Every series name the demo's metrics appear under in Prometheus, i.e. what PromQL can select; with
 * `metrics` = AUTO_METRICS (core/health/auto_metrics.ts), what auto capture adds.
 */
export function storedMetricNames(metrics: Readonly<Record<string, DemoMetric>> = DEMO_METRICS): string[] {
  return Object.entries(metrics).flatMap(([name, metric]) => (metric.kind === 'histogram' ? HISTOGRAM_SUFFIXES.map((suffix) => name + suffix) : [name]));
}

/**
 * What the aggregation tier (deploy/aggregation/stream_aggregation.yml) writes on its output series:
 * the tier instance, and which sum over sessions a gauge series holds (sum, count, min, max).
 * The raw per-session series have neither, so `tier=""` selects them and `tier!=""` the tier's.
 */
export const TIER_OUTPUT_LABELS = ['tier', 'aggregation'] as const;

/** Every label name a query can use on the demo's series, stored raw or by the aggregation tier. */
export function storedLabelNames(): string[] {
  const own = Object.values(DEMO_METRICS).flatMap((metric: DemoMetric) => metric.labels);
  return [...new Set([...METRIC_COMMON_LABELS, 'instance', ...TIER_OUTPUT_LABELS, ...own, 'le'])];
}
