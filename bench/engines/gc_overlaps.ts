/**
 * Evidence for frame tails on V8: the garbage collections Node reports as `gc` performance entries
 * (same time base as performance.now), lined up with the slowest frames of a run.
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import type { SlowFrame } from '../cases/measure';

export interface GcOverlap {
  readonly eventsPerSecond: number;
  /** Per slowest frame (in the frame result's order): the collections that ran during it, kind and ms. */
  readonly frames: readonly string[];
  /** Collections during the run, by kind. */
  readonly collections: Readonly<Record<string, number>>;
}

const GC_KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major (mark-compact)',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor (scavenge)',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

function gcKind(entry: PerformanceEntry): string {
  const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
  return GC_KINDS[detail?.kind ?? 0] ?? 'gc';
}

/** Runs `frames` (synchronous), then reports which of its slowest frames overlapped a collection. */
export async function withGcEvidence<R extends { readonly slowest: readonly SlowFrame[] }>(eventsPerSecond: number, frames: () => R): Promise<{ result: R; gc: GcOverlap }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const result = frames();
  // Entries are delivered asynchronously: let the observer run before reading them.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const collections: Record<string, number> = {};
  for (const e of entries) collections[gcKind(e)] = (collections[gcKind(e)] ?? 0) + 1;
  const slow = result.slowest.map((f) =>
    entries
      .filter((e) => e.startTime < f.startMs + f.ms && e.startTime + e.duration > f.startMs)
      .map((e) => `${gcKind(e)} ${e.duration.toFixed(2)} ms`)
      .join(', '),
  );
  return { result, gc: { eventsPerSecond, collections, frames: slow } };
}

/** Process CPU time (all threads), ms: set beside a frame's wall time, it tells preemption from work. */
export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** A full collection now (twice: finalizers free more), so that a run starts from a collected heap. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
}
