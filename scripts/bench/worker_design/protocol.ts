/**
 * The messages between the main thread and the core's worker in the worker-design benchmark (see
 * worker_design.ts). Plain data only: GodotJS structured-clones every message.
 */

/** The calls the main thread forwards; the index is the op code in a batch. */
export const FORWARDED_OPS = ['log_info', 'increment', 'gauge', 'histogram', 'start_span', 'span.end', 'init'] as const;
export type ForwardedOp = (typeof FORWARDED_OPS)[number];

/** Entries per call in a batch: op, span id (0: none), three arguments, the call's monotonic ms (-1: none). */
export const BATCH_STRIDE = 6;

export type MainToWorker =
  /** The main thread's monotonic clock now, so that both threads' readings share one origin. */
  | { readonly kind: 'clock'; readonly mainMonotonicMs: number }
  /** A batch as JSON: its undefined entries arrive as null. */
  | { readonly kind: 'calls'; readonly json: string }
  | { readonly kind: 'report' };

/** What the worker measured of itself, and the core's books. */
export interface WorkerReport {
  readonly batches: number;
  readonly calls: number;
  /** Median and max µs the worker spent taking in one batch, and in one tick of the core. */
  readonly batchUs: readonly [number, number];
  readonly tickUs: readonly [number, number];
  /** Per signal: produced, sent, pending, dropped (all reasons). */
  readonly books: Readonly<Record<string, readonly [number, number, number, number]>>;
  readonly timers: boolean;
}

export type WorkerToMain = { readonly kind: 'report'; readonly report: WorkerReport };
