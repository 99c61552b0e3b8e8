/** Timestamps for the wire formats, built without float rounding. */
import type { Clock } from './ports';

/**
 * Unix milliseconds (fractions allowed) as a decimal string of nanoseconds. `ms * 1e6` would exceed
 * 2^53 and lose the low digits, so the whole milliseconds and the fraction are turned into whole
 * microseconds separately; a microsecond count stays exact in a double until the year 2255. A double
 * near today's epoch holds about a quarter of a microsecond, so the fraction is kept to the microsecond.
 * One number-to-string and one concatenation: three timestamps per span are written on every encode,
 * and padding the fraction as text was the larger part of a timestamp's cost on QuickJS-NG.
 */
export function unixMsToNanoString(unixMs: number): string {
  const wholeMs = Math.floor(unixMs);
  const micros = wholeMs * 1000 + Math.round((unixMs - wholeMs) * 1000);
  return micros > 0 ? String(micros) + '000' : '0';
}

/**
 * Event time on the device: the wall clock read once, advanced by the monotonic clock, so that a
 * wall-clock jump mid-session does not reorder events. Correction towards the receivers' clocks is
 * applied when a batch is encoded (see clock_offset.ts), so events recorded before the first answer
 * are corrected too.
 */
export class EventClock {
  private readonly anchorUnixMs: number;
  private readonly anchorMonotonicMs: number;

  constructor(private readonly clock: Clock) {
    this.anchorUnixMs = clock.unixMs();
    this.anchorMonotonicMs = clock.monotonicMs();
  }

  nowUnixMs(): number {
    return this.anchorUnixMs + (this.clock.monotonicMs() - this.anchorMonotonicMs);
  }

  /** The event time of a monotonic reading already taken: one host clock call can serve both. */
  unixMsAt(monotonicMs: number): number {
    return this.anchorUnixMs + (monotonicMs - this.anchorMonotonicMs);
  }

  monotonicMs(): number {
    return this.clock.monotonicMs();
  }
}
