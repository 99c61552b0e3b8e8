/**
 * The V8 run: the engine-neutral cases in this Node process, then the peers beside them. Heap figures
 * need `gc()`, which `npm run bench` exposes with --expose-gc.
 */
import { performance } from 'node:perf_hooks';
import { engineCallCases, memory, runFlushes, runFrames } from '../cases/engine_entry';
import { measureCalls } from '../cases/measure';
import { otelCases, pinoCases, promClientCases } from '../peers/peers';
import { measureOtlpTransformer } from '../peers/otlp_transformer';
import type { FrameResult } from '../cases/frame_cases';
import { collect, processCpuMs, withGcEvidence } from './gc_overlaps';
import type { GcOverlap } from './gc_overlaps';
import { measureGarbage } from './garbage';
import { measureMemory } from './memory';
import type { EngineReport, RunPlan } from './types';

const now = (): number => performance.now();

export async function runV8(plan: RunPlan, log: (line: string) => void): Promise<EngineReport> {
  const started = now();
  const cases = [...engineCallCases(), ...pinoCases(), ...promClientCases(), ...otelCases()];
  const calls = cases.map((c) => {
    const result = measureCalls(now, c, plan.callBudget);
    log(`  V8 ${c.name}: ${result.median.toFixed(1)} ns`);
    return result;
  });
  const flushes = [...runFlushes(now, plan.flushBudget), ...measureOtlpTransformer(now, plan.flushBudget)];
  log(`  V8 flushes: ${flushes.map((f) => `${f.median.toFixed(0)} µs`).join(', ')}`);
  // Start the frame simulation from a collected heap, so that a major GC owed to the earlier cases
  // (peers included) does not land in it.
  const frames: FrameResult[] = [];
  const gc: GcOverlap[] = [];
  for (const rate of plan.frameRates) {
    collect();
    const evidence = await withGcEvidence(rate, () => {
      const [frame] = runFrames(now, [rate], plan.frameSeconds, processCpuMs);
      if (frame === undefined) throw new Error('no frame result');
      return frame;
    });
    frames.push(evidence.result);
    gc.push(evidence.gc);
  }
  collect();
  const garbage = await measureGarbage(now, Math.max(...plan.frameRates), plan.garbageSeconds);
  log(`  V8 garbage at ${garbage.eventsPerSecond}/s: ${garbage.bytesPerEvent.toFixed(0)} bytes per event`);
  const memoryResult = plan.memorySeconds > 0
    ? measureMemory({
      reset: () => memory.reset(),
      queue: (kind, n) => memory.queue(kind, n),
      drain: () => memory.drain(),
      startLongRun: () => memory.startLongRun(),
      runFrames: (f, eps) => memory.runFrames(f, eps),
      heap() {
        collect();
        return process.memoryUsage().heapUsed;
      },
    }, plan.memorySeconds)
    : undefined;
  return { label: 'V8', engine: `V8 ${process.versions.v8} (Node ${process.versions.node})`, calls, flushes, frames, gc, garbage, memory: memoryResult, seconds: (now() - started) / 1000 };
}
