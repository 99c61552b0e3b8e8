/** Trace, span and session ids from the host's random source. */
import type { RandomSource } from './ports';

const HEX_DIGITS = '0123456789abcdef';

/** '00'…'ff'. Byte lookups, not `word.toString(16)`: V8 formats a number above 2^31 with its slow generic radix path (~180 ns). */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!);

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += BYTE_HEX[bytes[i] as number]!;
  return hex;
}

/** RFC 9562 version 4 UUID: version nibble 4, variant bits 10. */
export function newUuidV4(random: RandomSource): string {
  const bytes = Uint8Array.from(random.bytes(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Random 32-bit words for span and trace ids, drawn from the host's random source 4 KiB at a time.
 * Two costs make per-id draws expensive in the engine: each host call (Godot's Crypto) costs
 * microseconds whatever its size, and building hex costs tens of nanoseconds per byte under QuickJS.
 * So a span keeps its ids as words and writes hex only when the id is read or encoded (`wordsToHex`).
 */
export class RandomWords {
  private words = new Uint32Array(0);
  private next = 0;

  constructor(
    private readonly random: RandomSource,
    private readonly chunkWords = 1024,
  ) {}

  /** A new trace id as 32 hex digits. */
  traceIdHex(): string {
    const w = this.quad();
    return wordsToHex(w[0], w[1], w[2], w[3]);
  }

  /** A new span id as 16 hex digits. */
  spanIdHex(): string {
    const w = this.pair();
    return wordsToHex(w[0], w[1]);
  }

  /** A trace id: four words, never all zero (OTLP treats an all-zero id as invalid). */
  quad(): TraceWords {
    if (this.next + 4 > this.words.length) this.refill();
    const w = this.words;
    const i = this.next;
    this.next = i + 4;
    const a = w[i] as number;
    const b = w[i + 1] as number;
    const c = w[i + 2] as number;
    const d = w[i + 3] as number;
    return [a, b, c, (a | b | c | d) === 0 ? 1 : d];
  }

  /** A span id: two words, never both zero. */
  pair(): SpanWords {
    if (this.next + 2 > this.words.length) this.refill();
    const w = this.words;
    const i = this.next;
    this.next = i + 2;
    const a = w[i] as number;
    const b = w[i + 1] as number;
    return [a, (a | b) === 0 ? 1 : b];
  }

  private refill(): void {
    const bytes = this.random.bytes(this.chunkWords * 4);
    const words = new Uint32Array(this.chunkWords);
    const view = new Uint8Array(words.buffer);
    view.set(bytes.length > view.length ? bytes.subarray(0, view.length) : bytes);
    // A host that returned fewer bytes than asked (see godot_random.ts) is topped up, never short.
    for (let i = bytes.length; i < view.length; i++) view[i] = Math.floor(Math.random() * 256);
    this.words = words;
    this.next = 0;
  }
}

/** Words as lower-case hex, 8 digits each, in order. */
export function wordsToHex(a: number, b: number, c?: number, d?: number): string {
  const hex = word8(a) + word8(b);
  return c === undefined || d === undefined ? hex : hex + word8(c) + word8(d);
}

function word8(word: number): string {
  return BYTE_HEX[word >>> 24]! + BYTE_HEX[(word >>> 16) & 255]! + BYTE_HEX[(word >>> 8) & 255]! + BYTE_HEX[word & 255]!;
}

/** A trace id as four random words (an all-zero draw, p = 2^-128, becomes ...0001). */
export type TraceWords = readonly [number, number, number, number];
/** A span id as two random words. */
export type SpanWords = readonly [number, number];
