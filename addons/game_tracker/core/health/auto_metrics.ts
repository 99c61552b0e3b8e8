/**
 * What the tracker records by itself when the game turns it on (issue #19), as metrics of the session:
 * - sessions: `game_session_started_total` (1), `game_session_active` (1 while running, 0 at a clean
 *   end), `game_session_ended_total` (1 at a clean end), `game_session_duration_seconds` (time in the
 *   foreground so far). A session that stops sending without ending cleanly crashed (or was killed):
 *   Grafana derives that from what arrived, nothing is stored on the device.
 * - frame health: `game_frame_time_ms` (a histogram of `_process` deltas, on the device: no series per
 *   frame), `game_frame_hitches_total` (frames over `hitch_ms`), and engine monitors sampled every few
 *   seconds (`game_fps`, `game_memory_static_bytes`, `game_draw_calls`, `game_objects`).
 * - telemetry health: the books (`gametracker_items_{produced,sent,dropped}_total` by signal and
 *   reason), refreshed before each push, so an operator sees when and why clients lose data.
 * They go into the session's registry directly (not counted as the game's calls) and are resolved once
 * per registry: a frame costs a few additions.
 */
import type { DeviceInfo, SignalStats } from '../api';
import type { MetricRegistry } from '../metrics/registry';
import type { Series } from '../metrics/series';
import { bucketIndex } from '../metrics/series';
import type { Signal } from '../types';
import { DROP_REASONS, SIGNALS } from '../types';

export interface AutoCapture {
  readonly sessions: boolean;
  readonly frameHealth: boolean;
  readonly telemetryHealth: boolean;
  /** A frame longer than this is a hitch (3 frames at 60 fps by default). */
  readonly hitchMs: number;
}

export const NOTHING_CAPTURED: AutoCapture = { sessions: false, frameHealth: false, telemetryHealth: false, hitchMs: 50 };

/** Frame time buckets (ms): 240, 144, 120, 90, 60 and 30 fps frames land in their own bucket; then hitches. */
export const FRAME_TIME_BUCKETS_MS: readonly number[] = [4.5, 7.5, 9, 12, 18, 25, 35, 50, 75, 100, 250, 1000];
export const FRAME_TIME_METRIC = 'game_frame_time_ms';

/**
 * Every metric auto capture writes, as stored (counters with `_total`; the histogram as its `_bucket`,
 * `_sum` and `_count` series), with the labels it adds to the common ones: the "Game health"
 * dashboard may query only these (tests/receiver/health_dashboard.test.ts).
 */
export const AUTO_METRICS = {
  game_session_started_total: { kind: 'counter', labels: [] },
  game_session_active: { kind: 'gauge', labels: [] },
  game_session_ended_total: { kind: 'counter', labels: [] },
  game_session_duration_seconds: { kind: 'gauge', labels: [] },
  game_frame_time_ms: { kind: 'histogram', labels: ['os', 'gpu'] },
  game_frame_hitches_total: { kind: 'counter', labels: [] },
  game_fps: { kind: 'gauge', labels: [] },
  game_memory_static_bytes: { kind: 'gauge', labels: [] },
  game_draw_calls: { kind: 'gauge', labels: [] },
  game_objects: { kind: 'gauge', labels: [] },
  gametracker_items_produced_total: { kind: 'counter', labels: ['signal'] },
  gametracker_items_sent_total: { kind: 'counter', labels: ['signal'] },
  gametracker_items_dropped_total: { kind: 'counter', labels: ['signal', 'reason'] },
} as const satisfies Record<string, { readonly kind: 'counter' | 'gauge' | 'histogram'; readonly labels: readonly string[] }>;

/** Engine monitors, read by the host (Performance.get_monitor) every MONITOR_INTERVAL_MS. */
export interface EngineMonitors {
  readonly fps: number;
  readonly memory_static_bytes: number;
  readonly draw_calls: number;
  readonly objects: number;
}
export const MONITOR_INTERVAL_MS = 5000;

/** The session's own series, resolved in one registry; none when that part is off or refused. */
interface SessionSeries {
  readonly started?: Series;
  readonly active?: Series;
  readonly ended?: Series;
  readonly duration?: Series;
  readonly frameTime?: Series;
  readonly hitches?: Series;
}

export class AutoMetrics {
  private series: SessionSeries = {};
  private registry: MetricRegistry | undefined;
  private foregroundMs = 0;
  /** The first frame after the app comes back carries the time it spent in the background: not counted. */
  private skipNextFrame = false;
  private lastMonitorsMs = Number.NEGATIVE_INFINITY;
  /** Something changed since the last snapshot (a flush then pushes it). */
  changed = false;

  /** Sessions (their length) or frame health: otherwise a frame costs one comparison. */
  private readonly countsFrames: boolean;

  constructor(private readonly capture: AutoCapture) {
    this.countsFrames = capture.sessions || capture.frameHealth;
  }

  /**
   * A new session's registry (init, or a new session after consent was withdrawn): the session starts.
   * Frame times carry the OS and GPU (as the device context allows), so that Grafana can split them:
   * one value per session, so no extra series.
   */
  start(registry: MetricRegistry, device: Readonly<DeviceInfo>): void {
    this.registry = registry;
    this.foregroundMs = 0;
    const { sessions, frameHealth } = this.capture;
    const machine = { os: device.os_name ?? 'unknown', gpu: device.gpu_name ?? 'unknown' };
    this.series = {
      ...(sessions ? { started: registry.series('counter', 'game_session_started'), active: registry.series('gauge', 'game_session_active'), duration: registry.series('gauge', 'game_session_duration_seconds') } : {}),
      ...(frameHealth ? { frameTime: registry.series('histogram', FRAME_TIME_METRIC, machine), hitches: registry.series('counter', 'game_frame_hitches') } : {}),
    };
    if (this.series.started !== undefined) this.series.started.value = 1;
    if (this.series.active !== undefined) this.series.active.value = 1;
  }

  /** One frame's `_process` delta; JS only, no native call. */
  frame(deltaMs: number): void {
    if (!this.countsFrames) return;
    if (this.skipNextFrame) {
      this.skipNextFrame = false;
      return;
    }
    if (!(deltaMs >= 0 && deltaMs < 3_600_000)) return;
    this.foregroundMs += deltaMs;
    this.changed = true;
    const { frameTime, hitches } = this.series;
    if (frameTime === undefined) return;
    (frameTime.bucketCounts as Float64Array)[bucketIndex(frameTime.bounds, deltaMs)]! += 1;
    frameTime.sum += deltaMs;
    frameTime.count++;
    if (deltaMs > this.capture.hitchMs && hitches !== undefined) hitches.value++;
  }

  /** The app goes to the background (mobile) and comes back: that time is not session time. */
  resumed(): void {
    this.skipNextFrame = true;
  }

  /** Whether the engine monitors are due at `nowMs` (then read them and pass them to `monitors`). */
  monitorsDue(nowMs: number): boolean {
    if (!this.capture.frameHealth || nowMs - this.lastMonitorsMs < MONITOR_INTERVAL_MS) return false;
    this.lastMonitorsMs = nowMs;
    return true;
  }

  monitors(values: EngineMonitors): void {
    const registry = this.registry;
    if (registry === undefined) return;
    for (const [name, value] of Object.entries(values)) {
      const series = registry.series('gauge', `game_${name}`);
      if (series !== undefined && Number.isFinite(value)) series.value = value;
    }
  }

  /** Before each push: the session's length so far and the books as they stand. */
  /** `books` is read only with telemetry health on: a push without it builds no stats. */
  refresh(books: () => Readonly<Record<Signal, SignalStats>>): void {
    this.changed = false;
    if (this.series.duration !== undefined) this.series.duration.value = Math.round(this.foregroundMs) / 1000;
    if (this.capture.telemetryHealth && this.registry !== undefined) writeBooks(this.registry, books());
  }

  /** A clean end (quit, shutdown): the session is no longer active and ended. */
  end(books: () => Readonly<Record<Signal, SignalStats>>): void {
    if (this.series.active !== undefined) this.series.active.value = 0;
    const ended = this.capture.sessions ? this.registry?.series('counter', 'game_session_ended') : undefined;
    if (ended !== undefined) ended.value = 1;
    this.refresh(books);
  }
}

/** Cumulative counts as counter values; a reason gets its series once it has dropped something. */
function writeBooks(registry: MetricRegistry, books: Readonly<Record<Signal, SignalStats>>): void {
  for (const signal of SIGNALS) {
    const stats = books[signal];
    const labels = { signal };
    setCounter(registry, 'gametracker_items_produced', labels, stats.produced);
    setCounter(registry, 'gametracker_items_sent', labels, stats.sent);
    for (const reason of DROP_REASONS) {
      if (stats.dropped[reason] > 0) setCounter(registry, 'gametracker_items_dropped', { signal, reason }, stats.dropped[reason]);
    }
  }
}

function setCounter(registry: MetricRegistry, name: string, labels: Readonly<Record<string, string>>, value: number): void {
  const series = registry.series('counter', name, labels);
  if (series !== undefined) series.value = value;
}
