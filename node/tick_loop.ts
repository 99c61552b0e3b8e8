/**
 * In the engine, `_process` calls `tick()` every frame. On Node a timer plays the frame loop, and
 * shutdown waits for the tracker's own completion callback (bounded by its timeout).
 */
import type { Tracker } from '../addons/game_tracker/core/api';

const FRAME_MS = 16;

/** Ticks the tracker every frame until stopped. */
export function startTickLoop(tracker: Tracker, frameMs = FRAME_MS): () => void {
  const timer = setInterval(() => tracker.tick(), frameMs);
  return () => clearInterval(timer);
}

/** Shuts the tracker down, ticking it meanwhile; resolves once everything was sent or timed out. */
export function shutdownAndWait(tracker: Tracker, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = startTickLoop(tracker);
    tracker.shutdown(timeoutMs, () => {
      stop();
      resolve();
    });
  });
}
