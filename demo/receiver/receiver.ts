/**
 * A local stand-in for Loki, Prometheus/Mimir and an OTLP collector on one port of 127.0.0.1, so that a
 * game (or a test) can send GameTracker's three signals somewhere that answers like the real backends
 * and shows what arrived.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { DEFAULT_ENDPOINT, OTLP_PATHS, PATHS } from '../../addons/game_tracker/core/config';
import { readBody } from './http_body';
import { lokiPushRoute } from './loki/loki_push_route';
import { ReceiverModel } from './model/receiver_model';
import type { ReceiverSnapshot } from './model/views';
import { otlpLogsRoute } from './otlp/otlp_logs_route';
import { otlpMetricsRoute } from './otlp/otlp_metrics_route';
import { otlpTracesRoute } from './otlp/otlp_traces_route';
import { remoteWriteRoute } from './prom/remote_write_route';
import { loadSchemas } from './proto_schemas';
import { describeError, RejectError, textReply } from './reply';
import type { Reply } from './reply';
import type { Route } from './route';

/** GameTracker's default endpoint points here, so a game with no options set reaches the receiver. */
export const DEFAULT_PORT = Number(new URL(DEFAULT_ENDPOINT).port);
/** Alloy's Faro receiver allows as much; GameTracker's batches are far smaller. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const HOST = '127.0.0.1';

/**
 * The paths GameTracker appends to its endpoint are the backends' own; each is answered like its backend.
 * OTLP logs and metrics are also taken where Loki and Mimir serve them.
 */
const ROUTES: ReadonlyMap<string, Route> = new Map([
  [PATHS.logs, lokiPushRoute],
  [PATHS.metrics, remoteWriteRoute],
  [PATHS.traces, otlpTracesRoute],
  [OTLP_PATHS.logs, otlpLogsRoute],
  [OTLP_PATHS.metrics, otlpMetricsRoute],
  [`/otlp${OTLP_PATHS.logs}`, otlpLogsRoute],
  [`/otlp${OTLP_PATHS.metrics}`, otlpMetricsRoute],
]);

/** Browsers (Godot web exports) preflight these; Alloy's OTLP receiver allows them with `cors {}`. */
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': '*',
};

export interface ReceiverOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default 4400. */
  readonly port?: number;
  /** Largest accepted body in bytes, before and after decompression; larger ones get 413. Default 5 MiB. */
  readonly maxBodyBytes?: number;
  /** The wall clock the backends' timestamp limits are measured against. Default Date.now. */
  readonly nowMs?: () => number;
}

export interface Receiver {
  /** The bound port (the free one chosen when 0 was asked). */
  readonly port: number;
  /** `http://127.0.0.1:<port>`, GameTracker's `endpoint`. */
  readonly url: string;
  readonly model: ReceiverModel;
  snapshot(): ReceiverSnapshot;
  /** Stops listening and closes idle connections; resolves once the server is closed. */
  stop(): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  // Parsed now rather than on the first request, so that a missing .proto file fails the start.
  loadSchemas();
  const model = new ReceiverModel();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const nowMs = options.nowMs ?? Date.now;
  const server = createServer((request, response) => {
    serve(request, { model, maxBodyBytes, nowMs }).then(
      (reply) => send(response, reply),
      (error: unknown) => send(response, textReply(500, `receiver error: ${describeError(error)}`)),
    );
  });
  const port = await listen(server, options.port ?? DEFAULT_PORT);
  return {
    port,
    url: `http://${HOST}:${port}`,
    model,
    snapshot: () => model.snapshot(),
    stop: () => close(server),
  };
}

interface ServeContext {
  readonly model: ReceiverModel;
  readonly maxBodyBytes: number;
  readonly nowMs: () => number;
}

async function serve(request: IncomingMessage, context: ServeContext): Promise<Reply> {
  const path = new URL(request.url ?? '/', `http://${HOST}`).pathname;
  const route = ROUTES.get(path);
  if (route === undefined) {
    context.model.recordRejected(path, 404, 'unknown path');
    return textReply(404, '404 page not found');
  }
  if (request.method === 'OPTIONS') return { status: 204, headers: {}, body: '' };
  if (request.method !== 'POST') {
    context.model.recordRejected(path, 405, `method ${request.method ?? ''} not allowed`);
    return { ...textReply(405, 'method not allowed'), headers: { allow: 'POST, OPTIONS' } };
  }
  try {
    const body = await readBody(request, context.maxBodyBytes);
    const reply = route.handle({ headers: request.headers, body }, { model: context.model, nowMs: context.nowMs(), maxBodyBytes: context.maxBodyBytes });
    context.model.recordAccepted(path);
    return reply;
  } catch (error) {
    if (!(error instanceof RejectError)) throw error;
    context.model.recordRejected(path, error.status, error.message);
    return route.refuse(error, request.headers);
  }
}

function send(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, { ...CORS_HEADERS, ...reply.headers });
  response.end(reply.body);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
