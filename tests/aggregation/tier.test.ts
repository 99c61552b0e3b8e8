/**
 * The deploy kit's aggregation tier (vmagent with deploy/aggregation/stream_aggregation.yml, its interval
 * shortened) between real game clients and a real Prometheus: sessions start, count, end cleanly,
 * crash and are replaced mid-run, and storage holds only per-version series whose counters and
 * histograms are exactly the sum of what every client counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tracker } from '../../addons/game_tracker/core/api';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { createNodePorts } from '../../node/node_ports';
import { shutdownAndWait, startTickLoop } from '../../node/tick_loop';
import { seriesKey, Tally } from '../../tools/load/tally';
import type { Labels } from '../../tools/load/tally';
import { findVmagentBinary, startTier, VMAGENT_VERSION } from '../../tools/services/vmagent';
import type { TierServer } from '../../tools/services/vmagent';
import { startPrometheusForTests } from '../support/prometheus';
import type { PrometheusServer } from '../support/prometheus';

const INTERVAL_SEC = 2;
const GAME = 'tier_test';
const BUCKETS = [10, 50, 100];
const TIER = 'tier-test';
const LOAD_TIMES_MS = [5, 20, 70, 300];
const WEAPONS = ['bow', 'sword'];

let prom: PrometheusServer | null = null;
let tier: TierServer | null = null;

beforeAll(async () => {
  prom = await startPrometheusForTests();
  if (prom === null) return;
  const binary = findVmagentBinary();
  if (binary === null) {
    if (process.env.CI === 'true') throw new Error(`vmagent is not installed with CI=true; .ci/run installs it (go install ...vmagent@${VMAGENT_VERSION})`);
    console.warn(`!! SKIPPING the aggregation tier test: no vmagent (go install github.com/VictoriaMetrics/VictoriaMetrics/app/vmagent@${VMAGENT_VERSION})`);
    return;
  }
  tier = await startTier({ binary, storageWriteUrl: prom.remoteWriteUrl, tierName: TIER, intervalSec: INTERVAL_SEC });
}, 30_000);

afterAll(async () => {
  await tier?.stop();
  await prom?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Client {
  readonly tracker: Tracker;
  readonly version: string;
  readonly index: number;
  readonly stopTicking: () => void;
}

describe('aggregation tier (vmagent) in front of a real Prometheus', () => {
  it('stores per-version sums of every session, exactly, through sessions ending, crashing and starting', async (ctx) => {
    if (prom === null || tier === null) return ctx.skip();
    const tally = new Tally(BUCKETS);
    const warnings: string[] = [];
    let started = 0;
    const start = (version: string): Client => {
      const index = started++;
      const tracker = createTracker(createNodePorts((m) => warnings.push(m)), { os_name: 'Linux' });
      tracker.init({ metrics_url: tier!.remoteWriteUrl, game: GAME, environment: 'ci', version, flush_interval_ms: 500, request_timeout_ms: 5000, histogram_buckets: BUCKETS, sessions: true });
      const common = { game: GAME, env: 'ci', version };
      tally.countCallsOf(tracker, common);
      tally.add('game_session_started_total', common, 1);
      tracker.gauge('coins', (index + 1) * 10);
      return { tracker, version, index, stopTicking: startTickLoop(tracker, 50) };
    };
    const play = (client: Client, round: number): void => {
      for (let i = 0; i <= (client.index + round) % 4; i++) client.tracker.increment('enemy_kills', { weapon: WEAPONS[(client.index + i) % 2]! }, 1 + ((client.index * 7 + i) % 3));
      client.tracker.histogram('level_load_ms', LOAD_TIMES_MS[(client.index + round) % LOAD_TIMES_MS.length]!);
    };
    const endCleanly = async (client: Client): Promise<void> => {
      client.stopTicking();
      await shutdownAndWait(client.tracker, 10_000);
      tally.add('game_session_ended_total', { game: GAME, env: 'ci', version: client.version }, 1);
    };

    // Phase 1: sixteen sessions, eight per version, long enough for whole intervals to see them all.
    const first = [...Array<string>(8).fill('1.0'), ...Array<string>(8).fill('1.1')].map(start);
    for (const client of first) play(client, 1);
    await sleep(INTERVAL_SEC * 2500);

    // Phase 2: six end cleanly, two crash (their last push arrived, then silence), eight new ones start.
    await Promise.all(first.slice(0, 6).map(endCleanly));
    for (const crashed of first.slice(6, 8)) {
      crashed.tracker.flush();
      for (let i = 0; i < 100 && crashed.tracker.stats().metrics.pending > 0; i++) await sleep(50);
      expect(crashed.tracker.stats().metrics.pending).toBe(0);
      crashed.stopTicking();
    }
    const second = [...Array<string>(4).fill('1.0'), ...Array<string>(4).fill('1.1')].map(start);
    const running = [...first.slice(8), ...second];
    for (const client of running) play(client, 2);
    await sleep(INTERVAL_SEC * 1500);
    for (const client of running) play(client, 3);

    // Phase 3: everyone left ends cleanly; the tier flushes two more intervals.
    await Promise.all(running.map(endCleanly));
    await sleep(INTERVAL_SEC * 2500);
    expect(warnings).toEqual([]);

    // Storage holds no session's own series, and one series per version and label set.
    expect(await prom.query(`{game="${GAME}", session_id!=""}`)).toEqual([]);
    const stored = new Map<string, number>();
    for (const series of await prom.query(`{game="${GAME}", tier="${TIER}"}`)) {
      const { __name__: name, tier: _tier, ...labels } = series.metric;
      stored.set(seriesKey(name!, labels as Labels), series.samples[0]!.value);
    }
    const expectedSums = Object.fromEntries(tally.sums);
    const storedSums = Object.fromEntries([...stored].filter(([key]) => tally.sums.has(key)));
    expect(storedSums).toEqual(expectedSums);
    expect(tally.sums.get(seriesKey('game_session_started_total', { game: GAME, env: 'ci', version: '1.0' }))).toBe(12);
    expect(tally.sums.get(seriesKey('game_session_ended_total', { game: GAME, env: 'ci', version: '1.0' }))).toBe(10);

    // Sessions online: at most 8 of 1.0 (phase 1) and 12 of 1.1 (phase 2); none after the last clean
    // end (the crashed sessions stopped counting once they went silent).
    const online = await prom.query(`max by (version) (max_over_time(game_session_active{game="${GAME}", aggregation="sum"}[2m]))`);
    expect(Object.fromEntries(online.map((s) => [s.metric['version'], s.samples[0]!.value]))).toEqual({ '1.0': 8, '1.1': 12 });
    const onlineNow = await prom.query(`game_session_active{game="${GAME}", aggregation="sum"}`);
    expect(onlineNow.map((s) => s.samples[0]!.value)).toEqual([0, 0]);

    // A gauge: sum, count, min and max over the sessions, under the gauge's own name. While phase 2
    // ran, 1.1 had twelve sessions: coins 90 to 160 (the first eight) and 210 to 240.
    const coins = await prom.query(`max_over_time(coins{game="${GAME}", version="1.1"}[2m])`);
    expect(Object.fromEntries(coins.map((s) => [s.metric['aggregation'], s.samples[0]!.value]))).toEqual({ sum: 1900, count: 12, min: 90, max: 240 });
  }, 90_000);
});
