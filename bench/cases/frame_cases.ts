/**
 * Frame budget: a game at 60 fps producing N events per second through the public API, with the
 * tracker's `tick()` at the end of every frame (which encodes and sends whenever a batch is due). Each
 * frame's main-thread time is one sample. The fake HTTP port answers on the next frame, like Godot's
 * HTTPRequest. Engine-neutral.
 *
 * Event mix per 10 events: 4 log lines, 2 counter increments (2 labels), 1 gauge, 1 histogram
 * observation, and 1 span with 1 child (2 spans).
 */
import type { SpanHandle, Tracker } from '../../addons/game_tracker/core/api';
import { benchTracker } from './bench_tracker';
import type { Distribution, Now, SlowFrame } from './measure';
import { FrameLog, distribution } from './measure';

export const FRAME_MS = 1000 / 60;

/** Realistic settings: batches of 100, a 1,000-item queue, a 1 s interval for what does not fill a batch. */
export const FRAME_SIM_OPTIONS = { batch_size: 100, queue_limit: 1000, flush_interval_ms: 1000, log_repeat_limit: 0 };

export interface FrameResult extends Distribution {
  readonly eventsPerSecond: number;
  readonly frames: number;
  /** Frames over 1 ms of telemetry work. */
  readonly framesOver1ms: number;
  readonly requests: number;
  readonly dropped: number;
  /** The slowest frames, slowest first, with their start (`now()`), to line up with collections. */
  readonly slowest: readonly SlowFrame[];
}

const LEVELS = ['forest', 'cave', 'castle', 'swamp'];
const WEAPONS = ['sword', 'bow', 'staff'];

function emit(t: Tracker, k: number, frame: SpanHandle): void {
  switch (k % 10) {
    case 0:
    case 3:
    case 5:
    case 8:
      t.log_info('enemy spawned', { kind: 'orc', wave: k, level: LEVELS[k & 3] });
      break;
    case 1:
    case 6:
      t.increment('enemies_killed', { level: LEVELS[k & 3], weapon: WEAPONS[k % 3] });
      break;
    case 2:
      t.gauge('enemies_alive', k & 63);
      break;
    case 4:
      t.histogram('damage', (k * 7) % 120);
      break;
    default: {
      const span = t.start_span('ai_think', { agents: k & 15 }, frame);
      t.start_span('pathfind', undefined, span).end();
      span.end();
    }
  }
}

/** Simulates `seconds` of play; times every frame (events + tick), in milliseconds. */
export function simulateFrames(now: Now, eventsPerSecond: number, seconds: number, cpuNow?: Now, warmupSeconds = 2): FrameResult {
  const b = benchTracker(FRAME_SIM_OPTIONS, now);
  const t = b.tracker;
  const frames = Math.round(seconds * 60);
  const warm = Math.round(warmupSeconds * 60);
  const log = new FrameLog(frames, cpuNow);
  let owed = 0;
  let k = 0;
  for (let f = -warm; f < frames; f++) {
    b.clock.advance(FRAME_MS);
    b.http.respond();
    owed += eventsPerSecond / 60;
    const requestsBefore = b.http.requests;
    const cpu0 = log.cpuMark();
    const t0 = now();
    const frame = t.start_span('frame');
    for (; owed >= 1; owed--) emit(t, k++, frame);
    frame.end();
    t.tick();
    const elapsed = now() - t0;
    if (f >= 0) log.record(f, t0, elapsed, b.http.requests - requestsBefore, log.cpuMark() - cpu0);
  }
  const stats = t.stats();
  let dropped = 0;
  for (const s of [stats.logs, stats.metrics, stats.traces]) for (const reason in s.dropped) dropped += s.dropped[reason as keyof typeof s.dropped];
  let over = 0;
  for (const ms of log.times) if (ms > 1) over++;
  return { ...distribution(log.times), eventsPerSecond, frames, framesOver1ms: over, requests: b.http.requests, dropped, slowest: log.slowest(60) };
}
