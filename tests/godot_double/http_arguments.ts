/**
 * What HTTPRequest and HTTPClient share in the double: Godot's method enum, the loopback-only rule,
 * and GodotJS's conversion of their arguments (a String body, a PackedByteArray-like body, header
 * lines), which throws as GodotJS does for what it cannot convert. `argument` is its position in the
 * binding's parameter list, for the error text.
 */
import { PackedByteArray, PackedStringArray } from './variants';

export const METHOD = { METHOD_GET: 0, METHOD_HEAD: 1, METHOD_POST: 2, METHOD_PUT: 3, METHOD_DELETE: 4, METHOD_OPTIONS: 5, METHOD_TRACE: 6, METHOD_CONNECT: 7, METHOD_PATCH: 8 } as const;
export const METHOD_NAMES = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH'];

/** The double only ever talks to this machine (host names as a URL or `connect_to_host` gives them). */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

export function stringBody(body: unknown, argument: number): Uint8Array {
  if (typeof body !== 'string') throw new TypeError(`Bad argument: ${argument}. Unable to convert JS object to Godot String`);
  return new TextEncoder().encode(body);
}

/** A PackedByteArray, an ArrayBuffer or a number[]; a Uint8Array throws in GodotJS (facts §16). */
export function rawBody(body: unknown, argument: number): Uint8Array {
  if (body !== undefined && !(body instanceof PackedByteArray || body instanceof ArrayBuffer || Array.isArray(body))) {
    throw new TypeError(`InternalError: Bad argument: ${argument}. Unable to convert JS object to Godot PackedByteArray`);
  }
  return new Uint8Array(new PackedByteArray(body).to_array_buffer());
}

export function headerLines(headers: unknown, argument: number): string[] {
  if (headers instanceof PackedStringArray) return Array.from({ length: headers.size() }, (_, i) => headers.get(i));
  if (Array.isArray(headers) && headers.every((h) => typeof h === 'string')) return [...(headers as string[])];
  throw new TypeError(`Bad argument: ${argument}. Unable to convert JS object to Godot PackedStringArray`);
}
