import { DirAccess, FileAccess, Node, OS } from 'godot';
import { JSWorker } from 'godot.worker';
import GameTrackerSpan from '../../../addons/game_tracker/game_tracker_span';
import { CallQueue, HAND_OVER_MS } from '../../../addons/game_tracker/godot/call_queue';
import { godotClock } from '../../../addons/game_tracker/godot/godot_clock';
import { SpanPool } from '../../../addons/game_tracker/godot/span_pool';
import { toPlain } from '../../../addons/game_tracker/godot/to_plain';
import { ForwardingTaker } from './forwarding_taker';
import type { MainToWorker, WorkerReport, WorkerToMain } from './protocol';

/**
 * Issue #18's second design, measured beside the autoload by call_cost.gd: the game thread records
 * each call exactly as the autoload does (the same call queue, span objects and span pool) and, at the
 * end of the frame, posts the recorded calls to a JSWorker as they are, Godot's copies of the game's
 * Dictionaries included (forwarding_taker.ts); the worker reads them and runs the addon's core,
 * encoders and sends on its own thread (core.worker.ts). What the game thread no longer pays: reading
 * the Dictionaries, the core's own work per call, batch encoding and request set-up.
 *
 * A benchmark, not the addon: a span's ids are not readable on the game thread, and stats, flush and
 * the quit's last send do not cross the threads.
 */
/** Past the core's own quit deadline (quit_timeout_ms, 2 s by default): the wait never outlasts the send. */
const QUIT_WAIT_MS = 3000;
const QUIT_POLL_USEC = 500;

export default class WorkerDesign extends Node {
  private readonly spans = new SpanPool<GameTrackerSpan>();
  /** Each hand-over of the call queue (at the end of the frame, at `_process`, or a drain) posts what it took. */
  private readonly calls = new CallQueue(
    new ForwardingTaker(
      (wrapper) => GameTrackerSpan.offer(wrapper, this.spans),
      (calls) => this.post({ kind: 'calls', calls }),
    ),
  );
  private worker: JSWorker | undefined;
  private lastReport: WorkerReport | undefined;

  /** Starts the worker and the core in it, with the autoload's `init` options. */
  start(options?: unknown): void {
    const worker = new JSWorker('scripts/bench/worker_design/core.worker');
    worker.onmessage = (message: WorkerToMain) => {
      this.lastReport = message.report;
    };
    this.worker = worker;
    this.post({ kind: 'clock', mainMonotonicMs: godotClock.monotonicMs() });
    this.post({ kind: 'init', options: toPlain(options) });
  }

  override _process(): void {
    this.calls.handOverFor(HAND_OVER_MS);
  }

  /**
   * The game quits: the last calls and "exit" go to the worker, whose core makes the last send, and
   * this thread waits for the file it writes then (a message cannot reach a thread blocked here). The
   * worker's books are printed as `worker quit: {...}`.
   */
  override _exit_tree(): void {
    const worker = this.worker;
    if (worker === undefined) return;
    this.calls.drain();
    this.worker = undefined;
    const donePath = `user://game_tracker_worker_quit_${Date.now()}`;
    worker.postMessage({ kind: 'exit', donePath } satisfies MainToWorker);
    const startMs = godotClock.monotonicMs();
    while (!FileAccess.file_exists(donePath) && godotClock.monotonicMs() - startMs < QUIT_WAIT_MS) OS.delay_usec(QUIT_POLL_USEC);
    const waitedMs = (godotClock.monotonicMs() - startMs).toFixed(1);
    if (FileAccess.file_exists(donePath)) {
      console.log(`worker quit: ${FileAccess.get_file_as_string(donePath)} after ${waitedMs} ms`);
      DirAccess.remove_absolute(donePath);
    } else {
      console.log(`worker quit: no answer in ${waitedMs} ms`);
    }
    worker.terminate();
  }

  log_info(msg?: unknown, data?: unknown): void {
    this.calls.record('log_info', undefined, msg, data);
  }

  increment(name?: unknown, labels?: unknown, by?: unknown): void {
    this.calls.record('increment', undefined, name, labels, by);
  }

  gauge(name?: unknown, value?: unknown, labels?: unknown): void {
    this.calls.record('gauge', undefined, name, value, labels);
  }

  histogram(name?: unknown, value?: unknown, labels?: unknown): void {
    this.calls.record('histogram', undefined, name, value, labels);
  }

  start_span(name?: unknown, attrs?: unknown, parent?: unknown): GameTrackerSpan {
    const span = GameTrackerSpan.recorded(this.calls, this.spans);
    this.calls.record('start_span', span, name, attrs, parent);
    return span;
  }

  /** Everything recorded handed over and posted now: the game thread's whole share ("all in"). */
  hand_over_all(): void {
    this.calls.drain();
  }

  /** Asks the worker for its figures; the answer arrives a frame or more later (last_report). */
  request_report(): void {
    this.post({ kind: 'report' });
  }

  /** The worker's last report as one line, or "" before the first. */
  last_report(): string {
    const r = this.lastReport;
    if (r === undefined) return '';
    const books = Object.entries(r.books).map(([signal, [produced, sent, pending, dropped]]) => `${signal} ${produced} produced, ${sent} sent, ${pending} pending, ${dropped} dropped`);
    return `worker: ${r.calls} calls in ${r.batches} batches; µs a batch median ${r.batchUs[0]}, max ${r.batchUs[1]}; µs a tick median ${r.tickUs[0]}, max ${r.tickUs[1]}; timers ${r.timers}; ${books.join('; ')}`;
  }

  private post(message: MainToWorker): void {
    this.worker?.postMessage(message);
  }
}
