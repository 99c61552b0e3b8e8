/**
 * Memory cases, driven step by step by the host, which reads the heap size between steps (Node:
 * `gc()` then heapUsed; QuickJS: the runtime's memory_used_size, which is exact for a refcounting
 * engine). Engine-neutral: the steps only touch the tracker.
 */
import type { SpanHandle } from '../../addons/game_tracker/core/api';
import { benchTracker } from './bench_tracker';
import type { BenchTracker } from './bench_tracker';
import { FRAME_MS, FRAME_SIM_OPTIONS } from './frame_cases';

const LEVELS = ['forest', 'cave', 'castle', 'swamp'];

export type QueuedKind = 'log' | 'log_with_fields' | 'span' | 'series';

/**
 * QuickJS frees most garbage at once (reference counts) but cycles, such as a replaced tracker, only
 * when its collector runs, which it does when the heap has grown enough. Growing it here, before a
 * measurement, lets that happen now rather than in the middle of one. (On V8 the host calls gc().)
 */
function settle(): void {
  let ballast: object[] | undefined = [];
  for (let i = 0; i < 100_000; i++) ballast.push({ i });
  ballast = undefined;
}

export class MemorySteps {
  private bench: BenchTracker = benchTracker();
  private k = 0;
  private frameSpan: SpanHandle | undefined;

  /** A fresh tracker whose queues hold everything (nothing is sent until `drain`). */
  reset(): void {
    this.bench = benchTracker({ queue_limit: 50_000, batch_size: 10_000, flush_interval_ms: 600_000, max_series: 50_000, max_series_per_metric: 50_000 });
    this.k = 0;
    // Warm every path once so that lazily built state (context views, families) is not billed per item.
    this.queue('log', 1);
    this.queue('span', 1);
    this.bench.drain();
    settle();
  }

  /** Queues `n` items of one kind (series: `n` new label sets of one counter). */
  queue(kind: QueuedKind, n: number): void {
    const t = this.bench.tracker;
    for (let i = 0; i < n; i++, this.k++) {
      if (kind === 'log') t.log_info('enemy spawned');
      else if (kind === 'log_with_fields') t.log_info('enemy spawned', { kind: 'orc', wave: this.k, level: LEVELS[this.k & 3] });
      else if (kind === 'span') t.start_span('ai_think', { agents: this.k & 15 }).end();
      else t.increment('per_series_probe', { id: `s${this.k}` });
    }
  }

  drain(): void {
    this.bench.drain();
  }

  /** The long run: a fresh tracker in the frame-budget configuration. */
  startLongRun(): void {
    this.bench = benchTracker(FRAME_SIM_OPTIONS);
    this.k = 0;
  }

  /** `frames` frames at `eventsPerSecond`, same mix as the frame-budget case (spans, logs, metrics). */
  runFrames(frames: number, eventsPerSecond: number): void {
    const { tracker: t, clock, http } = this.bench;
    const perFrame = Math.round(eventsPerSecond / 60);
    for (let f = 0; f < frames; f++) {
      clock.advance(FRAME_MS);
      http.respond();
      this.frameSpan = t.start_span('frame');
      for (let i = 0; i < perFrame; i++, this.k++) {
        const m = this.k % 5;
        if (m < 2) t.log_info('enemy spawned', { wave: this.k });
        else if (m === 2) t.increment('enemies_killed', { level: LEVELS[this.k & 3] });
        else if (m === 3) t.histogram('damage', this.k % 120);
        else t.start_span('ai_think', undefined, this.frameSpan).end();
      }
      this.frameSpan.end();
      t.tick();
    }
  }
}
