/**
 * Loopback fault servers: a receiver that misbehaves in one chosen way, on 127.0.0.1 only, and that
 * cannot outlive its test (a hard lifetime, a connection cap, and every socket destroyed on stop).
 * The mode can change while it runs, so one test can break a backend and then bring it back.
 *
 * It records what a receiver would see: each request's arrival, how many were open at once per
 * path, the headers, and the bodies of the requests it accepted (status 2xx).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export type FaultMode =
  /** A normal answer: 204 by default, or any status with headers (e.g. 429 + Retry-After). */
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  /** Reads the request and never answers. */
  | { readonly kind: 'hang' }
  /** Answers 200 with a long Content-Length and then one byte per `intervalMs`. */
  | { readonly kind: 'drip'; readonly intervalMs: number }
  /** Starts a 200 answer and resets the connection (TCP RST) halfway through the body. */
  | { readonly kind: 'reset' }
  /** Answers with bytes that are not HTTP at all. */
  | { readonly kind: 'garbage' };

export const OK: FaultMode = { kind: 'status', status: 204 };

export interface Arrival {
  readonly path: string;
  /** performance.now() when the request's headers arrived. */
  readonly atMs: number;
  readonly headers: http.IncomingHttpHeaders;
}

export interface Accepted {
  readonly path: string;
  /** The true wall time (Date.now()) when the request was answered. */
  readonly atUnixMs: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface FaultServerOptions {
  /** Listen on this port (e.g. one that refused connections until now); default: any free port. */
  readonly port?: number;
  /** The server stops itself after this long, whatever the test does. */
  readonly maxLifetimeMs?: number;
  readonly maxConnections?: number;
  /** Added to the true time in the `Date` header, to play a receiver whose clock differs from ours. */
  readonly dateOffsetMs?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface FaultServer {
  readonly baseUrl: string;
  readonly port: number;
  mode: FaultMode;
  /** Every request, in arrival order (bounded: the oldest are forgotten past 10 000). */
  readonly arrivals: Arrival[];
  /** Requests answered 2xx, with their bodies (bounded like `arrivals`). */
  readonly accepted: Accepted[];
  /** The most requests open at the same time on one path since start. */
  maxConcurrent(path: string): number;
  /** Arrival times of the requests on `path`, in ms. */
  arrivalTimes(path: string): number[];
  stop(): Promise<void>;
}

const DEFAULT_MAX_LIFETIME_MS = 60_000;
const DEFAULT_MAX_CONNECTIONS = 32;
const MAX_RECORDS = 10_000;
/** A dripping answer stops by itself after this long. */
const MAX_DRIP_MS = 10_000;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function startFaultServer(mode: FaultMode, options: FaultServerOptions = {}): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const open = new Map<string, number>();
  const maxOpen = new Map<string, number>();
  const arrivals: Arrival[] = [];
  const accepted: Accepted[] = [];
  const dateOffsetMs = options.dateOffsetMs ?? 0;

  const record = <T>(list: T[], item: T): void => {
    list.push(item);
    if (list.length > MAX_RECORDS) list.shift();
  };
  const later = (ms: number, action: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    timers.add(timer);
    return timer;
  };

  const serve = (handler: http.RequestListener): http.Server =>
    options.tls === undefined ? http.createServer({ keepAliveTimeout: 1000 }, handler) : https.createServer({ keepAliveTimeout: 1000, ...options.tls }, handler);
  const server = serve((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    record(arrivals, { path, atMs: performance.now(), headers: request.headers });
    open.set(path, (open.get(path) ?? 0) + 1);
    maxOpen.set(path, Math.max(maxOpen.get(path) ?? 0, open.get(path) ?? 0));
    let closed = false;
    const onClose = (): void => {
      if (closed) return;
      closed = true;
      open.set(path, (open.get(path) ?? 1) - 1);
    };
    // Fires once the answer is complete or the connection is gone, whichever comes first.
    response.on('close', onClose);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => answer(faultServer.mode, path, request, response, Buffer.concat(chunks)));
  });
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const answer = (current: FaultMode, path: string, request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): void => {
    if (dateOffsetMs !== 0) response.setHeader('Date', new Date(Date.now() + dateOffsetMs).toUTCString());
    switch (current.kind) {
      case 'status': {
        if (current.status >= 200 && current.status < 300) record(accepted, { path, atUnixMs: Date.now(), headers: request.headers, body });
        response.writeHead(current.status, current.headers);
        response.end(current.status === 204 ? undefined : current.body);
        return;
      }
      case 'hang':
        return;
      case 'drip': {
        response.writeHead(200, { 'Content-Length': '100000' });
        const started = performance.now();
        const drip = (): void => {
          if (response.destroyed || performance.now() - started > MAX_DRIP_MS) {
            response.destroy();
            return;
          }
          response.write('.');
          later(current.intervalMs, drip);
        };
        drip();
        return;
      }
      case 'reset': {
        response.writeHead(200, { 'Content-Length': '1000' });
        response.write('{"partial":');
        later(5, () => request.socket.resetAndDestroy());
        return;
      }
      case 'garbage': {
        request.socket.end('\u0000\u00ffNOT HTTP AT ALL\r\n\r\n\u0007garbage');
        return;
      }
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      clearTimeout(lifetime);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return stopping;
  };
  const lifetime = setTimeout(() => void stop(), options.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS);
  lifetime.unref();

  const faultServer: FaultServer = {
    baseUrl: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    mode,
    arrivals,
    accepted,
    maxConcurrent: (path) => maxOpen.get(path) ?? 0,
    arrivalTimes: (path) => arrivals.filter((a) => a.path === path).map((a) => a.atMs),
    stop,
  };
  return faultServer;
}
