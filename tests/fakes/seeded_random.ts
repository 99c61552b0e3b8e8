import type { RandomSource } from '../../addons/game_tracker/core/ports';

/** Deterministic bytes (xorshift32) so ids in tests are reproducible. */
export class SeededRandom implements RandomSource {
  constructor(private state = 0x9e3779b9) {}

  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      this.state ^= this.state << 13;
      this.state ^= this.state >>> 17;
      this.state ^= this.state << 5;
      out[i] = this.state & 0xff;
    }
    return out;
  }
}
