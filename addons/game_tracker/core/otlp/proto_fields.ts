/**
 * Field tags and the few value shapes OTLP needs beyond what protobufjs's `Writer` writes directly:
 * nanosecond timestamps as exact fixed64, and hex ids as bytes.
 */
import type { Writer } from '../wire_deps';

/** Wire types (protobuf encoding spec). */
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;

/** A field's key: (field number << 3) | wire type. */
export function tag(fieldNumber: number, wireType: number): number {
  return (fieldNumber << 3) | wireType;
}

const TWO_POW_32 = 4294967296;

/**
 * Unix milliseconds (fractions kept to the microsecond) as fixed64 nanoseconds, exactly: `ms * 1e6`
 * exceeds 2^53 and would lose the low digits, so the microseconds (below 2^53 for millennia) are split
 * into 32-bit halves and each half is multiplied by 1000 separately. Times before 1970 become 0.
 */
export function writeUnixNanos(writer: Writer, fieldNumber: number, unixMs: number): void {
  const micros = unixMs > 0 ? Math.round(unixMs * 1000) : 0;
  const microsHigh = Math.floor(micros / TWO_POW_32);
  const lowNanos = (micros - microsHigh * TWO_POW_32) * 1000;
  const carry = Math.floor(lowNanos / TWO_POW_32);
  // fixed64 is little-endian: the low 32 bits first.
  writer.uint32(tag(fieldNumber, FIXED64)).fixed32(lowNanos - carry * TWO_POW_32).fixed32(microsHigh * 1000 + carry);
}

/**
 * A trace or span id (32 or 16 lower-case hex digits) as a bytes field, written as 32-bit words: eight
 * digits parsed by one native `parseInt` rather than a loop per digit (which costs ~30 µs per span
 * under QuickJS), and no Uint8Array per id. fixed32 writes little-endian, so each word is byte-swapped
 * to keep the id's first byte first.
 */
export function writeHexBytes(writer: Writer, fieldNumber: number, hex: string): void {
  writer.uint32(tag(fieldNumber, LENGTH_DELIMITED)).uint32(hex.length >> 1);
  for (let i = 0; i < hex.length; i += 8) {
    const word = parseInt(hex.slice(i, i + 8), 16);
    writer.fixed32(((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24));
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The text with every unpaired surrogate replaced by U+FFFD. Proto3 strings must be valid UTF-8 and
 * receivers written in Go refuse the whole request when one is not; protobufjs would write a lone
 * surrogate (a truncated emoji, say) as invalid bytes.
 */
export function wellFormed(text: string): string {
  if (!SURROGATE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(i, i + 2);
      i++;
    } else out += code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : text[i];
  }
  return out;
}

export function writeStringField(writer: Writer, fieldNumber: number, text: string): void {
  writer.uint32(tag(fieldNumber, LENGTH_DELIMITED)).string(wellFormed(text));
}
