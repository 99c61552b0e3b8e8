/** What one engine's run produces; the report puts engines side by side. */
import type { FlushResult } from '../cases/flush_cases';
import type { FrameResult } from '../cases/frame_cases';
import type { Budget, CallResult } from '../cases/measure';
import type { GarbageResult } from './garbage';
import type { GcOverlap } from './gc_overlaps';
import type { MemoryResult } from './memory';

export interface EngineReport {
  /** Short column label, e.g. "V8", "QuickJS-NG (WASM)". */
  readonly label: string;
  /** Engine name and version. */
  readonly engine: string;
  readonly calls: readonly CallResult[];
  readonly flushes: readonly FlushResult[];
  readonly frames: readonly FrameResult[];
  /** V8 only: the collections the slowest frames overlapped. */
  readonly gc?: readonly GcOverlap[];
  /** V8 only: bytes allocated per event at the highest frame rate, garbage included. */
  readonly garbage?: GarbageResult;
  readonly memory?: MemoryResult;
  /** How long the engine's run took, in seconds. */
  readonly seconds: number;
}

export interface RunPlan {
  readonly callBudget: Budget;
  readonly flushBudget: Budget;
  readonly frameRates: readonly number[];
  readonly frameSeconds: number;
  /** Simulated seconds of the V8 allocation profile at the highest frame rate. */
  readonly garbageSeconds: number;
  /** Simulated seconds of the long memory run (0 = skip memory). */
  readonly memorySeconds: number;
}
