import { Callable, HTTPClient, HTTPRequest, OS } from 'godot';
import type { Node, PackedByteArray, PackedStringArray } from 'godot';
import type { HttpPort, HttpRequest, HttpResponse } from '../core/ports';
import type { Signal } from '../core/types';
import { exactArrayBuffer } from './array_buffer';
import { toHttpResponse } from './http_response';

type Done = (response: HttpResponse) => void;

/** Godot's Error.OK, compared by value: the enum's exported name differs between GodotJS versions. */
const GODOT_OK = 0;
const ERROR_NAMES: Readonly<Record<number, string>> = { 3: 'ERR_UNCONFIGURED', 31: 'ERR_INVALID_PARAMETER', 44: 'ERR_BUSY' };

/**
 * The core's HttpPort over HTTPRequest nodes, one per signal (an HTTPRequest runs one request at a
 * time), created now as children of `host` so they live and pause with the autoload.
 */
export function createGodotHttp(host: Node): HttpPort {
  // Web exports have no threads unless built with them; HTTPRequest then polls on the main thread.
  const useThreads = !OS.has_feature('web');
  const channels: Record<Signal, HttpChannel> = {
    logs: new HttpChannel(host, 'logs', useThreads),
    metrics: new HttpChannel(host, 'metrics', useThreads),
    traces: new HttpChannel(host, 'traces', useThreads),
  };
  return { send: (request, done) => channels[request.channel].send(request, done) };
}

class HttpChannel {
  private readonly node = new HTTPRequest();
  private pending: Done | null = null;

  constructor(host: Node, channel: Signal, useThreads: boolean) {
    // GodotJS binds the name through set_name() only (an assignment to `name` would set a JS field).
    this.node.set_name(`GameTrackerHttp_${channel}`);
    this.node.use_threads = useThreads;
    this.node.request_completed.connect(
      Callable.create((result: number, status: number, headers: PackedStringArray, body: PackedByteArray) =>
        this.complete(toHttpResponse(result, status, headers, body)),
      ),
    );
    host.add_child(this.node);
  }

  /** Starts one POST. Every failure to start is reported through `done` later, never thrown. */
  send(request: HttpRequest, done: Done): void {
    try {
      this.node.timeout = request.timeoutMs / 1000;
      const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
      const method = HTTPClient.Method.METHOD_POST;
      const started: number =
        typeof request.body === 'string'
          ? this.node.request(request.url, headers, method, request.body)
          : this.node.request_raw(request.url, headers, method, exactArrayBuffer(request.body));
      if (started === GODOT_OK) this.pending = done;
      else failLater(done, `HTTPRequest did not start: ${ERROR_NAMES[started] ?? `error ${started}`}`);
    } catch (error) {
      failLater(done, `HTTPRequest threw: ${String(error)}`);
    }
  }

  private complete(response: HttpResponse): void {
    const done = this.pending;
    this.pending = null;
    done?.(response);
  }
}

/** The port promises `done` is never called inside `send`. */
function failLater(done: Done, error: string): void {
  setTimeout(() => done({ status: 0, headers: {}, error }), 0);
}
