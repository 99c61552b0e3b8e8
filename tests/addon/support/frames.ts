import { performance } from 'node:perf_hooks';
import { advanceTime } from '../../godot_double/engine_state';
import type { SceneTree } from '../../godot_double/node';

export interface FrameOptions {
  /** Real time allowed before giving up. */
  readonly timeoutMs?: number;
  /** Engine time added per frame on top of real time (Time singleton), to let batching intervals pass. */
  readonly advanceMsPerFrame?: number;
}

/**
 * Runs engine frames until `done()` holds: each frame first lets sockets and timers progress (real
 * HTTP on 127.0.0.1), then steps the tree (_process, deferred calls). Bounded by `timeoutMs`.
 */
export async function runFramesUntil(tree: SceneTree, done: () => boolean, options: FrameOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`not done after ${timeoutMs} ms of frames`);
    await new Promise((resolve) => setTimeout(resolve, 2));
    advanceTime(options.advanceMsPerFrame ?? 0);
    tree.step();
  }
}

/** Runs a fixed number of frames (for asserting that something does NOT happen). */
export async function runFrames(tree: SceneTree, count: number, options: FrameOptions = {}): Promise<void> {
  let left = count;
  await runFramesUntil(tree, () => left-- <= 0, options);
}
