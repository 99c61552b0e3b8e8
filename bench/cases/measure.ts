/**
 * Engine-neutral measuring loop, shared by the V8 (Node) run and the QuickJS runs, so both engines
 * time exactly the same code. It uses only a `now()` in milliseconds handed in by the host
 * (Node's performance.now, QuickJS-NG's built-in performance.now): no Node API here.
 *
 * A single call of 20-500 ns is below what a clock read can resolve cleanly, so each sample times a
 * batch of calls and reports the mean per call of that batch. Medians and p99 are taken over those
 * samples: the p99 therefore shows batches that were hit by a GC pause or a slow path, not the single
 * slowest call.
 */

export type Now = () => number;

/** Runs `n` calls of the operation under test. Each case writes its own loop so that the call inside is monomorphic. */
export type Batch = (n: number) => void;

export interface CallCase {
  readonly name: string;
  /** Calls per timed sample; cases that queue items keep it below their queue capacity. */
  readonly batch: number;
  readonly run: Batch;
  /** Untimed work between samples (drain queues, advance the fake clock). */
  readonly between?: () => void;
}

export interface Budget {
  readonly warmupMs: number;
  readonly runMs: number;
  readonly maxSamples: number;
}

export interface Distribution {
  /** The fastest sample: the one least disturbed by other work on the machine. */
  readonly min: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly samples: number;
}

/** Per-call figures in nanoseconds. */
export interface CallResult extends Distribution {
  readonly name: string;
  readonly batch: number;
}

export function distribution(values: ArrayLike<number>, count = values.length): Distribution {
  const sorted = Array.prototype.slice.call(values, 0, count) as number[];
  sorted.sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  const at = (q: number): number => sorted[Math.min(count - 1, Math.floor(q * count))] ?? NaN;
  return { min: sorted[0] ?? NaN, median: at(0.5), p99: at(0.99), max: sorted[count - 1] ?? NaN, mean: sum / count, samples: count };
}

export interface SlowFrame {
  /** `now()` at the frame's start, ms (on V8, performance.now: the time base of Node's GC entries). */
  readonly startMs: number;
  readonly ms: number;
  /** Seconds into the measured run. */
  readonly atSeconds: number;
  /** Requests the frame started (a batch encoded and handed to the port). */
  readonly requests: number;
  /**
   * CPU time the process used during the frame, ms, where the host can tell (V8: process.cpuUsage, all
   * threads). Far below the frame's time: the process was not running (the OS ran something else).
   */
  readonly cpuMs?: number;
}

/** Per-frame times of a simulated run, with what is needed to explain its slowest frames. */
export class FrameLog {
  readonly times: Float64Array;
  private readonly starts: Float64Array;
  private readonly requests: Uint16Array;
  private readonly cpu: Float64Array;

  constructor(
    frames: number,
    private readonly cpuNow?: Now,
  ) {
    this.times = new Float64Array(frames);
    this.starts = new Float64Array(frames);
    this.requests = new Uint16Array(frames);
    this.cpu = new Float64Array(frames).fill(NaN);
  }

  /** Process CPU time now (ms), read outside the timed part of a frame; NaN where the host has none. */
  cpuMark(): number {
    return this.cpuNow === undefined ? NaN : this.cpuNow();
  }

  record(frame: number, startMs: number, ms: number, requests: number, cpuMs = NaN): void {
    this.times[frame] = ms;
    this.starts[frame] = startMs;
    this.requests[frame] = requests;
    this.cpu[frame] = cpuMs;
  }

  /** The `keep` slowest frames, slowest first. */
  slowest(fps: number, keep = 8): SlowFrame[] {
    const times = this.times;
    const order = Array.from(times.keys()).sort((a, b) => (times[b] as number) - (times[a] as number));
    return order.slice(0, keep).map((i) => {
      const cpuMs = this.cpu[i] as number;
      return { startMs: this.starts[i] as number, ms: times[i] as number, atSeconds: i / fps, requests: this.requests[i] as number, ...(Number.isNaN(cpuMs) ? {} : { cpuMs }) };
    });
  }
}

export function measureCalls(now: Now, c: CallCase, budget: Budget): CallResult {
  const perCall = new Float64Array(budget.maxSamples);
  const warmEnd = now() + budget.warmupMs;
  while (now() < warmEnd) {
    c.run(c.batch);
    c.between?.();
  }
  let count = 0;
  const end = now() + budget.runMs;
  while (count < budget.maxSamples && (count < 30 || now() < end)) {
    const t0 = now();
    c.run(c.batch);
    const t1 = now();
    perCall[count++] = ((t1 - t0) * 1e6) / c.batch;
    c.between?.();
  }
  return { name: c.name, batch: c.batch, ...distribution(perCall, count) };
}

/** Times a whole operation (a flush, a frame) per sample, in microseconds. */
export function measureOnce(now: Now, op: () => void, budget: Budget, between?: () => void): Distribution {
  const times = new Float64Array(budget.maxSamples);
  const warmEnd = now() + budget.warmupMs;
  while (now() < warmEnd) {
    op();
    between?.();
  }
  let count = 0;
  const end = now() + budget.runMs;
  while (count < budget.maxSamples && (count < 20 || now() < end)) {
    const t0 = now();
    op();
    times[count++] = (now() - t0) * 1000;
    between?.();
  }
  return distribution(times, count);
}

/**
 * A plain-JS reference workload (integer arithmetic, property access, a small allocation, a Map
 * lookup, string building) timed per iteration. The ratio of this figure between engines says how
 * much slower an engine is on ordinary code, which calibrates the QuickJS (WASM) numbers against the
 * native QuickJS-NG inside GodotJS.
 */
export function referenceLoop(): CallCase {
  const map = new Map<string, number>([['a', 1], ['b', 2], ['c', 3]]);
  const keys = ['a', 'b', 'c'];
  let sink = 0;
  return {
    name: 'reference loop (plain JS)',
    batch: 1000,
    run(n) {
      for (let i = 0; i < n; i++) {
        const point = { x: i, y: i * 2 };
        const key = keys[i % 3] as string;
        sink = (sink + point.x * point.y + (map.get(key) ?? 0) + (key + i).length) | 0;
      }
    },
    between() {
      if (sink === 42) keys.reverse();
    },
  };
}
