/**
 * Timed metric pushes compress their body a slice per tick on slow engines (see sliced_snappy.ts).
 * Slices must decompress to exactly the unsliced body, and the outbox must send the push whole, once.
 */
import { compress, uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { TICK_WORK_MS } from '../../addons/game_tracker/core/export/outbox';
import { SlicedSnappy, SnappyPacer } from '../../addons/game_tracker/core/metrics/sliced_snappy';
import { createTracker } from '../../addons/game_tracker/core/tracker';
import { FakeBlockingHttp } from '../fakes/fake_blocking_http';
import { FakeHttp } from '../fakes/fake_http';
import { SeededRandom } from '../fakes/seeded_random';
import { SlowEngineClock } from '../fakes/slow_engine_clock';
import { createHarness } from '../fakes/tracker_harness';
import { decodeRemoteWrite } from '../support/oracles';

function sample(size: number): Uint8Array {
  const text = 'environment=ci game=demo session_id=4f1c2b7e-93aa-4a43-b1a5-0c6e2f1d9a77 __name__=enemies_killed_total ';
  return Uint8Array.from({ length: size }, (_, i) => text.charCodeAt(i % text.length) ^ (i % 97 === 0 ? 1 : 0));
}

/** A pacer on a clock that says each compression took `msPerByte` per input byte: a slow engine. */
function slowPacer(msPerByte: number): SnappyPacer {
  let now = 0;
  let reads = 0;
  let pending = 0;
  return new (class extends SnappyPacer {
    override compress(input: Uint8Array): Uint8Array {
      pending = input.length * msPerByte;
      return super.compress(input);
    }
  })(() => (reads++ % 2 === 0 ? now : (now += pending)));
}

describe('sliced snappy', () => {
  it('gives byte for byte what one compress call gives when one slice is enough', () => {
    const input = sample(1000); // within the first (unmeasured) slice
    const sliced = new SlicedSnappy(input, new SnappyPacer(() => 0));
    expect(sliced.step(TICK_WORK_MS)).toBe(true);
    expect(Buffer.from(sliced.result()).equals(Buffer.from(compress(input)))).toBe(true);
  });

  it('decompresses to the input when the body took several slices', () => {
    const input = sample(50_000);
    const sliced = new SlicedSnappy(input, slowPacer(0.0001)); // 10 bytes/µs: 4000-byte slices
    let steps = 1;
    while (!sliced.step(TICK_WORK_MS)) steps++;
    expect(steps).toBeGreaterThan(5);
    expect(Buffer.from(uncompress(sliced.result())).equals(Buffer.from(input))).toBe(true);
  });

  it('sizes slices to the measured speed: a fast engine compresses the whole body at once', () => {
    const input = sample(30_000);
    // 1000 bytes/µs: 1024 bytes too quick to time, so taken as at least 1024 bytes per 2 µs (200 KB slices).
    const sliced = new SlicedSnappy(input, slowPacer(0.000001));
    expect(sliced.step(TICK_WORK_MS)).toBe(false); // the first slice is the unmeasured minimum
    expect(sliced.step(TICK_WORK_MS)).toBe(true);
    expect(Buffer.from(uncompress(sliced.result())).equals(Buffer.from(input))).toBe(true);
  });

  it('sends a large timed push over several ticks, complete and once', () => {
    const h = createHarness({ flush_interval_ms: 1000 });
    for (let m = 0; m < 10; m++) for (let z = 0; z < 10; z++) h.tracker.increment(`metric_${m}`, { zone: `zone_${z}` }, z + 1);
    // The first push is the clock probe; answer it, then let the interval pass.
    h.frames(70);
    h.http.respondAll();
    const before = h.http.ofChannel('metrics').length;
    h.frames(70);
    const pushes = h.http.ofChannel('metrics').slice(before);
    expect(pushes).toHaveLength(1);
    const series = decodeRemoteWrite(pushes[0]!.body as Uint8Array).timeseries;
    expect(series).toHaveLength(100);
    const total = series.reduce((sum, s) => sum + s.samples[0]!.value, 0);
    expect(total).toBe(10 * (10 * 11) / 2);
    const stats = h.tracker.stats().metrics;
    expect(stats.pending).toBe(100);
    h.http.respondAll();
    expect(h.tracker.stats().metrics.sent).toBe(100);
  });
});

/**
 * A game on a slow engine with 1,000 counter series: the clock probe answered, then a timed push that
 * is being built over several ticks and has not left yet.
 */
function pushBeingBuilt(options: Record<string, unknown> = {}) {
  const clock = new SlowEngineClock();
  const http = new FakeHttp();
  const tracker = createTracker({ clock, random: new SeededRandom(), http, blockingHttp: new FakeBlockingHttp(), warn: () => {} }, { os_name: 'Linux' });
  tracker.init({ endpoint: 'http://127.0.0.1:9', game: 'sliced', flush_interval_ms: 1000, max_series: 2000, max_series_per_metric: 1000, ...options });
  const record = (): void => {
    for (let m = 0; m < 10; m++) for (let z = 0; z < 100; z++) tracker.increment(`metric_${m}`, { zone: `zone_${z}` });
  };
  const answer = (): void => http.respondAll({ status: 204, headers: { date: new Date(clock.unixMs()).toUTCString() } });
  record();
  tracker.tick();
  answer(); // the clock probe
  clock.advance(1000);
  clock.readCostMs = TICK_WORK_MS / 4;
  tracker.tick();
  expect(http.ofChannel('metrics')).toHaveLength(1); // the push is being built, not sent
  /** Shuts down, answering every request, until done (bounded). */
  const shutDown = (): void => {
    let done = false;
    tracker.shutdown(5000, () => (done = true));
    for (let i = 0; i < 20 && !done; i++) {
      answer();
      tracker.tick();
    }
    expect(done).toBe(true);
  };
  return { tracker, http, record, shutDown };
}

describe('a shutdown while a timed push is being built over several ticks', () => {
  it('sends what was counted after that push began in one more push: nothing is dropped', () => {
    const { tracker, http, record, shutDown } = pushBeingBuilt();
    record(); // counted after the push began
    shutDown();
    const pushes = http.ofChannel('metrics').slice(1);
    expect(pushes).toHaveLength(2);
    const last = decodeRemoteWrite(pushes[1]!.body as Uint8Array).timeseries;
    expect(last.reduce((sum, series) => sum + series.samples[0]!.value, 0)).toBe(2000);
    expect(tracker.stats().metrics).toMatchObject({ produced: 2000, sent: 2000, pending: 0, dropped: expect.objectContaining({ shutdown: 0 }) });
  });

  it('still sends the session end: the push that began before it does not count as carrying it', () => {
    const { http, shutDown } = pushBeingBuilt({ sessions: true });
    shutDown();
    const ended = http.ofChannel('metrics').map((push) => decodeRemoteWrite(push.body as Uint8Array).timeseries.find((series) => series.labels.some((label) => label.value === 'game_session_ended_total')));
    expect(ended.at(-1)?.samples[0]?.value).toBe(1);
  });
});
