import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeUnixNanos } from '../../addons/game_tracker/core/otlp/proto_fields';
import { Writer } from '../../addons/game_tracker/core/wire_deps';

/** The fixed64 after the one-byte key, read by Node rather than by our code. */
function nanosWritten(unixMs: number): bigint {
  const writer = Writer.create();
  writeUnixNanos(writer, 1, unixMs);
  const bytes = writer.finish();
  expect(bytes[0]).toBe((1 << 3) | 1);
  return Buffer.from(bytes.subarray(1)).readBigUInt64LE(0);
}

describe('fixed64 nanosecond timestamps', () => {
  it('are exact for whole milliseconds up to 2^42 (year 2109)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 42 }), (ms) => nanosWritten(ms) === BigInt(ms) * 1_000_000n));
  });

  it('keep fractions to the microsecond for times around today', () => {
    const micros = fc.integer({ min: 1_600_000_000_000_000, max: 2_000_000_000_000_000 });
    fc.assert(fc.property(micros, (us) => nanosWritten(us / 1000) === BigInt(us) * 1000n));
  });

  it('write times before 1970 as zero', () => {
    expect(nanosWritten(-5)).toBe(0n);
  });
});
