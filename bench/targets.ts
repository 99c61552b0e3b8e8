/**
 * The targets of the performance issue, and which peer each GameTracker case is compared with.
 * V8 figures are judged on V8 medians; QuickJS budgets on native QuickJS-NG medians when a native run
 * exists, otherwise on the WASM run (stricter: WASM is slower than native; the report says which).
 */

export interface CallTarget {
  readonly case: string;
  /** V8 median budget, ns. */
  readonly v8Ns: number;
  /** QuickJS median budget, ns. */
  readonly quickjsNs: number;
  /** Cases of peers shown beside it (V8). */
  readonly peers: readonly string[];
  /** "at least N× cheaper than" this peer, on V8. */
  readonly cheaperThan?: { readonly peer: string; readonly factor: number };
}

export const CALL_TARGETS: readonly CallTarget[] = [
  { case: 'log_info(msg)', v8Ns: 100, quickjsNs: 500, peers: ['pino info(msg)'] },
  { case: 'log_info(msg, {2 fields})', v8Ns: 100, quickjsNs: 500, peers: ['pino info({2 fields}, msg)'] },
  { case: 'log_debug, level disabled', v8Ns: 10, quickjsNs: 500, peers: ['pino debug, level disabled'] },
  { case: 'increment(name)', v8Ns: 50, quickjsNs: 400, peers: ['prom-client inc()', 'OTel counter add(1)'] },
  { case: 'increment(name, {2 labels})', v8Ns: 50, quickjsNs: 400, peers: ['prom-client inc({2 labels})', 'OTel counter add(1, {2 attrs})'] },
  { case: 'gauge(name, v)', v8Ns: 50, quickjsNs: 400, peers: ['prom-client set(v)', 'OTel gauge record(v)'] },
  { case: 'histogram(name, v)', v8Ns: 60, quickjsNs: 600, peers: ['prom-client observe(v)', 'OTel histogram record(v)'] },
  { case: 'histogram(name, v, {1 label})', v8Ns: 60, quickjsNs: 600, peers: ['prom-client observe(v)', 'OTel histogram record(v)'] },
  {
    case: 'start_span + end (root)',
    v8Ns: 250,
    quickjsNs: 1000,
    peers: ['OTel startSpan + end (root)'],
    cheaperThan: { peer: 'OTel startSpan + end (root)', factor: 6 },
  },
  {
    case: 'start_span + end (nested)',
    v8Ns: 250,
    quickjsNs: 1000,
    peers: ['OTel startSpan + end (nested)'],
    cheaperThan: { peer: 'OTel startSpan + end (nested)', factor: 6 },
  },
];

/** A 100-item flush, encode and compression included: V8 and QuickJS budgets in µs. */
export const FLUSH_TARGET = { v8Us: 100, quickjsUs: 1000 };

/** No frame should pay more than this for telemetry, on either engine (ms). */
export const FRAME_TARGET_MS = 1;

/** Cases that are context rather than targets, listed first. */
export const CONTEXT_CASES = ['reference loop (plain JS)', 'harness: empty call', 'floor: ring-buffer write'];

/** Cost of one native call from JS into the engine on QuickJS-NG, µs (godotjs-facts §17). */
export const CROSSING_US = 0.5;
/** QuickJS-NG's own performance.now(), µs: a native function of the interpreter, not a call into Godot. */
export const PERFORMANCE_NOW_US = 0.05;
/** WASM ÷ native QuickJS-NG on the reference loop, as last measured with a native qjs (docs/benchmarks.md, calibration). */
export const WASM_OVER_NATIVE = 2.52;
