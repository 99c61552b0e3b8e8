/**
 * A log line written every frame must not fill the queue and push out everything else. Per level, an
 * identical message may go out `limit` times per window; further repeats are only counted, and when
 * the window closes one summary line says how many were held back. Different messages never affect
 * each other.
 */
import type { LogLevel } from '../types';

/** How many distinct messages are watched at once; beyond that, new messages pass unwatched. */
const MAX_WATCHED_MESSAGES = 128;

interface Watch {
  readonly startMs: number;
  passed: number;
  held: number;
}

/** Called for each message that had repeats held back, once its window has closed. */
export type RepeatSummarySink = (level: LogLevel, msg: string, held: number, windowMs: number) => void;

export class LogThrottle {
  private readonly watched: Record<LogLevel, Map<string, Watch>> = {
    debug: new Map(),
    info: new Map(),
    warn: new Map(),
    error: new Map(),
  };
  private watchedCount = 0;
  /** The earliest moment a window closes; sweeping before it finds nothing. */
  private nextCloseMs = Infinity;

  /** `limit` 0 turns the throttle off. */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly summarise: RepeatSummarySink,
  ) {}

  /** Whether this line may go out now; a line held back is counted for the summary. */
  admit(level: LogLevel, msg: string, nowMs: number): boolean {
    if (this.limit === 0) return true;
    if (nowMs >= this.nextCloseMs) this.sweep(nowMs);
    const lines = this.watched[level];
    const watch = lines.get(msg);
    if (watch === undefined) {
      if (this.watchedCount < MAX_WATCHED_MESSAGES) {
        lines.set(msg, { startMs: nowMs, passed: 1, held: 0 });
        this.watchedCount++;
        this.nextCloseMs = Math.min(this.nextCloseMs, nowMs + this.windowMs);
      }
      return true;
    }
    if (watch.passed < this.limit) {
      watch.passed++;
      return true;
    }
    watch.held++;
    return false;
  }

  /** Closes the windows that are over (all of them with `everything`, e.g. at shutdown) and summarises. */
  sweep(nowMs: number, everything = false): void {
    if (!everything && nowMs < this.nextCloseMs) return;
    this.nextCloseMs = Infinity;
    for (const level of Object.keys(this.watched) as LogLevel[]) {
      const lines = this.watched[level];
      for (const [msg, watch] of lines) {
        const closesMs = watch.startMs + this.windowMs;
        if (everything || nowMs >= closesMs) {
          lines.delete(msg);
          this.watchedCount--;
          if (watch.held > 0) this.summarise(level, msg, watch.held, Math.min(this.windowMs, nowMs - watch.startMs));
        } else {
          this.nextCloseMs = Math.min(this.nextCloseMs, closesMs);
        }
      }
    }
  }
}
