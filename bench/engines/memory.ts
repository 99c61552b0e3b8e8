/**
 * Memory figures, the same procedure on every engine: heap bytes retained per queued item (queue N,
 * read the heap, drain, read again), and the heap over a long run at 10,000 events/s, read every
 * simulated 10 s. The driver runs steps inside the engine and reads its heap after collecting garbage.
 */
import type { QueuedKind } from '../cases/memory_cases';

export interface MemoryDriver {
  reset(): void;
  queue(kind: QueuedKind, n: number): void;
  drain(): void;
  startLongRun(): void;
  runFrames(frames: number, eventsPerSecond: number): void;
  /** Heap bytes in use, after a collection where the engine has one. */
  heap(): number;
}

export interface MemoryResult {
  /** Bytes retained per queued item, by kind. */
  readonly perItem: Readonly<Record<QueuedKind, number>>;
  /** Heap (bytes) after each simulated 10 s of the long run, the first after a 10 s warm-up. */
  readonly longRun: readonly number[];
  readonly longRunSeconds: number;
  /** Least-squares slope of the long run, bytes per simulated minute (0 = no growth). */
  readonly growthPerMinute: number;
}

const ITEMS = 5000;
const KINDS: readonly QueuedKind[] = ['log', 'log_with_fields', 'span', 'series'];

function slope(ys: readonly number[], xStep: number): number {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = ((n - 1) * xStep) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, i) => {
    num += (i * xStep - meanX) * (y - meanY);
    den += (i * xStep - meanX) ** 2;
  });
  return num / den;
}

export function measureMemory(d: MemoryDriver, longRunSeconds: number): MemoryResult {
  const perItem = {} as Record<QueuedKind, number>;
  for (const kind of KINDS) {
    d.reset();
    const before = d.heap();
    d.queue(kind, ITEMS);
    const after = d.heap();
    d.drain();
    perItem[kind] = Math.round((after - before) / ITEMS);
  }
  d.startLongRun();
  d.runFrames(600, 10_000);
  const longRun: number[] = [d.heap()];
  for (let s = 10; s <= longRunSeconds; s += 10) {
    d.runFrames(600, 10_000);
    longRun.push(d.heap());
  }
  return { perItem, longRun, longRunSeconds, growthPerMinute: Math.round(slope(longRun, 10) * 60) };
}
