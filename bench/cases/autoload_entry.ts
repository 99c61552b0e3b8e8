/**
 * What the autoload benchmark runs on each engine: this file is bundled with the addon and the Godot
 * double ("godot" aliased to bench/godot/bench_godot.ts) and evaluated in V8 and in QuickJS-NG, so
 * both engines time the same code. Results are plain JSON.
 */
import { AUTOLOAD_CALLS, ENGINE_FLOORS, autoloadCallCases, autoloadScene, countCrossings } from './autoload_cases';
import type { AutoloadCallSpec, Crossings } from './autoload_cases';
import { simulateAutoloadFrames } from './autoload_frames';
import type { AutoloadFrameResult } from './autoload_frames';
import { measureCalls } from './measure';
import type { Budget, CallResult, Now } from './measure';

export function autoloadCaseNames(): string[] {
  return AUTOLOAD_CALLS.map((spec) => spec.name);
}

export type AutoloadSpecInfo = Omit<AutoloadCallSpec, 'make' | 'direct' | 'nativeOnly'> & { readonly floorUs?: number; readonly floorCrossings?: number };

/** What the report needs to know about each case (targets, floors, replicas), as plain data. */
export function autoloadSpecs(): AutoloadSpecInfo[] {
  return AUTOLOAD_CALLS.map(({ make: _make, direct: _direct, nativeOnly: _nativeOnly, ...info }) => ({
    ...info,
    floorUs: info.floor === undefined ? undefined : ENGINE_FLOORS[info.floor].us,
    floorCrossings: info.floor === undefined ? undefined : ENGINE_FLOORS[info.floor].crossings,
  }));
}

export function runAutoloadCalls(now: Now, budget: Budget, only?: readonly string[]): CallResult[] {
  return AUTOLOAD_CALLS.filter((spec) => only === undefined || only.includes(spec.name)).flatMap((spec) =>
    autoloadCallCases(spec).map((c) => measureCalls(now, c, budget)),
  );
}

export function autoloadCrossings(): Crossings[] {
  return AUTOLOAD_CALLS.map((spec) => countCrossings(spec));
}

export function runAutoloadFrames(now: Now, rates: readonly number[], seconds: number, cpuNow?: Now): AutoloadFrameResult[] {
  return rates.map((rate) => simulateAutoloadFrames(now, rate, seconds, cpuNow));
}

/** `n` calls of one case on a fresh autoload, untimed: the V8 host reads the heap around it. */
export function autoloadProbe(name: string): (n: number) => void {
  const spec = AUTOLOAD_CALLS.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`no autoload case ${name}`);
  const scene = autoloadScene({ queue_limit: 20_000, batch_size: 10_000, flush_interval_ms: 600_000 });
  const call = spec.make(scene);
  return (n) => {
    for (let i = 0; i < n; i++) call();
    // The calls handed over, as at the end of a frame: what stays is what the core keeps queued.
    scene.gd('stats');
  };
}
