/**
 * snappyjs (block format, as remote write requires) with the types it does not ship.
 * Loaded through require so that no ambient `declare module 'snappyjs'` is needed here; the
 * addon may declare its own, and two ambient declarations of one module would clash.
 */
import { createRequire } from 'node:module';

interface SnappyJs {
  compress(input: Uint8Array): Uint8Array;
  uncompress(input: Uint8Array): Uint8Array;
}

const snappy = createRequire(import.meta.url)('snappyjs') as SnappyJs;

export function snappyCompress(raw: Uint8Array): Uint8Array {
  return snappy.compress(toPlainBytes(raw));
}

export function snappyUncompress(compressed: Uint8Array): Uint8Array {
  return snappy.uncompress(toPlainBytes(compressed));
}

/** snappyjs returns a Buffer for a Buffer input and a Uint8Array otherwise; callers always get the latter. */
function toPlainBytes(bytes: Uint8Array): Uint8Array {
  return Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}
