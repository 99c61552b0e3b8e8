/**
 * Issue #19's check as the issue words it: the demo runs with everything on (auto capture), its
 * clients' metrics go to the real Prometheus of the tests, and then every query of the "Game health"
 * dashboard runs there with "All" selected and returns data. The clients' logs go to a closed port, so
 * that they fail (send_failed) and the telemetry-loss panel has something to show.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { play } from '../../demo/play';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { startPrometheusForTests } from '../support/prometheus';
import type { PrometheusServer } from '../support/prometheus';
import { expectDataFor } from '../receiver/dashboard_on_prometheus';
import { dashboardQueries, withVariablesReplaced } from '../receiver/dashboard_queries';
import type { Dashboard } from '../receiver/dashboard_queries';

const dashboard = JSON.parse(readFileSync(new URL('../../deploy/grafana/dashboards/game_health.json', import.meta.url), 'utf8')) as Dashboard;
const promQueries = dashboardQueries(dashboard).filter((query) => query.datasourceType === 'prometheus');

let receiver: Receiver;
let prom: PrometheusServer | null = null;

beforeAll(async () => {
  receiver = await startReceiver({ port: 0 });
  prom = await startPrometheusForTests();
  if (prom === null) return;
  await play({ endpoint: receiver.url, clients: 3, durationSec: 6, seed: 19, trackerOptions: { metrics_url: prom.remoteWriteUrl, logs_url: 'http://127.0.0.1:9/loki/api/v1/push', flush_interval_ms: 1000 } });
});

afterAll(async () => {
  await receiver.stop();
  await prom?.stop();
});

it.for(promQueries.map((query) => [query.where, query.expr] as const))('after the demo, %s finds data: %s', async ([, expr], ctx) => {
  if (prom === null) return ctx.skip();
  await expectDataFor(prom, expr);
});

it('counts the demo sessions, all ended cleanly', async (ctx) => {
  if (prom === null) return ctx.skip();
  const started = await prom.query(withVariablesReplaced(promQueries.find((query) => query.where === 'Sessions started')!.expr));
  expect(started[0]?.samples[0]?.value).toBe(3);
  const crashFree = await prom.query(withVariablesReplaced(promQueries.find((query) => query.where === 'Crash-free sessions')!.expr));
  expect(crashFree[0]?.samples[0]?.value).toBe(1);
});
