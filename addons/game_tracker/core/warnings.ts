/**
 * The tracker's own warnings: one line per kind of problem, then silence for that kind until a
 * summary says how many more there were. A game calling a bad API every frame must not flood the log.
 */
import type { WarningSink } from './ports';

const PREFIX = '[GameTracker] ';
/** How often a repeated kind of warning may speak again, with the count of the ones held back. */
const REPEAT_SUMMARY_INTERVAL_MS = 60_000;

interface KindState {
  suppressed: number;
  lastSpokeMs: number;
}

export class Warnings {
  private readonly kinds = new Map<string, KindState>();

  constructor(
    private readonly sink: WarningSink,
    private readonly nowMs: () => number,
  ) {}

  /** Warns about `kind` once; repeats within the interval are only counted. */
  warn(kind: string, message: string): void {
    const now = this.nowMs();
    const state = this.kinds.get(kind);
    if (state === undefined) {
      this.kinds.set(kind, { suppressed: 0, lastSpokeMs: now });
      this.emit(message);
      return;
    }
    if (now - state.lastSpokeMs < REPEAT_SUMMARY_INTERVAL_MS) {
      state.suppressed++;
      return;
    }
    const note = state.suppressed > 0 ? ` (${state.suppressed} similar warnings suppressed)` : '';
    state.suppressed = 0;
    state.lastSpokeMs = now;
    this.emit(message + note);
  }

  private emit(message: string): void {
    try {
      this.sink(PREFIX + message);
    } catch {
      // The sink is the host's; if it fails there is nowhere left to report to.
    }
  }
}
