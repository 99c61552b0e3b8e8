/**
 * What each engine runs: the same functions for V8 (imported by bench/run.ts) and for QuickJS (this
 * file bundled with the core by esbuild and evaluated in the QuickJS-NG context). Results are plain
 * JSON so they cross the engine boundary unchanged.
 */
import { floorCases, trackerCallCases } from './call_cases';
import { measureFlushes, measureTimedPush } from './flush_cases';
import type { FlushResult } from './flush_cases';
import { simulateFrames } from './frame_cases';
import type { FrameResult } from './frame_cases';
import { measureCalls, referenceLoop } from './measure';
import type { Budget, CallCase, CallResult, Now } from './measure';
import { MemorySteps } from './memory_cases';

export function engineCallCases(): CallCase[] {
  return [referenceLoop(), ...floorCases(), ...trackerCallCases()];
}

export function runCalls(now: Now, budget: Budget, only?: readonly string[]): CallResult[] {
  return engineCallCases()
    .filter((c) => only === undefined || only.includes(c.name))
    .map((c) => measureCalls(now, c, budget));
}

export function runFlushes(now: Now, budget: Budget): FlushResult[] {
  return [...measureFlushes(now, budget), measureTimedPush(now, budget)];
}

export function runFrames(now: Now, rates: readonly number[], seconds: number, cpuNow?: Now): FrameResult[] {
  return rates.map((rate) => simulateFrames(now, rate, seconds, cpuNow));
}

export const memory = new MemorySteps();
