import { callDeferred } from '../../tests/godot_double/deferred';
import { HTTPRequest } from '../../tests/godot_double/http_request';
import { Node } from '../../tests/godot_double/node';
import { registerNativeClass } from '../../tests/godot_double/objects_base';
import { Signal } from '../../tests/godot_double/signal';
import { Time } from '../../tests/godot_double/singletons';
import { PackedByteArray, PackedStringArray } from '../../tests/godot_double/variants';

const OK = 0;
const ERR_UNCONFIGURED = 3;
const ERR_BUSY = 44;

/**
 * The double's HTTPRequest for the benchmarks: Godot's rules (outside the tree, busy) and an answer in a
 * later frame (204 with a Date header, as a receiver gives), but no network and no work per byte: the
 * engine's HTTP cost is not ours, and the QuickJS benchmark has no sockets.
 */
export class DiscardHttpRequest extends Node {
  static readonly Result = HTTPRequest.Result;
  readonly request_completed = new Signal('request_completed');
  timeout = 0;
  use_threads = false;
  #busy = false;
  /** Requests started, for the report. */
  static requests = 0;

  request(_url: string, _headers: PackedStringArray | string[], _method: number, _body: string): number {
    return this.#start();
  }

  request_raw(_url: string, _headers: PackedStringArray | string[], _method: number, _body: ArrayBuffer): number {
    return this.#start();
  }

  #start(): number {
    if (!this.is_inside_tree()) return ERR_UNCONFIGURED;
    if (this.#busy) return ERR_BUSY;
    this.#busy = true;
    DiscardHttpRequest.requests++;
    callDeferred(() => {
      this.#busy = false;
      const date = `Date: ${new Date(Time.get_unix_time_from_system() * 1000).toUTCString()}`;
      this.request_completed.emit(0, 204, new PackedStringArray([date]), new PackedByteArray());
    });
    return OK;
  }
}

registerNativeClass(DiscardHttpRequest, 'HTTPRequest');
