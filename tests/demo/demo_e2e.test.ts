/**
 * The demo end to end: simulated clients through the real Node ports into the built-in receiver, and
 * the same clients' metrics into the real Prometheus of the tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  it('delivers every signal to the built-in receiver with nothing refused or lost', async () => {
    const warnings: string[] = [];
    const stats = await play({ endpoint: receiver.url, clients: 3, durationSec: 2, seed: 7, onWarning: (m) => warnings.push(m) });
    const snapshot = receiver.snapshot();

    expect(warnings).toEqual([]);
    expect(snapshot.requests.rejected).toBe(0);
    for (const client of stats) {
      for (const signal of ['logs', 'metrics', 'traces'] as const) {
        expect(client[signal].pending, signal).toBe(0);
        expect(client[signal].sent, signal).toBe(client[signal].produced);
      }
    }
    expect(snapshot.logs.total).toBe(stats.reduce((n, s) => n + s.logs.sent, 0));
    expect(snapshot.traces.spanCount).toBe(stats.reduce((n, s) => n + s.traces.sent, 0));
    const levelLoads = snapshot.traces.traces.flatMap((t) => t.roots).filter((root) => root.name === 'level.load');
    expect(levelLoads.length).toBeGreaterThanOrEqual(3);
    expect(levelLoads[0]!.children.map((c) => c.name)).toEqual(['level.load_assets', 'level.build_navmesh', 'level.spawn_enemies']);
    const arrived = new Set(snapshot.metrics.series.map((s) => s.name).concat(snapshot.metrics.histograms.map((h) => h.name)));
    for (const name of arrived) expect(storedMetricNames().some((stored) => stored === name || stored.startsWith(`${name}_`)), name).toBe(true);
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
