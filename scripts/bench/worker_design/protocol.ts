/**
 * The messages between the main thread and the core's worker in the worker-design benchmark (see
 * worker_design.ts). GodotJS structured-clones every message, value by value.
 */

/**
 * A recorded call as posted: the call queue's entry (call_queue.ts: op code, span, three arguments,
 * time) with its span wrappers replaced by numbers, since script objects cannot cross. A `start_span`
 * whose parent is a span carries PARENT_IS_SPAN in its op code and the parent's number as its third
 * argument; every other argument is as the game gave it (a Godot Dictionary or Array as Godot's copy).
 */
export const PARENT_IS_SPAN = 0x100;

/**
 * Calls per message. GodotJS clones a message on a fixed stack of 32,768 handles (QuickJS-NG backend):
 * a burst of 10,000 calls in one message overflowed it ("FATAL: Condition !(stack_pos_ < kMaxStackSize)")
 * and stopped the engine, so a frame's calls go in messages of at most this many.
 */
export const CALLS_PER_MESSAGE = 1000;

export type MainToWorker =
  /** The main thread's monotonic clock now, so that both threads' readings share one origin. */
  | { readonly kind: 'clock'; readonly mainMonotonicMs: number }
  /** The core's `init` options, as plain values. */
  | { readonly kind: 'init'; readonly options: unknown }
  /** Calls in the call queue's layout (STRIDE entries each), oldest first. */
  | { readonly kind: 'calls'; readonly calls: unknown[] }
  | { readonly kind: 'report' }
  /**
   * The game is quitting: the core's last send, then the books written to `donePath`. The main thread
   * waits for that file in `_exit_tree`, where no message can reach it.
   */
  | { readonly kind: 'exit'; readonly donePath: string };

/** What the worker measured of itself, and the core's books. */
export interface WorkerReport {
  readonly batches: number;
  readonly calls: number;
  /** Median and max µs the worker spent taking in one message, and in one tick of the core. */
  readonly batchUs: readonly [number, number];
  readonly tickUs: readonly [number, number];
  /** Per signal: produced, sent, pending, dropped (all reasons). */
  readonly books: Readonly<Record<string, readonly [number, number, number, number]>>;
  readonly timers: boolean;
}

export type WorkerToMain = { readonly kind: 'report'; readonly report: WorkerReport };
