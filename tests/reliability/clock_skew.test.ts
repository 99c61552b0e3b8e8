/**
 * Players' clocks are wrong. The receivers' `Date` header says what time it really is; the tracker
 * must stamp logs, spans and samples with that time, never let a sample out before it knows it, and
 * keep every series' timestamps strictly increasing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../../addons/game_tracker/core/config';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { createNodeHttpPort, createNodeRandom } from '../../node/node_ports';
import { checkLokiPushJson, decodeOtlpTracesJson, decodeRemoteWrite } from '../support/oracles';
import { FakeClock } from '../fakes/fake_clock';
import { FakeHttp } from '../fakes/fake_http';
import { SeededRandom } from '../fakes/seeded_random';
import { OK, startFaultServer } from '../fault_servers/fault_server';
import type { FaultServer } from '../fault_servers/fault_server';
import { countingPort, expectBooksBalanced, playFrames, shutdownAndTick, skewedClock, CallTimer } from './support';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** The Date header has 1 s resolution; the estimate is good to about half a second plus the round trip. */
const TOLERANCE_MS = 2000;

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

interface Stamped {
  signal: string;
  /** What the tracker wrote, in ms. */
  stampMs: number;
  /** When the receiver got it, by the receiver's (true) clock. */
  receivedMs: number;
}

describe('players whose clocks are wrong, against a receiver that knows the time', () => {
  for (const [label, skewMs] of [
    ['3 hours ahead', 3 * HOUR_MS],
    ['2 days behind', -2 * DAY_MS],
  ] as const) {
    it(`${label}: logs, spans and samples land at the receiver's time`, async () => {
      const server = await startFaultServer(OK);
      servers.push(server);
      const http = countingPort(createNodeHttpPort());
      const warnings: string[] = [];
      const tracker = createTracker({ clock: skewedClock(skewMs), random: createNodeRandom(), http, warn: (m) => warnings.push(m) });
      tracker.init({ endpoint: server.baseUrl, flush_interval_ms: 200, request_timeout_ms: 2000, game: 'skew' });
      await playFrames(
        tracker,
        1500,
        (i) => {
          tracker.log_info(`frame ${i}`);
          tracker.increment('frames');
          if (i % 10 === 0) tracker.start_span('work').end();
        },
        new CallTimer(),
      );
      await shutdownAndTick(tracker, 3000);
      expectBooksBalanced(tracker);
      expect(warnings).toEqual([]);

      // The very first metrics request carries no sample: it only asks for the receiver's Date.
      const metricsPushes = server.accepted.filter((a) => a.path === PATHS.metrics);
      expect(decodeRemoteWrite(new Uint8Array(metricsPushes[0]!.body)).timeseries).toEqual([]);

      const stamps: Stamped[] = [];
      let lastSampleMs = 0;
      for (const { path, body, atUnixMs: receivedMs } of server.accepted) {
        if (path === PATHS.logs) {
          for (const stream of checkLokiPushJson(body.toString('utf8'))) {
            for (const e of stream.values) stamps.push({ signal: 'logs', stampMs: Number(BigInt(e.timestampNs) / 1_000_000n), receivedMs });
          }
        } else if (path === PATHS.traces) {
          for (const rs of decodeOtlpTracesJson(body.toString('utf8')).resourceSpans) {
            for (const ss of rs.scopeSpans) for (const s of ss.spans) stamps.push({ signal: 'traces', stampMs: Number(BigInt(s.endTimeUnixNano) / 1_000_000n), receivedMs });
          }
        } else {
          for (const series of decodeRemoteWrite(new Uint8Array(body)).timeseries) {
            const t = series.samples[0]!.timestampMs;
            expect(t).toBeGreaterThan(lastSampleMs);
            lastSampleMs = t;
            stamps.push({ signal: 'metrics', stampMs: t, receivedMs });
          }
        }
      }
      expect(new Set(stamps.map((s) => s.signal))).toEqual(new Set(['logs', 'traces', 'metrics']));
      for (const s of stamps) {
        // Stamped when recorded, so up to a flush interval (and a frame) before it arrived.
        expect(s.stampMs, JSON.stringify(s)).toBeGreaterThan(s.receivedMs - 1000 - TOLERANCE_MS);
        expect(s.stampMs, JSON.stringify(s)).toBeLessThan(s.receivedMs + TOLERANCE_MS);
      }
    }, 20_000);
  }
});

describe('clock correction in simulated time', () => {
  function setup(skewMs: number) {
    const trueStart = Date.UTC(2026, 10, 24, 12, 0, 0);
    const clock = new FakeClock(trueStart + skewMs);
    const http = new FakeHttp();
    const tracker = createTracker({ clock, random: new SeededRandom(), http, warn: () => undefined });
    tracker.init({ endpoint: 'http://127.0.0.1:9', flush_interval_ms: 1000 });
    const trueNow = (): number => trueStart + clock.monotonicMs();
    const answer = (offsetMs = 0): void => http.respondAll({ status: 204, headers: { date: new Date(trueNow() + offsetMs).toUTCString() } });
    return { clock, http, tracker, trueNow, answer };
  }

  it('no sample leaves before the clock is known; then samples carry the receiver time', () => {
    const { clock, http, tracker, trueNow, answer } = setup(3 * HOUR_MS);
    tracker.increment('deaths');
    tracker.tick();
    expect(http.ofChannel('metrics')).toHaveLength(1);
    expect(decodeRemoteWrite(http.ofChannel('metrics')[0]!.body as Uint8Array).timeseries).toEqual([]);
    // Logs wait for the probe's answer instead of going out with a time 3 h in the future.
    const loggedAt = trueNow();
    tracker.log_info('hello');
    clock.advance(1000);
    tracker.tick();
    expect(http.ofChannel('logs')).toHaveLength(0);
    answer(); // after a 1 s round trip: the estimate is good to ±(0.5 s of Date resolution + half the round trip)
    tracker.tick();
    const ns = BigInt(checkLokiPushJson(http.ofChannel('logs')[0]!.body as string)[0]!.values[0]!.timestampNs);
    expect(Math.abs(Number(ns / 1_000_000n) - loggedAt)).toBeLessThanOrEqual(1000);
    http.respondAll();
    clock.advance(1000);
    tracker.tick();
    const [push] = http.ofChannel('metrics').slice(-1);
    const t = decodeRemoteWrite(push!.body as Uint8Array).timeseries[0]!.samples[0]!.timestampMs;
    expect(Math.abs(t - trueNow())).toBeLessThanOrEqual(1000);
  });

  it('keeps a series strictly increasing when a better estimate moves the clock back', () => {
    const { clock, http, tracker, answer } = setup(-2 * DAY_MS);
    tracker.increment('deaths');
    tracker.tick();
    answer(1500); // a receiver clock 1.5 s fast is believed first
    const stamps: number[] = [];
    for (let i = 0; i < 5; i++) {
      tracker.increment('deaths');
      clock.advance(1000);
      tracker.tick();
      const push = http.ofChannel('metrics').at(-1)!;
      if (push.body.length > 1) stamps.push(decodeRemoteWrite(push.body as Uint8Array).timeseries[0]!.samples[0]!.timestampMs);
      answer(i === 0 ? -1500 : 0); // then answers that put it back
    }
    expect(stamps.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]!).toBeGreaterThan(stamps[i - 1]!);
  });

  it('a flush before any answer sends at once, with the device clock (documented trade-off)', () => {
    const { http, tracker } = setup(0);
    tracker.increment('deaths');
    tracker.flush();
    tracker.tick();
    expect(decodeRemoteWrite(http.ofChannel('metrics')[0]!.body as Uint8Array).timeseries).toHaveLength(1);
  });

  it('keeps probing while the receiver is unreachable, and holds no signal hostage', () => {
    const { clock, http, tracker } = setup(3 * HOUR_MS);
    tracker.increment('deaths');
    tracker.log_info('hello');
    tracker.tick();
    http.respondAll({ status: 0, headers: {}, error: 'ECONNREFUSED' });
    clock.advance(1000);
    tracker.tick();
    expect(http.ofChannel('logs')).toHaveLength(1);
    expect(http.ofChannel('metrics').every((r) => decodeRemoteWrite(r.body as Uint8Array).timeseries.length === 0)).toBe(true);
  });
});
