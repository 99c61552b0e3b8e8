import type { Clock } from '../core/ports';
import { godotClock } from './godot_clock';

/**
 * The engine's clock, with a pin: the autoload records a game's call at once and hands it to the core
 * at the end of the frame (see call_queue.ts); while it does, the core must see the time at which the game
 * made the call, so that timestamps, span durations and the log throttle are the same as if the core
 * had been called directly.
 */
export class ReplayClock implements Clock {
  private pinned = false;
  private pinnedMs = 0;

  unixMs(): number {
    return godotClock.unixMs();
  }

  monotonicMs(): number {
    return this.pinned ? this.pinnedMs : godotClock.monotonicMs();
  }

  /** Until `unpin`, monotonicMs() answers `ms` (a reading taken earlier from this clock). */
  pin(ms: number): void {
    this.pinned = true;
    this.pinnedMs = ms;
  }

  unpin(): void {
    this.pinned = false;
  }
}
