import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomWords, bytesToHex, newUuidV4 } from '../../addons/game_tracker/core/ids';
import type { RandomSource } from '../../addons/game_tracker/core/ports';
import { unixMsToNanoString } from '../../addons/game_tracker/core/time';
import { SeededRandom } from '../fakes/seeded_random';

describe('unixMsToNanoString', () => {
  it('writes exact nanoseconds for whole milliseconds', () => {
    expect(unixMsToNanoString(1_764_000_000_123)).toBe('1764000000123000000');
  });

  it('keeps sub-millisecond digits that float multiplication would round away', () => {
    expect(unixMsToNanoString(1_764_000_000_123.456)).toBe('1764000000123456000');
    expect(BigInt(unixMsToNanoString(1_764_000_000_000.5))).toBe(1_764_000_000_000_500_000n);
  });

  it('carries a fraction that rounds up to a whole millisecond', () => {
    expect(unixMsToNanoString(1000.9999999)).toBe('1001000000');
  });

  it('writes times at or before the epoch as 0 and keeps a fraction of the first millisecond', () => {
    expect(unixMsToNanoString(-5.25)).toBe('0');
    expect(unixMsToNanoString(0)).toBe('0');
    expect(unixMsToNanoString(0.5)).toBe('500000');
  });

  it('is the exact value rounded to the microsecond, as toFixed(3) writes it', () => {
    // toFixed rounds the double's exact decimal value: an oracle independent of the arithmetic above.
    // From 2001 to 2100, where a double's fraction of a millisecond times 1000 is exact.
    fc.assert(
      fc.property(fc.double({ min: 1e12, max: 4_102_444_800_000, noNaN: true }), (unixMs) => {
        expect(unixMsToNanoString(unixMs)).toBe(`${unixMs.toFixed(3).replace('.', '')}000`);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('ids', () => {
  it('makes 32 and 16 hex digit trace and span ids', () => {
    const ids = new RandomWords(new SeededRandom());
    expect(ids.traceIdHex()).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanIdHex()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never returns an all-zero id', () => {
    const zeros: RandomSource = { bytes: (n) => new Uint8Array(n) };
    const ids = new RandomWords(zeros);
    expect(ids.spanIdHex()).not.toBe('0'.repeat(16));
    expect(ids.traceIdHex()).not.toBe('0'.repeat(32));
  });

  it('makes RFC 9562 version 4 UUIDs', () => {
    const uuid = newUuidV4({ bytes: (n) => new Uint8Array(n).fill(0xff) });
    expect(uuid).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('hex-encodes every byte value', () => {
    expect(bytesToHex(Uint8Array.from([0, 15, 16, 255]))).toBe('000f10ff');
  });
});
