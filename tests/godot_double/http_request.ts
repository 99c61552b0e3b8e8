import { request as httpRequest } from 'node:http';
import type { ClientRequest } from 'node:http';
import { callDeferred } from './deferred';
import { Node } from './node';
import { registerNativeClass } from './objects_base';
import { Signal } from './signal';
import { METHOD_NAMES, headerLines, isLoopback, rawBody, stringBody } from './http_arguments';
import { PackedByteArray, PackedStringArray } from './variants';

const OK = 0;
const ERR_UNCONFIGURED = 3;
const ERR_INVALID_PARAMETER = 31;
const ERR_BUSY = 44;

const RESULT = {
  RESULT_SUCCESS: 0, RESULT_CHUNKED_BODY_SIZE_MISMATCH: 1, RESULT_CANT_CONNECT: 2, RESULT_CANT_RESOLVE: 3,
  RESULT_CONNECTION_ERROR: 4, RESULT_TLS_HANDSHAKE_ERROR: 5, RESULT_NO_RESPONSE: 6, RESULT_BODY_SIZE_LIMIT_EXCEEDED: 7,
  RESULT_BODY_DECOMPRESS_FAILED: 8, RESULT_REQUEST_FAILED: 9, RESULT_DOWNLOAD_FILE_CANT_OPEN: 10,
  RESULT_DOWNLOAD_FILE_WRITE_ERROR: 11, RESULT_REDIRECT_LIMIT_REACHED: 12, RESULT_TIMEOUT: 13,
} as const;

/**
 * HTTPRequest over node:http, with Godot's rules: ERR_UNCONFIGURED outside the tree, ERR_BUSY while a
 * request is in flight, ERR_INVALID_PARAMETER for a bad URL; the GodotJS argument conversion (a
 * Uint8Array body throws); `timeout` in seconds (0 = none); `request_completed` delivered through the
 * deferred queue, i.e. in a later frame, with the node free for a new request by then.
 */
export class HTTPRequest extends Node {
  static readonly Result = RESULT;
  readonly request_completed = new Signal('request_completed');
  #timeoutS = 0;
  #useThreads = false;
  #inFlight: ClientRequest | null = null;
  #busy = false;
  /** Every request this node started, for tests. */
  readonly double_sent: Array<{ url: string; method: string; headers: string[] }> = [];

  get timeout(): number {
    return this.#timeoutS;
  }
  set timeout(seconds: number) {
    this.#timeoutS = Number(seconds);
  }
  get use_threads(): boolean {
    return this.#useThreads;
  }
  set use_threads(value: boolean) {
    this.#useThreads = Boolean(value);
  }

  request(url: string, headers: PackedStringArray | string[] = [], method = 0, body = ''): number {
    return this.#start(url, headers, method, stringBody(body, 3));
  }

  request_raw(url: string, headers: PackedStringArray | string[] = [], method = 0, body?: PackedByteArray | number[] | ArrayBuffer): number {
    return this.#start(url, headers, method, rawBody(body, 3));
  }

  cancel_request(): void {
    this.#inFlight?.destroy();
    this.#inFlight = null;
    this.#busy = false;
  }

  #start(url: string, headers: PackedStringArray | string[], method: number, body: Uint8Array): number {
    const lines = headerLines(headers, 1);
    if (!this.is_inside_tree()) return ERR_UNCONFIGURED;
    if (this.#busy) return ERR_BUSY;
    const target = URL.canParse(url) ? new URL(url) : null;
    if (target === null || !['http:', 'https:'].includes(target.protocol)) return ERR_INVALID_PARAMETER;
    this.#busy = true;
    this.double_sent.push({ url, method: METHOD_NAMES[method] ?? String(method), headers: lines });
    if (target.protocol !== 'http:' || !isLoopback(target.hostname)) {
      this.#finish(target.protocol === 'http:' ? RESULT.RESULT_CANT_RESOLVE : RESULT.RESULT_TLS_HANDSHAKE_ERROR);
      return OK;
    }
    this.#send(target, METHOD_NAMES[method] ?? 'GET', lines, body);
    return OK;
  }

  #send(target: URL, method: string, headerLines: string[], body: Uint8Array): void {
    const headers: Record<string, string> = { 'User-Agent': 'GodotEngine/4.6.1.stable (Double)', Accept: '*/*' };
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    const request = httpRequest(target, { method, headers });
    this.#inFlight = request;
    const timer = this.#timeoutS > 0 ? setTimeout(() => this.#fail(request, RESULT.RESULT_TIMEOUT), this.#timeoutS * 1000) : undefined;
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        if (this.#inFlight !== request) return;
        const bytes = new Uint8Array(Buffer.concat(chunks));
        this.#finish(RESULT.RESULT_SUCCESS, response.statusCode ?? 0, rawHeaderLines(response.rawHeaders), bytes);
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      this.#fail(request, error.code === 'ECONNREFUSED' ? RESULT.RESULT_CANT_CONNECT : RESULT.RESULT_CONNECTION_ERROR);
    });
    request.end(body);
  }

  #fail(request: ClientRequest, result: number): void {
    if (this.#inFlight !== request) return;
    request.destroy();
    this.#finish(result);
  }

  /** Godot's _defer_done: the node is free again, then the signal is emitted, all in a later frame. */
  #finish(result: number, status = 0, headers: string[] = [], body = new Uint8Array(0)): void {
    this.#inFlight = null;
    callDeferred(() => {
      if (this.is_freed()) return;
      this.#busy = false;
      this.request_completed.emit(result, status, new PackedStringArray(headers), new PackedByteArray(body.slice().buffer));
    });
  }
}

function rawHeaderLines(raw: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) lines.push(`${raw[i]}: ${raw[i + 1]}`);
  return lines;
}

registerNativeClass(HTTPRequest);
