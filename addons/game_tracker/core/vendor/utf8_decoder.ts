/**
 * protobufjs 8 constructs a `TextDecoder` when it loads (src/util/utf8.js). GodotJS provides none, and
 * the addon installs no globals: `npm run vendor` points protobufjs's `TextDecoder` at this class
 * instead (wire_codecs.ts imports it). We only encode, but decoding must still be right if it is ever
 * used. Hand-written, not generated.
 */

export class Utf8Decoder {
  readonly encoding = 'utf-8';

  /** Always replaces malformed input with U+FFFD: a `fatal` decoder is refused, as protobufjs expects of a host without one. */
  constructor(_label?: string, options?: { fatal?: boolean }) {
    if (options?.fatal === true) throw new RangeError('Utf8Decoder: fatal decoding is not supported');
  }

  decode(input?: ArrayBuffer | ArrayBufferView): string {
    if (input === undefined) return '';
    const bytes = input instanceof Uint8Array ? input : ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const cp = readCodePoint(bytes, i);
      out += String.fromCodePoint(cp.value);
      i += cp.length;
    }
    return out;
  }
}

const REPLACEMENT = { value: 0xfffd, length: 1 };

/** Decodes one UTF-8 sequence; malformed input yields U+FFFD and moves one byte on. */
function readCodePoint(bytes: Uint8Array, i: number): { value: number; length: number } {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return { value: b0, length: 1 };
  const length = b0 >= 0xf0 && b0 < 0xf5 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 ? 2 : 0;
  if (length === 0 || (length === 3 && b0 >= 0xf0) || i + length > bytes.length) return REPLACEMENT;
  let value = b0 & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k] as number;
    if ((b & 0xc0) !== 0x80) return REPLACEMENT;
    value = (value << 6) | (b & 0x3f);
  }
  const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return REPLACEMENT;
  return { value, length };
}
