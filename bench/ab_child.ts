/**
 * One run of `npm run bench:ab` on V8: the per-call cases of the tree at argv[2], with the budget in
 * argv[3] (JSON), in this fresh process; with a frame plan in argv[4] (JSON), also that tree's frame
 * run and the bytes its frame simulation allocates per event. Prints one JSON line (`AbChildResult`).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EngineEntry from './cases/engine_entry';
import type * as FrameCases from './cases/frame_cases';
import type { FrameResult } from './cases/frame_cases';
import type { Budget } from './cases/measure';
import type * as AllocationSampler from './engines/allocation_sampler';

export interface AbFramePlan {
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly garbageRate: number;
  readonly garbageSeconds: number;
}

export interface AbChildResult {
  readonly calls: readonly (readonly [string, number])[];
  readonly frames?: readonly FrameResult[];
  readonly garbageBytesPerEvent?: number;
}

/** Frame simulations warm up for 2 s by default, in every tree's `simulateFrames`. */
const WARMUP_SECONDS = 2;

async function main(root: string | undefined, budget: string | undefined, framePlan: string | undefined): Promise<void> {
  if (root === undefined || budget === undefined) throw new Error('usage: ab_child.ts <tree root> <budget JSON> [<frame plan JSON>]');
  const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
  const entry = await load<typeof EngineEntry>('bench/cases/engine_entry.ts');
  const now = (): number => performance.now();
  const calls = entry.runCalls(now, JSON.parse(budget) as Budget).map((r) => [r.name, r.median] as const);
  if (framePlan === undefined) {
    console.log(JSON.stringify({ calls } satisfies AbChildResult));
    return;
  }
  const plan = JSON.parse(framePlan) as AbFramePlan;
  const frames = entry.runFrames(now, plan.rates, plan.seconds).map((f) => ({ ...f, slowest: [] }));
  // Loaded only now, so that the per-call cases ran in a process holding nothing but the tree's code
  // (with this tree's core loaded too, the earlier tree's log calls measured 2× slower on V8).
  const { sampleAllocations } = (await import('./engines/allocation_sampler')) as typeof AllocationSampler;
  // Called with the arguments every tree's simulateFrames takes (the later ones were added over time).
  const { simulateFrames } = await load<typeof FrameCases>('bench/cases/frame_cases.ts');
  const { totalBytes } = await sampleAllocations(() => simulateFrames(now, plan.garbageRate, plan.garbageSeconds));
  const garbageBytesPerEvent = totalBytes / (plan.garbageRate * (plan.garbageSeconds + WARMUP_SECONDS));
  console.log(JSON.stringify({ calls, frames, garbageBytesPerEvent } satisfies AbChildResult));
}

void main(process.argv[2], process.argv[3], process.argv[4]);
