/** Trace, span and session ids from the host's random source. */
import type { RandomSource } from './ports';

const HEX_DIGITS = '0123456789abcdef';

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  }
  return hex;
}

/** Random bytes that are not all zero: OTLP treats an all-zero trace or span id as invalid. */
function nonZeroBytes(random: RandomSource, count: number): Uint8Array {
  for (;;) {
    const bytes = random.bytes(count);
    if (bytes.length === count && bytes.some((b) => b !== 0)) return bytes;
  }
}

/** 16 random bytes as 32 lower-case hex digits. */
export function newTraceId(random: RandomSource): string {
  return bytesToHex(nonZeroBytes(random, 16));
}

/** 8 random bytes as 16 lower-case hex digits. */
export function newSpanId(random: RandomSource): string {
  return bytesToHex(nonZeroBytes(random, 8));
}

/** RFC 9562 version 4 UUID: version nibble 4, variant bits 10. */
export function newUuidV4(random: RandomSource): string {
  const bytes = Uint8Array.from(random.bytes(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
