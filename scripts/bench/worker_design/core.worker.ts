import { DirAccess, FileAccess } from 'godot';
import { JSWorkerParent } from 'godot.worker';
import type { Tracker } from '../../../addons/game_tracker/core/api';
import type { HttpPort } from '../../../addons/game_tracker/core/ports';
import { createTracker } from '../../../addons/game_tracker/core/tracker';
import { createGodotBlockingHttp } from '../../../addons/game_tracker/godot/blocking_http';
import { godotClock } from '../../../addons/game_tracker/godot/godot_clock';
import { ReplayClock } from '../../../addons/game_tracker/godot/replay_clock';
import { createGodotRandom } from '../../../addons/game_tracker/godot/godot_random';
import { STRIDE } from '../../../addons/game_tracker/godot/call_queue';
import type { SpanHolder } from '../../../addons/game_tracker/godot/span_handles';
import { applyBatch } from './batch_apply';
import type { MainToWorker, WorkerToMain } from './protocol';

/**
 * The worker side of the worker-design benchmark (worker_design.ts): the addon's own core, unchanged,
 * on a JS environment of its own thread. Sends block this thread only (HTTPClient polled in a loop,
 * as the quit's final send does), so the core's asynchronous port is that blocking send with its
 * answer delivered from a microtask. The core ticks every TICK_MS on a timer.
 */
const TICK_MS = 16;
const parent = JSWorkerParent;

const clock = new ReplayClock();
/**
 * This thread's monotonic clock minus the main thread's: each runtime's clock has its own origin
 * (godot_clock.ts), and calls arrive with the main thread's readings.
 */
let mainToWorkerMs = 0;
const blocking = createGodotBlockingHttp(clock);
const http: HttpPort = {
  send(request, done) {
    const response = blocking.sendNow(request, clock.monotonicMs() + request.timeoutMs);
    void Promise.resolve().then(() => done(response));
  },
};
const tracker: Tracker = createTracker({ clock, random: createGodotRandom(), http, blockingHttp: blocking, warn: () => undefined });
const spans = new Map<number, SpanHolder>();
const batchUs: number[] = [];
const tickUs: number[] = [];
let calls = 0;

function takeIn(batch: unknown[]): void {
  const startMs = godotClock.monotonicMs();
  applyBatch(tracker, spans, batch, (ms) => (ms === undefined ? clock.unpin() : clock.pin(ms + mainToWorkerMs)));
  calls += batch.length / STRIDE;
  batchUs.push((godotClock.monotonicMs() - startMs) * 1000);
}

function tick(): void {
  const startMs = godotClock.monotonicMs();
  tracker.tick();
  tickUs.push((godotClock.monotonicMs() - startMs) * 1000);
}

function medianAndMax(values: number[]): readonly [number, number] {
  const sorted = values.slice().sort((a, b) => a - b);
  return [Math.round(sorted[sorted.length >> 1] ?? 0), Math.round(sorted[sorted.length - 1] ?? 0)];
}

function report(): WorkerToMain {
  const books: Record<string, readonly [number, number, number, number]> = {};
  const stats = tracker.stats();
  for (const signal of ['logs', 'metrics', 'traces'] as const) {
    const s = stats[signal];
    books[signal] = [s.produced, s.sent, s.pending, Object.values(s.dropped).reduce((a, b) => a + b, 0)];
  }
  const out = { batches: batchUs.length, calls, batchUs: medianAndMax(batchUs), tickUs: medianAndMax(tickUs), books, timers: typeof setInterval === 'function' };
  batchUs.length = 0;
  tickUs.length = 0;
  return { kind: 'report', report: out };
}

/**
 * The core's quit (its last send, blocking this thread within `quit_timeout_ms`), then the books in a
 * file: written beside it and renamed, so that the main thread never reads it half written.
 */
function quit(donePath: string): void {
  tracker.exit();
  const partPath = `${donePath}.part`;
  const file = FileAccess.open(partPath, FileAccess.ModeFlags.WRITE);
  if (file === null) return;
  file.store_string(JSON.stringify(report().report.books));
  file.close();
  DirAccess.rename_absolute(partPath, donePath);
}

if (parent !== undefined) {
  parent.onmessage = (message: MainToWorker) => {
    if (message.kind === 'clock') mainToWorkerMs = godotClock.monotonicMs() - message.mainMonotonicMs;
    else if (message.kind === 'init') tracker.init(message.options);
    else if (message.kind === 'calls') takeIn(message.calls);
    else if (message.kind === 'exit') quit(message.donePath);
    else parent.postMessage(report());
  };
  setInterval(tick, TICK_MS);
}
