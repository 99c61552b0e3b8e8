/**
 * The provisioned Grafana dashboard may only query what the demo emits (demo/metric_names.ts) and the
 * data sources that are provisioned; and every PromQL query must run, and find data, on a real
 * Prometheus fed with series of the demo's shapes, directly and through the aggregation tier.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_METRICS } from '../../addons/game_tracker/core/health/auto_metrics';
import { DEMO_METRICS, METRIC_COMMON_LABELS, storedLabelNames, storedMetricNames } from '../../demo/metric_names';
import type { DemoMetric } from '../../demo/metric_names';
import type { PrometheusServer } from '../support/prometheus';
import { dashboardQueries, promqlLabelNames, promqlMetricNames } from './dashboard_queries';
import type { Dashboard } from './dashboard_queries';
import { expectDataFor, prometheusBehindTier, prometheusWith } from './dashboard_on_prometheus';
import type { TestSeries } from './payloads';

const DEPLOY = new URL('../../deploy/', import.meta.url);
const dashboard = JSON.parse(readFileSync(new URL('grafana/dashboards/game_overview.json', DEPLOY), 'utf8')) as Dashboard;
const provisioned = readFileSync(new URL('grafana/provisioning/datasources/datasources.yaml', DEPLOY), 'utf8');
const queries = dashboardQueries(dashboard);
const promQueries = queries.filter((query) => query.datasourceType === 'prometheus');

/** GameTracker's Loki stream labels; IDs travel as structured metadata, never as labels. */
const LOG_STREAM_LABELS = ['service_name', 'game', 'env', 'level'];

describe('the provisioned dashboard', () => {
  it('queries only provisioned data sources', () => {
    const uids = [...provisioned.matchAll(/^\s+uid:\s*(\S+)/gm)].map((match) => match[1]);

    for (const query of queries) expect(uids, query.where).toContain(query.datasourceUid);
    expect(new Set(queries.map((query) => query.datasourceType))).toEqual(new Set(['prometheus', 'loki', 'tempo']));
  });

  it.each(promQueries.map((query) => [query.where, query.expr]))('%s selects only the demo metrics and their labels: %s', (_where, expr) => {
    const names = promqlMetricNames(expr);

    expect(names.length).toBeGreaterThan(0);
    // The demo turns auto capture on: its session metrics count sessions behind the aggregation tier.
    for (const name of names) expect([...storedMetricNames(), ...storedMetricNames(AUTO_METRICS)]).toContain(name);
    for (const label of promqlLabelNames(expr)) expect(storedLabelNames()).toContain(label);
  });

  it('uses only the stream labels GameTracker sets in its log queries', () => {
    for (const query of queries.filter((item) => item.datasourceType === 'loki')) {
      const selector = /\{([^}]*)\}/.exec(query.expr)?.[1] ?? '';
      const labels = [...selector.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((match) => match[1]);
      expect(labels.length, query.where).toBeGreaterThan(0);
      for (const label of labels) expect(LOG_STREAM_LABELS, query.where).toContain(label);
    }
  });

  it('draws every demo metric somewhere', () => {
    const used = new Set(promQueries.flatMap((query) => promqlMetricNames(query.expr)));

    for (const name of Object.keys(DEMO_METRICS)) expect([...used].some((item) => item === name || item.startsWith(`${name}_`)), name).toBe(true);
  });
});

describe('reading names out of PromQL', () => {
  it('finds selected metrics, not functions, keywords, strings, durations, numbers or variables', () => {
    const expr = 'sum by (cause) (rate(deaths_total{game=~"$game", x="y{z}"}[$__rate_interval] offset 1m)) / on (cause) group_left spawns * 1e3 > bool 2';

    expect(promqlMetricNames(expr)).toEqual(['deaths_total', 'spawns']);
    expect(promqlLabelNames(expr)).toEqual(['game', 'x', 'cause', 'cause']);
    expect(promqlMetricNames('label_values(frame_time_ms_count{game=~"$game"}, env)')).toEqual(['frame_time_ms_count']);
  });
});

describe('the dashboard on a real Prometheus', () => {
  let prom: PrometheusServer | null = null;

  beforeAll(async () => {
    const now = Date.now();
    prom = await prometheusWith(demoSeries([now - 30_000, now]));
  });
  afterAll(() => prom?.stop());

  it.for(promQueries.map((query) => [query.where, query.expr] as const))('%s finds data: %s', async ([, expr], ctx) => {
    if (prom === null) return ctx.skip();
    await expectDataFor(prom, expr);
  });
});

describe('the dashboard behind the aggregation tier', () => {
  let prom: PrometheusServer | null = null;

  beforeAll(async () => {
    const now = Date.now();
    const times = [now - 30_000, now];
    // The demo turns auto capture on: its session series are what counts sessions behind the tier.
    const sessions = [toSeries('game_session_started_total', common(), times, () => 1), toSeries('game_session_active', common(), times, () => 1)];
    prom = await prometheusBehindTier([...demoSeries(times), ...sessions], times);
  }, 60_000);
  afterAll(() => prom?.stop());

  it.for(promQueries.map((query) => [query.where, query.expr] as const))('%s finds data: %s', async ([, expr], ctx) => {
    if (prom === null) return ctx.skip();
    await expectDataFor(prom, expr);
  });
});

function common(): (readonly [string, string])[] {
  return METRIC_COMMON_LABELS.map((name) => [name, name === 'session_id' ? 's-dashboard' : `${name}-value`] as const);
}

/** Two samples per series, 30 s apart, for every demo metric, shaped as GameTracker sends them. */
function demoSeries(timesMs: readonly number[]): TestSeries[] {
  return Object.entries(DEMO_METRICS).flatMap(([name, metric]: [string, DemoMetric]) => {
    const labels = [...common(), ...metric.labels.map((label) => [label, `${label}-value`] as const)];
    if (metric.kind !== 'histogram') return [toSeries(name, labels, timesMs, (step) => step + 1)];
    const buckets = ['10', '50', '100', '+Inf'].map((le, index) => toSeries(`${name}_bucket`, [...labels, ['le', le]], timesMs, (step) => (step + 1) * (index + 1)));
    return [...buckets, toSeries(`${name}_sum`, labels, timesMs, (step) => (step + 1) * 120), toSeries(`${name}_count`, labels, timesMs, (step) => (step + 1) * 4)];
  });
}

function toSeries(name: string, labels: readonly (readonly [string, string])[], timesMs: readonly number[], valueAt: (step: number) => number): TestSeries {
  const sorted = [['__name__', name] as const, ...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { labels: sorted, samples: timesMs.map((timeMs, step) => [valueAt(step), timeMs] as const) };
}
