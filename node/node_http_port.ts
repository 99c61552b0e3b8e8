/**
 * The core's HttpPort on node:http / node:https, for tests, the Node demo and benchmarks.
 * HTTPS keeps Node's default certificate verification: a tracker must never send telemetry
 * (and its auth headers) to an unverified peer, not even in the demo.
 */
import http from 'node:http';
import https from 'node:https';
import type { HttpPort, HttpRequest, HttpResponse } from '../addons/game_tracker/core/ports';

/** Enough of an error body to say why a batch was refused, without buffering a whole HTML page. */
const ERROR_BODY_LIMIT_BYTES = 512;

export function createNodeHttpPort(): HttpPort {
  return { send: sendOnce };
}

function sendOnce(request: HttpRequest, done: (response: HttpResponse) => void): void {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const settle = (response: HttpResponse): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    // The port contract forbids calling back inside send(), and a uniform deferral keeps it simple.
    setImmediate(done, response);
  };
  try {
    const clientRequest = startRequest(request, settle);
    // Node's own `timeout` option only measures socket idleness, so a server that drips one byte
    // per second would never trip it; this deadline covers the whole exchange.
    timer = setTimeout(() => {
      settle({ status: 0, headers: {}, error: `no complete response within ${request.timeoutMs} ms` });
      clientRequest.destroy();
    }, request.timeoutMs);
  } catch (error) {
    // Bad URLs and illegal header characters throw synchronously from node:http.
    settle({ status: 0, headers: {}, error: describeError(error) });
  }
}

function startRequest(request: HttpRequest, settle: (response: HttpResponse) => void): http.ClientRequest {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (transport === null) throw new Error(`unsupported protocol ${url.protocol}`);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  const clientRequest = transport.request(url, { method: 'POST', headers: { ...request.headers } }, (response) => {
    const status = response.statusCode ?? 0;
    const headers = flattenHeaders(response.headers);
    const errorChunks: Buffer[] = [];
    let errorBytes = 0;
    response.on('data', (chunk: Buffer) => {
      // The body must be drained either way so that a keep-alive socket can be reused.
      if (status >= 300 && errorBytes < ERROR_BODY_LIMIT_BYTES) {
        errorChunks.push(chunk);
        errorBytes += chunk.length;
      }
    });
    response.on('end', () => {
      const errorText = Buffer.concat(errorChunks).subarray(0, ERROR_BODY_LIMIT_BYTES).toString('utf8');
      settle(errorText === '' ? { status, headers } : { status, headers, error: errorText });
    });
    // Only a complete response counts as an answer; a reset mid-body is reported like any reset.
    response.on('error', (error) => settle({ status: 0, headers: {}, error: `after HTTP ${status}: ${describeError(error)}` }));
  });
  clientRequest.on('error', (error) => settle({ status: 0, headers: {}, error: describeError(error) }));
  clientRequest.end(body);
  return clientRequest;
}

/** Node already lower-cases incoming header names; repeated headers (set-cookie) are joined. */
function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code}: ${error.message}`;
}
