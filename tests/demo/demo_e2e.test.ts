/**
 * The demo end to end: simulated clients through the real Node ports into the built-in receiver, and
 * the same clients' metrics into the real Prometheus of the tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_METRICS } from '../../addons/game_tracker/core/health/auto_metrics';
import { storedMetricNames } from '../../demo/metric_names';
import { play } from '../../demo/play';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { startPrometheusForTests } from '../support/prometheus';
import type { PrometheusServer } from '../support/prometheus';

let receiver: Receiver;
let prom: PrometheusServer | null = null;

beforeAll(async () => {
  receiver = await startReceiver({ port: 0 });
  prom = await startPrometheusForTests();
});

afterAll(async () => {
  await receiver.stop();
  await prom?.stop();
});

describe('npm run demo', () => {
  it.each(['native', 'otlp'] as const)('delivers every signal to the built-in receiver with nothing refused or lost (protocol %s)', async (protocol) => {
    const before = receiver.snapshot();
    const warnings: string[] = [];
    const stats = await play({ endpoint: receiver.url, clients: 3, durationSec: 2, seed: 7, onWarning: (m) => warnings.push(m), trackerOptions: { protocol } });
    const snapshot = receiver.snapshot();

    expect(warnings).toEqual([]);
    expect(snapshot.requests.rejected).toBe(0);
    const paths = Object.keys(snapshot.requests.byPath).filter((path) => snapshot.requests.byPath[path]!.accepted > (before.requests.byPath[path]?.accepted ?? 0));
    expect(paths.sort()).toEqual(protocol === 'otlp' ? ['/v1/logs', '/v1/metrics', '/v1/traces'] : ['/api/v1/push', '/loki/api/v1/push', '/v1/traces']);
    for (const client of stats) {
      for (const signal of ['logs', 'metrics', 'traces'] as const) {
        expect(client[signal].pending, signal).toBe(0);
        expect(client[signal].sent, signal).toBe(client[signal].produced);
      }
    }
    expect(snapshot.logs.total - before.logs.total).toBe(stats.reduce((n, s) => n + s.logs.sent, 0));
    expect(snapshot.traces.spanCount - before.traces.spanCount).toBe(stats.reduce((n, s) => n + s.traces.sent, 0));
    const levelLoads = snapshot.traces.traces.flatMap((t) => t.roots).filter((root) => root.name === 'level.load');
    expect(levelLoads.length).toBeGreaterThanOrEqual(3);
    expect(levelLoads[0]!.children.map((c) => c.name)).toEqual(['level.load_assets', 'level.build_navmesh', 'level.spawn_enemies']);
    // The OTLP translation gives the same metric names as remote write (plus target_info).
    const arrived = new Set(snapshot.metrics.series.map((s) => s.name).concat(snapshot.metrics.histograms.map((h) => h.name)));
    arrived.delete('target_info');
    // The demo turns auto capture on: its metrics come too.
    const known = [...storedMetricNames(), ...storedMetricNames(AUTO_METRICS)];
    for (const name of arrived) expect(known.some((stored) => stored === name || stored.startsWith(`${name}_`)), name).toBe(true);
    expect(arrived).toContain('game_session_started_total');
    if (protocol === 'otlp') {
      // The session is `instance` (from service.instance.id), the game `job` (from service.name): no session_id label.
      const joined = snapshot.metrics.series.filter((s) => s.name === 'player_joined_total' && s.labels['job'] === 'demo_game');
      expect(new Set(joined.map((s) => s.labels['instance'])).size).toBe(3);
      expect(joined.every((s) => s.labels['session_id'] === undefined)).toBe(true);
      // The native path's game, env and version ride on every data point: the same dashboards work.
      const active = snapshot.metrics.series.find((s) => s.name === 'game_session_active' && s.labels['job'] === 'demo_game');
      expect(active?.labels).toMatchObject({ game: 'demo_game', env: 'demo', version: '1.0.0' });
      const info = snapshot.metrics.series.find((s) => s.name === 'target_info' && s.labels['job'] === 'demo_game');
      expect(info?.labels).toMatchObject({ deployment_environment_name: 'demo', service_version: '1.0.0' });
      const line = snapshot.logs.latest.at(-1)!;
      expect(line.labels).toEqual({ service_name: 'demo_game', deployment_environment_name: 'demo' });
    }
  });

  it('lands in a real Prometheus: one series per client, totals summing across clients', async (ctx) => {
    if (prom === null) return ctx.skip();
    const stats = await play({
      endpoint: receiver.url,
      clients: 4,
      durationSec: 2,
      seed: 11,
      trackerOptions: { metrics_url: prom.remoteWriteUrl },
    });

    expect(stats.every((s) => s.metrics.pending === 0 && s.metrics.sent === s.metrics.produced)).toBe(true);
    const joined = await prom.query('player_joined_total{game="demo_game"}');
    expect(joined).toHaveLength(4);
    expect(new Set(joined.map((s) => s.metric['session_id'])).size).toBe(4);
    const [frames] = await prom.query('sum(frame_time_ms_count{game="demo_game"})');
    expect(frames!.samples[0]!.value).toBeGreaterThan(4 * 50);
  });
});
