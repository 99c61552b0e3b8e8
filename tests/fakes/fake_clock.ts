import type { Clock } from '../../addons/game_tracker/core/ports';

/** A clock that moves only when told; wall time starts at a fixed instant. */
export class FakeClock implements Clock {
  private elapsedMs = 0;

  constructor(private readonly startUnixMs = Date.UTC(2026, 10, 24, 12, 0, 0)) {}

  unixMs(): number {
    return this.startUnixMs + this.elapsedMs;
  }

  monotonicMs(): number {
    return this.elapsedMs;
  }

  advance(ms: number): void {
    this.elapsedMs += ms;
  }
}
