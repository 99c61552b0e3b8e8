/**
 * The load generator's own endpoint on 127.0.0.1: it takes all three signals at GameTracker's default
 * paths (native and OTLP), counts requests and bytes per signal as they arrived (compressed, as on the
 * wire), answers at once, and tees every native metrics push to the remote-write URLs it is given
 * (a Prometheus, and the aggregation tier in front of another). The answer to a metrics push waits
 * for the forwards, so a client still has one request in flight per signal.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OTLP_PATHS, PATHS } from '../../addons/game_tracker/core/config';
import type { Signal } from '../../addons/game_tracker/core/types';

export interface SignalTraffic {
  requests: number;
  bytes: number;
}

export interface Sink {
  readonly url: string;
  readonly traffic: Readonly<Record<Signal, SignalTraffic>>;
  /** Metrics pushes a forward target refused, with the first answer seen. */
  readonly forwardFailures: { count: number; first: string };
  close(): Promise<void>;
}

const FORWARDED_HEADERS = ['content-type', 'content-encoding', 'x-prometheus-remote-write-version'];
const FORWARD_TIMEOUT_MS = 30_000;

function signalOf(path: string): Signal | undefined {
  if (path.endsWith(PATHS.logs) || path.endsWith(OTLP_PATHS.logs)) return 'logs';
  if (path.endsWith(PATHS.metrics) || path.endsWith(OTLP_PATHS.metrics)) return 'metrics';
  if (path.endsWith(PATHS.traces)) return 'traces';
  return undefined;
}

function readBody(request: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    request.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

export function startSink(forwardMetricsTo: readonly string[]): Promise<Sink> {
  const traffic: Record<Signal, SignalTraffic> = { logs: { requests: 0, bytes: 0 }, metrics: { requests: 0, bytes: 0 }, traces: { requests: 0, bytes: 0 } };
  const forwardFailures = { count: 0, first: '' };

  const forward = async (body: Uint8Array, request: IncomingMessage): Promise<number> => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const statuses = await Promise.all(
      forwardMetricsTo.map(async (url) => {
        try {
          const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
          if (response.status >= 300 && forwardFailures.count++ === 0) forwardFailures.first = `${url}: ${response.status} ${await response.text()}`;
          return response.status;
        } catch (error) {
          if (forwardFailures.count++ === 0) forwardFailures.first = `${url}: ${String(error)}`;
          return 502;
        }
      }),
    );
    return Math.max(204, ...statuses);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://sink').pathname;
    const signal = signalOf(path);
    if (request.method !== 'POST' || signal === undefined) {
      response.writeHead(404).end();
      return;
    }
    traffic[signal].requests++;
    traffic[signal].bytes += body.length;
    const protobuf = (request.headers['content-type'] ?? '').includes('protobuf');
    // Native traces are OTLP too; native logs and metrics answer 204 like Loki and Prometheus.
    const otlp = Object.values(OTLP_PATHS).some((otlpPath) => path.endsWith(otlpPath));
    const remoteWrite = signal === 'metrics' && !otlp;
    const status = remoteWrite && forwardMetricsTo.length > 0 ? await forward(body, request) : otlp ? 200 : 204;
    // OTLP answers with an (empty) Export*ServiceResponse in the request's encoding.
    if (status === 200) response.writeHead(200, { 'content-type': protobuf ? 'application/x-protobuf' : 'application/json' }).end(protobuf ? '' : '{}');
    else response.writeHead(status).end();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        traffic,
        forwardFailures,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
