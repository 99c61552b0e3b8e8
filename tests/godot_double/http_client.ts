import { engine } from './engine_state';
import { METHOD, METHOD_NAMES, headerLines, isLoopback, rawBody, stringBody } from './http_arguments';
import { RefCounted, registerNativeClass } from './objects_base';
import { PackedByteArray, PackedStringArray } from './variants';

const OK = 0;
const ERR_INVALID_PARAMETER = 31;
const STATUS = {
  STATUS_DISCONNECTED: 0, STATUS_RESOLVING: 1, STATUS_CANT_RESOLVE: 2, STATUS_CONNECTING: 3, STATUS_CANT_CONNECT: 4,
  STATUS_CONNECTED: 5, STATUS_REQUESTING: 6, STATUS_BODY: 7, STATUS_CONNECTION_ERROR: 8, STATUS_TLS_HANDSHAKE_ERROR: 9,
} as const;
/** Enough for any receiver's answer in the tests (headers and a short body). */
const RESPONSE_BYTES = 64 * 1024;

/** Where the sockets live: http_client_network.ts (a worker thread) under vitest; none in the benchmarks. */
export interface HttpClientNetwork {
  postMessage(message: unknown): void;
}
let network: HttpClientNetwork | undefined;
export function useHttpClientNetwork(backend: HttpClientNetwork): void {
  network = backend;
}
let nextConnectionId = 1;

/** TLS settings for HTTPClient. `client()` verifies against the project's CA bundle (engine.tlsCertificates). */
export class TLSOptions extends RefCounted {
  static client(): TLSOptions {
    return new TLSOptions();
  }
}

/**
 * Godot's HTTPClient with real sockets: a connection makes progress whether or not the caller's
 * thread is blocked (the worker owns the sockets), and `poll()`/`get_status()` read its shared state,
 * so a caller that polls with OS.delay_usec behaves as in the engine. Godot's argument rules apply:
 * `request()` wants a String body, `request_raw()` a PackedByteArray, ArrayBuffer or number[] (a
 * Uint8Array throws in GodotJS), and a request needs STATUS_CONNECTED.
 */
export class HTTPClient extends RefCounted {
  static readonly Status = STATUS;
  static readonly Method = METHOD;
  /** Every connection and request made, for tests. */
  static readonly double_log: Array<{ host: string; port: number; tls: boolean; path?: string; headers?: string[] }> = [];
  readonly #id = nextConnectionId++;
  readonly #state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  readonly #data = new SharedArrayBuffer(RESPONSE_BYTES);
  #bodyRead = false;
  #open = false;

  connect_to_host(host: string, port = -1, tls_options?: TLSOptions): number {
    this.close();
    const tls = tls_options !== undefined && tls_options !== null;
    if (/^https?:\/\//i.test(host)) return ERR_INVALID_PARAMETER; // the double keeps the caller honest: no scheme
    HTTPClient.double_log.push({ host, port, tls });
    if (!isLoopback(host) || network === undefined) {
      this.#publish(network === undefined ? STATUS.STATUS_CANT_CONNECT : STATUS.STATUS_CANT_RESOLVE);
      return OK;
    }
    this.#publish(STATUS.STATUS_RESOLVING);
    this.#open = true;
    network.postMessage({ op: 'connect', id: this.#id, state: this.#state.buffer, data: this.#data, host, port: port === -1 ? (tls ? 443 : 80) : port, tls, ca: engine.tlsCertificates });
    return OK;
  }

  poll(): number {
    return OK;
  }

  get_status(): number {
    return Atomics.load(this.#state, 0);
  }

  request(method: number, url: string, headers: PackedStringArray | string[], body = ''): number {
    return this.#request(method, url, headerLines(headers, 3), stringBody(body, 4));
  }

  request_raw(method: number, url: string, headers: PackedStringArray | string[], body: PackedByteArray | number[] | ArrayBuffer): number {
    return this.#request(method, url, headerLines(headers, 3), rawBody(body, 4));
  }

  has_response(): boolean {
    return Atomics.load(this.#state, 2) > 0;
  }

  get_response_code(): number {
    return Atomics.load(this.#state, 1);
  }

  get_response_headers(): PackedStringArray {
    return new PackedStringArray(this.#response()?.headers ?? []);
  }

  /** The whole body at once, then empty (Godot hands it out in chunks of read_chunk_size). */
  read_response_body_chunk(): PackedByteArray {
    const response = this.#response();
    if (response === undefined || this.#bodyRead) return new PackedByteArray();
    this.#bodyRead = true;
    if (this.get_status() === STATUS.STATUS_BODY) this.#publish(STATUS.STATUS_CONNECTED);
    return new PackedByteArray([...Buffer.from(response.body, 'base64')]);
  }

  close(): void {
    if (this.#open) network?.postMessage({ op: 'close', id: this.#id });
    this.#open = false;
    this.#bodyRead = false;
    Atomics.store(this.#state, 2, 0);
    this.#publish(STATUS.STATUS_DISCONNECTED);
  }

  #request(method: number, url: string, lines: string[], body: Uint8Array): number {
    if (this.get_status() !== STATUS.STATUS_CONNECTED || !url.startsWith('/')) return ERR_INVALID_PARAMETER;
    const entry = HTTPClient.double_log.at(-1);
    if (entry !== undefined) Object.assign(entry, { path: url, headers: [...lines] });
    Atomics.store(this.#state, 2, 0);
    this.#publish(STATUS.STATUS_REQUESTING);
    network?.postMessage({ op: 'request', id: this.#id, method: METHOD_NAMES[method] ?? 'GET', path: url, headers: lines, body });
    return OK;
  }

  #response(): { headers: string[]; body: string } | undefined {
    const length = Atomics.load(this.#state, 2);
    if (length === 0) return undefined;
    return JSON.parse(Buffer.from(new Uint8Array(this.#data, 0, length)).toString('utf8')) as { headers: string[]; body: string };
  }

  #publish(status: number): void {
    Atomics.store(this.#state, 0, status);
  }
}

registerNativeClass(HTTPClient);
registerNativeClass(TLSOptions);
