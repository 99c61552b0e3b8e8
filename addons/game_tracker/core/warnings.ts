/**
 * The tracker's own warnings: one line per kind of problem, then silence for that kind until a
 * summary says how many more there were. A game calling a bad API every frame must not flood the log.
 */
import type { WarningSink } from './ports';

/** Every warning line starts with this; hosts pass the lines on as they are. */
export const WARNING_PREFIX = '[GameTracker] ';
/** How often a repeated kind of warning may speak again, with the count of the ones held back. */
const REPEAT_SUMMARY_INTERVAL_MS = 60_000;
/**
 * Kinds can carry a name from the game (a metric, a label); past this many the rest share one kind,
 * so that hostile input can neither flood the console nor grow this table without end.
 */
const MAX_KINDS = 100;
const OVERFLOW_KIND = 'too_many_kinds';
const MAX_MESSAGE_LENGTH = 500;
const MAX_KIND_LENGTH = 200;

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
    if (kind.length > MAX_KIND_LENGTH) kind = kind.slice(0, MAX_KIND_LENGTH);
    if (!this.kinds.has(kind) && this.kinds.size >= MAX_KINDS) {
      kind = OVERFLOW_KIND;
      message = `more than ${MAX_KINDS} kinds of problems; further kinds share this warning. Latest: ${message}`;
    }
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
      this.sink(WARNING_PREFIX + (message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message));
    } catch {
      // The sink is the host's; if it fails there is nowhere left to report to.
    }
  }
}
