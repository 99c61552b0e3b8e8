/**
 * Against the real Prometheus of the tests (Debian 2.42, remote-write receiver, default strictness):
 * players with wrong clocks still land their samples at the right time, and 50 game clients pushing
 * at once add up exactly, with nothing rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tracker } from '../../addons/game_tracker/core/api';
import { REMOTE_WRITE_HEADERS } from '../../addons/game_tracker/core/metrics/encode_remote_write';
import type { HttpResponse } from '../../addons/game_tracker/core/ports';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { createNodeClock, createNodeHttpPort, createNodeRandom } from '../../node/node_ports';
import { remoteWriteRequestType, snappyCompress } from '../support/oracles';
import { startPrometheusForTests } from '../support/prometheus';
import type { PrometheusServer } from '../support/prometheus';
import { CallTimer, countingPort, expectBooksBalanced, playFrames, shutdownAndTick, skewedClock } from './support';
import type { CountingPort } from './support';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

let prom: PrometheusServer | null = null;

beforeAll(async () => {
  prom = await startPrometheusForTests();
});

afterAll(async () => {
  await prom?.stop();
});

function client(game: string, http: CountingPort, warnings: string[], clock = createNodeClock(), options: Record<string, unknown> = {}): Tracker {
  const tracker = createTracker({ clock, random: createNodeRandom(), http, warn: (m) => warnings.push(m) });
  tracker.init({ metrics_url: prom!.remoteWriteUrl, game, environment: 'ci', flush_interval_ms: 200, request_timeout_ms: 5000, ...options });
  return tracker;
}

/** One remote-write push of a single sample, bypassing the tracker. */
function rawPush(url: string, name: string, game: string, value: number, timestampMs: number): Promise<HttpResponse> {
  const type = remoteWriteRequestType();
  const message = type.fromObject({
    timeseries: [{ labels: [{ name: '__name__', value: name }, { name: 'game', value: game }], samples: [{ value, timestamp: timestampMs }] }],
  });
  const body = snappyCompress(type.encode(message).finish());
  return new Promise((resolve) =>
    createNodeHttpPort().send({ channel: 'metrics', url, headers: { ...REMOTE_WRITE_HEADERS }, body, timeoutMs: 5000 }, resolve),
  );
}

describe('real Prometheus: players whose clocks are wrong', () => {
  it('one sample from the future blocks every present-day sample (why the tracker never sends one)', async (ctx) => {
    if (prom === null) return ctx.skip();
    // Its own Prometheus: the point is that the damage is not limited to one series.
    const victim = (await startPrometheusForTests())!;
    try {
      expect((await rawPush(victim.remoteWriteUrl, 'future_blocks', 'raw', 1, Date.now() + 3 * HOUR_MS)).status).toBe(204);
      const sameSeries = await rawPush(victim.remoteWriteUrl, 'future_blocks', 'raw', 2, Date.now());
      const otherSeries = await rawPush(victim.remoteWriteUrl, 'innocent', 'other_player', 1, Date.now());
      for (const refused of [sameSeries, otherSeries]) {
        expect(refused.status).toBe(400);
        expect(refused.error).toMatch(/out of bounds|out of order/);
      }
    } finally {
      await victim.stop();
    }
  });

  for (const [label, game, skewMs] of [
    ['3 hours ahead', 'clock_ahead', 3 * HOUR_MS],
    ['2 days behind', 'clock_behind', -2 * DAY_MS],
  ] as const) {
    it(`${label}: every sample is stored at the true time, none refused`, async (ctx) => {
      if (prom === null) return ctx.skip();
      const warnings: string[] = [];
      const http = countingPort(createNodeHttpPort());
      const tracker = client(game, http, warnings, skewedClock(skewMs));
      const startSec = Date.now() / 1000;
      let increments = 0;
      await playFrames(
        tracker,
        1500,
        () => {
          tracker.increment('clock_test', { kind: 'frame' });
          increments++;
        },
        new CallTimer(),
      );
      await shutdownAndTick(tracker, 5000);
      const endSec = Date.now() / 1000;

      expect(warnings).toEqual([]);
      expect(http.responses.every((r) => r.response.status === 204)).toBe(true);
      expect(tracker.stats().metrics).toMatchObject({ produced: increments, sent: increments, pending: 0 });
      // All samples of the session, as stored: a range selector returns their own timestamps.
      const [series] = await prom!.query(`clock_test_total{game="${game}"}[10m]`, endSec + 1);
      expect(series, 'samples found at the true time').toBeDefined();
      expect(series!.samples.length).toBeGreaterThanOrEqual(3);
      for (const sample of series!.samples) {
        expect(sample.timestampSec).toBeGreaterThan(startSec - 2);
        expect(sample.timestampSec).toBeLessThan(endSec + 2);
      }
      expect(series!.samples.at(-1)!.value).toBe(increments);
      // And nothing at the time the player's clock believed.
      expect(await prom!.query(`clock_test_total{game="${game}"}[10m]`, endSec + skewMs / 1000)).toEqual([]);
      expectBooksBalanced(tracker);
    }, 20_000);
  }
});

describe('real Prometheus: 50 game clients at once', () => {
  it('every counter sum and histogram count equals the true total; nothing collides or is refused', async (ctx) => {
    if (prom === null) return ctx.skip();
    const CLIENTS = 50;
    const ZONES = ['cave', 'forest', 'castle'];
    const BUCKETS = [10, 50, 100];
    const warnings: string[] = [];
    const ports: CountingPort[] = [];
    const clients = Array.from({ length: CLIENTS }, () => {
      const http = countingPort(createNodeHttpPort());
      ports.push(http);
      return client('crowd50', http, warnings, createNodeClock(), { histogram_buckets: BUCKETS });
    });
    const deaths: Record<string, number> = Object.fromEntries(ZONES.map((z) => [z, 0]));
    let observations = 0;
    let observedSum = 0;
    const byBucket = [0, 0, 0, 0];
    let calls = 0;
    const timer = new CallTimer();
    // All clients share one frame loop, as 50 game processes would share the receiver.
    const driver = createTracker({ clock: createNodeClock(), random: createNodeRandom(), http: createNodeHttpPort(), warn: () => undefined });
    await playFrames(
      driver,
      2000,
      (frame) => {
        clients.forEach((tracker, i) => {
          const zone = ZONES[(frame + i) % ZONES.length]!;
          const by = ((frame * 7 + i) % 3) + 1;
          tracker.increment('player_deaths', { zone }, by);
          deaths[zone]! += by;
          const ms = (frame * 13 + i * 29) % 150;
          tracker.histogram('level_load_ms', ms, { zone: 'all' });
          observations++;
          observedSum += ms;
          byBucket[BUCKETS.findIndex((b) => ms <= b) === -1 ? 3 : BUCKETS.findIndex((b) => ms <= b)]!++;
          calls += 2;
          tracker.tick();
        });
      },
      timer,
    );
    await Promise.all(clients.map((tracker) => shutdownAndTick(tracker, 10_000)));

    expect(warnings).toEqual([]);
    for (const http of ports) {
      expect(http.responses.filter((r) => r.response.status !== 204)).toEqual([]);
      expect(http.maxInFlight.metrics).toBe(1);
    }
    let sent = 0;
    for (const tracker of clients) {
      expectBooksBalanced(tracker);
      sent += tracker.stats().metrics.sent;
    }
    expect(sent).toBe(calls);

    const value = async (q: string): Promise<number[]> => (await prom!.query(q)).map((s) => s.samples[0]!.value);
    expect(await value('count(player_deaths_total{game="crowd50",zone="cave"})')).toEqual([CLIENTS]);
    for (const zone of ZONES) expect(await value(`sum(player_deaths_total{game="crowd50",zone="${zone}"})`), zone).toEqual([deaths[zone]]);
    expect(await value('sum(level_load_ms_count{game="crowd50"})')).toEqual([observations]);
    expect(await value('sum(level_load_ms_sum{game="crowd50"})')).toEqual([observedSum]);
    const cumulative = byBucket.map((_, i) => byBucket.slice(0, i + 1).reduce((a, b) => a + b, 0));
    const buckets = await prom!.query('sum by (le) (level_load_ms_bucket{game="crowd50"})');
    expect(Object.fromEntries(buckets.map((s) => [s.metric['le'], s.samples[0]!.value]))).toEqual({
      '10': cumulative[0],
      '50': cumulative[1],
      '100': cumulative[2],
      '+Inf': cumulative[3],
    });
    // No frame of 50 clients' calls waited on the network (a blocking send would take its 5 s timeout).
    // The bound leaves room for a loaded machine: how cheap the calls are is measured in npm run bench.
    expect(timer.maxMs).toBeLessThan(1000);
  }, 60_000);
});
