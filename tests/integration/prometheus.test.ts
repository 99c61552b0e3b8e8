/**
 * The core pushing to a real Prometheus (Debian package, remote-write receiver on 127.0.0.1) through
 * the Node HTTP port; PromQL reads back what arrived. Prometheus 2.42 is lenient about label order and
 * headers, so tests/wire checks those with an independent decoder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tracker } from '../../addons/game_tracker/core/api';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { createNodePorts } from '../../node/node_ports';
import { shutdownAndWait } from '../../node/tick_loop';
import { startPrometheusForTests } from '../support/prometheus';
import type { PrometheusServer } from '../support/prometheus';

let prom: PrometheusServer | null = null;

beforeAll(async () => {
  prom = await startPrometheusForTests();
});

afterAll(async () => {
  await prom?.stop();
});

function newClient(game: string, warnings: string[]): Tracker {
  const tracker = createTracker(createNodePorts((m) => warnings.push(m)), { os_name: 'Linux' });
  tracker.init({ metrics_url: prom!.remoteWriteUrl, game, environment: 'ci', request_timeout_ms: 5000, histogram_buckets: [10, 50, 100] });
  return tracker;
}

async function valueOf(query: string): Promise<number[]> {
  return (await prom!.query(query)).map((s) => s.samples[0]!.value);
}

describe('real Prometheus', () => {
  it('reads back exact counter totals, the last gauge value and histogram buckets', async (ctx) => {
    if (prom === null) return ctx.skip();
    const warnings: string[] = [];
    const tracker = newClient('single', warnings);
    for (let i = 0; i < 7; i++) tracker.increment('player_deaths', { cause: 'lava' });
    tracker.increment('shop_revenue', { currency: 'gold' }, 250);
    tracker.increment('shop_revenue', { currency: 'gold' }, 0.5);
    tracker.gauge('players_online', 12);
    tracker.gauge('players_online', 9);
    for (const ms of [5, 20, 20, 70, 300]) tracker.histogram('level_load_time_ms', ms, { level: 'cave' });
    await shutdownAndWait(tracker, 10_000);

    expect(warnings).toEqual([]);
    expect(tracker.stats().metrics).toMatchObject({ produced: 16, sent: 16, pending: 0 });
    expect(await valueOf('player_deaths_total{game="single",cause="lava"}')).toEqual([7]);
    expect(await valueOf('shop_revenue_total{game="single"}')).toEqual([250.5]);
    expect(await valueOf('players_online{game="single"}')).toEqual([9]);
    const buckets = await prom.query('level_load_time_ms_bucket{game="single",level="cave"}');
    const byLe = Object.fromEntries(buckets.map((s) => [s.metric['le'], s.samples[0]!.value]));
    expect(byLe).toEqual({ '10': 1, '50': 3, '100': 4, '+Inf': 5 });
    expect(await valueOf('level_load_time_ms_count{game="single"}')).toEqual([5]);
    expect(await valueOf('level_load_time_ms_sum{game="single"}')).toEqual([415]);
  });

  it('20 clients incrementing the same counter at once sum to the true total', async (ctx) => {
    if (prom === null) return ctx.skip();
    const warnings: string[] = [];
    const clients = Array.from({ length: 20 }, () => newClient('crowd', warnings));
    let expected = 0;
    for (let round = 0; round < 5; round++) {
      clients.forEach((client, i) => {
        const by = (i % 3) + 1;
        client.increment('player_joined', { region: 'eu' }, by);
        expected += by;
      });
    }
    await Promise.all(clients.map((c) => shutdownAndWait(c, 10_000)));

    expect(warnings).toEqual([]);
    expect(await valueOf('count(player_joined_total{game="crowd"})')).toEqual([20]);
    expect(await valueOf('sum(player_joined_total{game="crowd"})')).toEqual([expected]);
  });
});
