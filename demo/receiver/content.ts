/**
 * Request body decoding shared by the routes: media type, Content-Encoding, and snappy block format.
 * Every step is bounded by the receiver's body limit, also after decompression, so that a small
 * compressed body cannot expand without limit.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { uncompress } from 'snappyjs';
import { describeError, RejectError } from './reply';

/** `application/json; charset=utf-8` → `application/json`; '' when the header is absent. */
export function mediaType(headers: IncomingHttpHeaders): string {
  const value = headers['content-type'] ?? '';
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** The Content-Encoding, lower case; '' when absent or `identity`. */
export function contentEncoding(headers: IncomingHttpHeaders): string {
  const value = (headers['content-encoding'] ?? '').trim().toLowerCase();
  return value === 'identity' ? '' : value;
}

/**
 * Undoes `Content-Encoding: gzip`; other encodings must be listed in `passThrough` (e.g. `snappy` for
 * Loki protobuf, whose body is always snappy whatever the header says) or are refused with 415.
 */
export function decodeContentEncoding(
  body: Uint8Array,
  headers: IncomingHttpHeaders,
  maxBytes: number,
  passThrough: readonly string[] = [],
): Uint8Array {
  const encoding = contentEncoding(headers);
  if (encoding === '' || passThrough.includes(encoding)) return body;
  if (encoding !== 'gzip') throw new RejectError(415, `Content-Encoding "${encoding}" is not supported`);
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError) throw new RejectError(413, `gzip body expands beyond ${maxBytes} bytes`);
    throw new RejectError(400, `invalid gzip body: ${describeError(error)}`);
  }
}

/** Snappy *block* format (never framed), as Prometheus remote write and Loki protobuf pushes use. */
export function uncompressSnappyBlock(body: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return uncompress(body, maxBytes);
  } catch (error) {
    const message = describeError(error);
    if (message.includes('too big')) throw new RejectError(413, `snappy body expands beyond ${maxBytes} bytes`);
    throw new RejectError(400, `invalid snappy block: ${message}`);
  }
}
