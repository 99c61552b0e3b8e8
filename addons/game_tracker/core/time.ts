/** Timestamps for the wire formats, built without float rounding. */
import type { Clock } from './ports';

/**
 * Unix milliseconds (fractions allowed, down to the nanosecond) as a decimal string of nanoseconds.
 * `ms * 1e6` would exceed 2^53 and lose the low digits, so whole milliseconds and the fraction are
 * written separately.
 */
export function unixMsToNanoString(unixMs: number): string {
  let wholeMs = Math.floor(unixMs);
  let fractionNs = Math.round((unixMs - wholeMs) * 1e6);
  if (fractionNs >= 1e6) {
    wholeMs += 1;
    fractionNs -= 1e6;
  }
  if (wholeMs <= 0) return String(Math.max(0, fractionNs));
  return `${wholeMs}${String(fractionNs).padStart(6, '0')}`;
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

  monotonicMs(): number {
    return this.clock.monotonicMs();
  }
}
