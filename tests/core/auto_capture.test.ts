/**
 * What the tracker records by itself when the game turns it on (issue #19): sessions, frame health and
 * its own books, decoded from the remote-write pushes with the upstream protobuf definitions.
 */
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../addons/game_tracker/core/ports';
import { FRAME_TIME_BUCKETS_MS, MONITOR_INTERVAL_MS } from '../../addons/game_tracker/core/health/auto_metrics';
import { decodeRemoteWrite } from '../support/oracles';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';

type Samples = Map<string, number>;

/** Every series of a push as `name{label="value",…}` (the tracker's own labels left out) → its value. */
function samples(request: HttpRequest | undefined): Samples {
  const out: Samples = new Map();
  if (request === undefined) return out;
  for (const series of decodeRemoteWrite(request.body as Uint8Array).timeseries) {
    const name = series.labels.find((l) => l.name === '__name__')?.value ?? '';
    const own = series.labels.filter((l) => !['__name__', 'game', 'env', 'version', 'session_id'].includes(l.name));
    out.set(`${name}{${own.map((l) => `${l.name}="${l.value}"`).join(',')}}`, series.samples.at(-1)?.value ?? NaN);
  }
  return out;
}

const lastPush = (h: Harness): Samples => samples(h.http.ofChannel('metrics').at(-1));
const quitPush = (h: Harness): Samples => samples(h.blocking.ofChannel('metrics').at(-1));

/** Frames of `frameMs`, then a metrics push answered. */
function play(h: Harness, frames: number, frameMs: number): void {
  for (let i = 0; i < frames; i++) {
    h.clock.advance(frameMs);
    h.tracker.frame(frameMs);
    h.tracker.tick();
    h.http.respondAll({ status: 204, headers: { date: new Date(h.clock.unixMs()).toUTCString() } });
  }
}

describe('auto capture', () => {
  it('is off unless init turns it on', () => {
    const h = createHarness({ flush_interval_ms: 1000 });
    h.tracker.increment('kills');
    play(h, 120, 16);
    expect([...lastPush(h).keys()].filter((key) => key.startsWith('game_') || key.startsWith('gametracker_'))).toEqual([]);
  });

  it('sessions: started and active while running; a clean quit sends active 0, ended 1 and the foreground length', () => {
    const h = createHarness({ sessions: true, flush_interval_ms: 1000 });
    play(h, 120, 16);
    expect(lastPush(h).get('game_session_started_total{}')).toBe(1);
    expect(lastPush(h).get('game_session_active{}')).toBe(1);
    h.tracker.exit();
    const last = quitPush(h);
    expect(last.get('game_session_active{}')).toBe(0);
    expect(last.get('game_session_ended_total{}')).toBe(1);
    expect(last.get('game_session_duration_seconds{}')).toBeCloseTo(1.92, 2);
  });

  it('shutdown is a clean end too: its push says so even when nothing else is pending', () => {
    const h = createHarness({ sessions: true, flush_interval_ms: 1000 });
    play(h, 70, 16);
    const pushesBefore = h.http.ofChannel('metrics').length;
    h.tracker.shutdown(5000);
    play(h, 1, 1);
    expect(h.http.ofChannel('metrics').length).toBe(pushesBefore + 1);
    expect(lastPush(h).get('game_session_active{}')).toBe(0);
    expect(lastPush(h).get('game_session_ended_total{}')).toBe(1);
  });

  it('a session that is killed never says it ended: its last push still reads active 1', () => {
    const h = createHarness({ sessions: true, flush_interval_ms: 1000 });
    play(h, 200, 16);
    const last = lastPush(h);
    expect(last.get('game_session_active{}')).toBe(1);
    expect(last.has('game_session_ended_total{}')).toBe(false);
  });

  it('time in the background is not session time: the first frame after a resume is left out', () => {
    const h = createHarness({ sessions: true, frame_health: true, flush_interval_ms: 1000 });
    play(h, 10, 10);
    h.tracker.resumed();
    play(h, 1, 600_000);
    play(h, 10, 10);
    h.tracker.exit();
    const last = quitPush(h);
    expect(last.get('game_session_duration_seconds{}')).toBeCloseTo(0.2, 3);
    expect(last.get('game_frame_hitches_total{}')).toBe(0);
  });

  it('frame health: deltas into the histogram on the device, hitches counted, monitors every few seconds', () => {
    const h = createHarness({ frame_health: true, hitch_ms: 50, flush_interval_ms: 1000 });
    let reads = 0;
    (h.ports as { monitors?: () => unknown }).monitors = () => {
      reads++;
      return { fps: 59.5, memory_static_bytes: 1024, draw_calls: 42, objects: 900 };
    };
    play(h, 100, 16.6);
    play(h, 3, 70);
    play(h, 100, 8);
    h.tracker.flush();
    play(h, 1, 0);
    const push = lastPush(h);
    // The harness's device: Linux, no GPU name.
    const bucket = (le: number) => push.get(`game_frame_time_ms_bucket{gpu="unknown",le="${le}",os="Linux"}`);
    // The flush's own frame (0 ms) is a frame too.
    expect(push.get('game_frame_time_ms_count{gpu="unknown",os="Linux"}')).toBe(204);
    expect(bucket(9)).toBe(101);
    expect(bucket(18)).toBe(201);
    expect(bucket(75)).toBe(204);
    expect(push.get('game_frame_hitches_total{}')).toBe(3);
    expect(push.get('game_fps{}')).toBe(59.5);
    expect(push.get('game_draw_calls{}')).toBe(42);
    expect(FRAME_TIME_BUCKETS_MS).toContain(18);
    const elapsedMs = 100 * 16.6 + 3 * 70 + 100 * 8;
    expect(reads).toBe(Math.floor(elapsedMs / MONITOR_INTERVAL_MS) + 1);
  });

  it('telemetry health: the books go out as metrics, drops by reason', () => {
    const h = createHarness({ telemetry_health: true, flush_interval_ms: 1000, queue_limit: 5, batch_size: 100 });
    for (let i = 0; i < 8; i++) h.tracker.log_info(`line ${i}`);
    h.tracker.increment('kills');
    play(h, 120, 16);
    const push = lastPush(h);
    expect(push.get('gametracker_items_produced_total{signal="logs"}')).toBe(8);
    expect(push.get('gametracker_items_dropped_total{reason="queue_full",signal="logs"}')).toBe(3);
    expect(push.get('gametracker_items_produced_total{signal="metrics"}')).toBe(1);
  });

  it('auto_capture turns every part on; a part can still be turned off', () => {
    const h = createHarness({ auto_capture: true, frame_health: false, flush_interval_ms: 1000 });
    play(h, 120, 16);
    const keys = [...lastPush(h).keys()];
    expect(keys).toContain('game_session_active{}');
    expect(keys).toContain('gametracker_items_produced_total{signal="logs"}');
    expect(keys.some((key) => key.startsWith('game_frame'))).toBe(false);
  });
});
