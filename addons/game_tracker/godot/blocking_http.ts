import { HTTPClient, OS, TLSOptions } from 'godot';
import type { BlockingHttpPort, Clock, HttpRequest, HttpResponse } from '../core/ports';
import { exactArrayBuffer } from './array_buffer';
import { headerRecord } from './http_response';

/** Godot's Error.OK, compared by value (see godot_http.ts). */
const GODOT_OK = 0;
/** Between polls the thread sleeps this long: short next to a loopback round trip (~6 ms measured). */
const POLL_SLEEP_USEC = 500;

const { Status } = HTTPClient;
const CONNECTING: readonly HTTPClient.Status[] = [Status.STATUS_RESOLVING, Status.STATUS_CONNECTING];
const REQUESTING: readonly HTTPClient.Status[] = [Status.STATUS_REQUESTING];

/**
 * The core's BlockingHttpPort over HTTPClient, for `_exit_tree` while the game quits: no frame follows
 * `get_tree().quit()`, so HTTPRequest nodes never finish, but an HTTPClient polled in a loop does
 * (facts §17: connect, poll with OS.delay_usec, request, poll; 6 ms on loopback). Every wait checks
 * the deadline, read on `clock` (the core's, so both agree on what the deadline means), so a dead or
 * slow receiver costs at most the time the core allows.
 */
export function createGodotBlockingHttp(clock: Clock): BlockingHttpPort {
  return { sendNow: (request, deadlineMs) => sendNow(request, deadlineMs, clock) };
}

interface Target {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** Path and query, e.g. "/loki/api/v1/push". */
  readonly path: string;
}

function sendNow(request: HttpRequest, deadlineMs: number, clock: Clock): HttpResponse {
  const target = parseUrl(request.url);
  if (target === undefined) return failed(`not an http(s) URL: ${request.url}`);
  const client = new HTTPClient();
  try {
    // Without TLS the third argument is left out, not passed as undefined: a native binding converts
    // every argument it is given, and an Object parameter need not accept undefined. The engine types
    // client() as nullable and tls_options as optional (not nullable), hence `?? undefined`.
    const connecting = target.tls
      ? client.connect_to_host(target.host, target.port, TLSOptions.client() ?? undefined)
      : client.connect_to_host(target.host, target.port);
    if (connecting !== GODOT_OK) return failed(`connect_to_host returned error ${connecting}`);
    if (!pollWhile(client, CONNECTING, deadlineMs, clock)) return failed('timed out connecting');
    if (client.get_status() !== Status.STATUS_CONNECTED) return failed(statusName(client.get_status()));
    const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
    const method = HTTPClient.Method.METHOD_POST;
    const started =
      typeof request.body === 'string'
        ? client.request(method, target.path, headers, request.body)
        : client.request_raw(method, target.path, headers, exactArrayBuffer(request.body));
    if (started !== GODOT_OK) return failed(`request returned error ${started}`);
    if (!pollWhile(client, REQUESTING, deadlineMs, clock)) return failed('timed out waiting for the response');
    if (!client.has_response()) return failed(statusName(client.get_status()));
    return { status: client.get_response_code(), headers: headerRecord(client.get_response_headers()) };
  } finally {
    client.close();
  }
}

/** Polls while the status is one of `statuses`; false when the deadline came first. */
function pollWhile(client: HTTPClient, statuses: readonly HTTPClient.Status[], deadlineMs: number, clock: Clock): boolean {
  for (;;) {
    client.poll();
    if (!statuses.includes(client.get_status())) return true;
    if (clock.monotonicMs() >= deadlineMs) return false;
    OS.delay_usec(POLL_SLEEP_USEC);
  }
}

/** GodotJS has no URL class; the endpoint is checked by the core's config (http:// or https://). */
export function parseUrl(url: string): Target | undefined {
  const match = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/i.exec(url);
  if (match === null) return undefined;
  const tls = (match[1] as string).toLowerCase() === 'https';
  const port = match[3] === undefined ? (tls ? 443 : 80) : Number(match[3]);
  const path = match[4] === undefined || match[4] === '' ? '/' : match[4].startsWith('/') ? match[4] : `/${match[4]}`;
  return { host: (match[2] as string).replace(/^\[|\]$/g, ''), port, tls, path };
}

function failed(error: string): HttpResponse {
  return { status: 0, headers: {}, error };
}

function statusName(status: HTTPClient.Status): string {
  const entry = Object.entries(Status).find(([, value]) => value === status);
  return entry === undefined ? `HTTPClient status ${status}` : entry[0];
}
