/**
 * The "Game health" dashboard (deploy/grafana/dashboards/game_health.json, issue #19) may query only
 * what auto capture records (AUTO_METRICS); every PromQL query runs on a real Prometheus fed with
 * sessions shaped as GameTracker sends them, natively and as the OTLP translation stores them (one
 * ended cleanly, one that stopped without ending, one still running, per version) and finds data, and the crash-free rate comes out right;
 * and the same again behind the real aggregation tier, which sums the sessions away. Every LogQL
 * query of both dashboards is one Loki accepts with "All" selected.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_METRICS, FRAME_TIME_BUCKETS_MS } from '../../addons/game_tracker/core/health/auto_metrics';
import { METRIC_COMMON_LABELS, storedMetricNames } from '../../demo/metric_names';
import type { PrometheusServer } from '../support/prometheus';
import { dashboardQueries, emptyCompatibleSelectors, exploreLinkQueries, logqlSyntaxErrors, parseLabelValues, promqlMetricNames, withVariablesReplaced } from './dashboard_queries';
import type { Dashboard } from './dashboard_queries';
import { expectDataFor, prometheusBehindTier, prometheusWith } from './dashboard_on_prometheus';
import type { TestSeries } from './payloads';

const DASHBOARDS = new URL('../../deploy/grafana/dashboards/', import.meta.url);
const load = (file: string): Dashboard => JSON.parse(readFileSync(new URL(file, DASHBOARDS), 'utf8')) as Dashboard;
const health = dashboardQueries(load('game_health.json'));
const promQueries = health.filter((query) => query.datasourceType === 'prometheus');

const STORED = storedMetricNames(AUTO_METRICS);

describe('the Game health dashboard', () => {
  it('queries only what auto capture records', () => {
    for (const query of promQueries) {
      const names = parseLabelValues(query.expr) === undefined ? promqlMetricNames(query.expr) : promqlMetricNames(parseLabelValues(query.expr)!.selector);
      for (const name of names) expect(STORED, `${query.where}: ${name}`).toContain(name);
    }
  });

  it('has every LogQL query of every dashboard accepted by Loki with "All" selected', () => {
    const logQueries = [...health, ...dashboardQueries(load('game_overview.json'))].filter((query) => query.datasourceType === 'loki' && query.expr !== '');
    expect(logQueries.length).toBeGreaterThan(3);
    for (const query of logQueries) expect(emptyCompatibleSelectors(query.expr), `${query.where}: ${query.expr}`).toEqual([]);
  });

  it("has every LogQL query and Explore link parse with Grafana's LogQL grammar, selecting both protocols' streams", () => {
    const dashboards = [load('game_health.json'), load('game_overview.json')];
    const panels = dashboards.flatMap((dashboard) => dashboardQueries(dashboard)).filter((query) => query.datasourceType === 'loki' && query.expr !== '');
    const links = dashboards.flatMap(exploreLinkQueries);
    expect(links.length).toBeGreaterThan(0);
    for (const expr of [...panels.map((query) => query.expr), ...links]) {
      expect(logqlSyntaxErrors(withVariablesReplaced(expr)), expr).toEqual([]);
      // The one stream label both protocols have (native: service_name = game; OTLP: service.name);
      // environment and level are then matched as the native labels or as OTLP's.
      expect(expr).toMatch(/^[^{]*\{service_name=~"[^"]+"\}/);
    }
    expect(logqlSyntaxErrors('sum(count_over_time({a="b"} | x="1" or [1m]))')).not.toEqual([]);
    // The query the issue reported, as Loki 3.7 refused it with the old "All" (.*):
    expect(emptyCompatibleSelectors('sum by (level) (count_over_time({game=~".*", env=~".*"}[1m]))')).toHaveLength(1);
  });
});

describe('the Game health dashboard on a real Prometheus', () => {
  let prom: PrometheusServer | null = null;
  const nowMs = Date.now();

  beforeAll(async () => {
    prom = await prometheusWith(sessions(nowMs));
  });
  afterAll(() => prom?.stop());

  it.for(promQueries.map((query) => [query.where, query.expr] as const))('%s finds data: %s', async ([, expr], ctx) => {
    if (prom === null) return ctx.skip();
    await expectDataFor(prom, expr);
  });

  it('counts a session that stopped without ending as not crash-free, and leaves running ones out', async (ctx) => {
    if (prom === null) return ctx.skip();
    const byVersion = health.find((query) => query.where === 'Crash-free rate by version')!.expr;
    const rates = await prom.query(withVariablesReplaced(byVersion));
    const rate = (version: string) => rates.find((series) => series.metric['version'] === version)?.samples[0]?.value;
    expect(rate('1.0.0')).toBe(0.5);
    expect(rate('2.0.0')).toBe(1);
    // Sessions sent with protocol "otlp": the session is `instance`, the same queries count them.
    expect(rate('3.0.0')).toBe(0.5);
    const online = await prom.query(withVariablesReplaced(health.find((query) => query.where === 'Players online')!.expr));
    expect(online[0]?.samples[0]?.value).toBe(1);
  });
});

/** Queries that read each session's own series, which the aggregation tier does not keep. */
const rawOnly = (expr: string): boolean => expr.includes('tier=""') && !expr.includes('tier!=""');

describe('the Game health dashboard behind the aggregation tier', () => {
  let prom: PrometheusServer | null = null;
  const nowMs = Date.now();

  beforeAll(async () => {
    // The instants the sessions start, stop and end at, and now: what the tier sees over time.
    prom = await prometheusBehindTier(sessions(nowMs), [12, 10, 9, 8, 5, 4, 3, 0].map((minutes) => nowMs - minutes * 60_000));
  }, 60_000);
  afterAll(() => prom?.stop());

  it('reads only the 90th percentile of session length from per-session series', () => {
    expect(promQueries.filter((query) => rawOnly(query.expr)).map((query) => query.expr)).toEqual([expect.stringContaining('quantile by (version) (0.9,')]);
  });

  it.for(promQueries.filter((query) => !rawOnly(query.expr)).map((query) => [query.where, query.expr] as const))('%s finds data: %s', async ([, expr], ctx) => {
    if (prom === null) return ctx.skip();
    await expectDataFor(prom, expr);
  });

  it('gives the same crash-free rates and players online as on the per-session series', async (ctx) => {
    if (prom === null) return ctx.skip();
    expect(await prom.query('count({session_id!=""} or {instance!=""})')).toEqual([]);
    const byVersion = health.find((query) => query.where === 'Crash-free rate by version')!.expr;
    const rates = await prom.query(withVariablesReplaced(byVersion));
    expect(Object.fromEntries(rates.map((series) => [series.metric['version'], series.samples[0]!.value]))).toEqual({ '1.0.0': 0.5, '2.0.0': 1, '3.0.0': 0.5 });
    const online = await prom.query(withVariablesReplaced(health.find((query) => query.where === 'Players online')!.expr));
    expect(online[0]?.samples[0]?.value).toBe(1);
  });
});

/**
 * Per version, as GameTracker's pushes leave them: a session that quit cleanly (its last push: active
 * 0, ended 1), one that stopped 8 minutes ago without ending (a crash), and in 2.0.0 one still running.
 * Samples every 30 s over the last 12 minutes.
 */
function sessions(nowMs: number): TestSeries[] {
  const plan = [
    { id: 's-clean-1', version: '1.0.0', fromMin: 12, toMin: 4, clean: true },
    { id: 's-crash-1', version: '1.0.0', fromMin: 12, toMin: 8, clean: false },
    { id: 's-clean-2', version: '2.0.0', fromMin: 12, toMin: 3, clean: true },
    { id: 's-live-2', version: '2.0.0', fromMin: 10, toMin: 0, clean: false },
    { id: 's-clean-3', version: '3.0.0', fromMin: 12, toMin: 5, clean: true, otlp: true },
    { id: 's-crash-3', version: '3.0.0', fromMin: 12, toMin: 9, clean: false, otlp: true },
  ];
  return plan.flatMap((session) => {
    const times: number[] = [];
    for (let at = session.fromMin * 60_000; at >= session.toMin * 60_000; at -= 30_000) times.push(nowMs - at);
    const last = times.length - 1;
    const common: [string, string][] = METRIC_COMMON_LABELS.map((name) => [name, name === 'session_id' ? session.id : name === 'version' ? session.version : `${name}-value`]);
    // The OTLP translation: no session_id, the session as `instance` (service.instance.id), the game as `job`.
    if ('otlp' in session) common.splice(common.findIndex(([name]) => name === 'session_id'), 1, ['instance', session.id], ['job', 'game-value']);
    const series = (name: string, value: (step: number) => number, extra: [string, string][] = []): TestSeries => ({
      labels: [['__name__', name] as [string, string], ...common, ...extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      samples: times.map((timeMs, step) => [value(step), timeMs] as const),
    });
    const frames = (step: number) => (step + 1) * 1800;
    const machine: [string, string][] = [['os', 'Linux'], ['gpu', session.version === '1.0.0' ? 'GPU A' : 'GPU B']];
    return [
      series('game_session_started_total', () => 1),
      series('game_session_active', (step) => (session.clean && step === last ? 0 : 1)),
      ...(session.clean ? [{ ...series('game_session_ended_total', () => 1), samples: [[1, times[last] as number] as const] }] : []),
      series('game_session_duration_seconds', (step) => step * 30),
      ...[...FRAME_TIME_BUCKETS_MS.map(String), '+Inf'].map((le, i) => series('game_frame_time_ms_bucket', (step) => Math.round(frames(step) * Math.min(1, (i + 1) / 5)), [...machine, ['le', le]])),
      series('game_frame_time_ms_sum', (step) => frames(step) * 16.7, machine),
      series('game_frame_time_ms_count', frames, machine),
      series('game_frame_hitches_total', (step) => step),
      series('game_fps', () => 60),
      series('game_memory_static_bytes', () => 64 * 1024 * 1024),
      series('game_draw_calls', () => 120),
      series('game_objects', () => 1500),
      series('gametracker_items_produced_total', (step) => step * 10, [['signal', 'logs']]),
      series('gametracker_items_sent_total', (step) => step * 9, [['signal', 'logs']]),
      series('gametracker_items_dropped_total', (step) => step, [['signal', 'logs'], ['reason', 'queue_full']]),
    ];
  });
}
