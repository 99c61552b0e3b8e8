/**
 * The network side of the double's HTTPClient, in a worker thread: while the game's thread blocks
 * (polling with OS.delay_usec at quit), real sockets on 127.0.0.1 still make progress here, and
 * each connection's state is published through shared memory that `poll()`/`get_status()` read.
 * Evaluated from source by http_client.ts (esbuild strips the types), so it imports only Node built-ins.
 */
import { request as httpRequest } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { parentPort } from 'node:worker_threads';

/** HTTPClient.Status values and the slots of a connection's shared state. */
const STATUS = { RESOLVING: 1, CANT_CONNECT: 4, CONNECTING: 3, CONNECTED: 5, REQUESTING: 6, BODY: 7, CONNECTION_ERROR: 8, TLS_HANDSHAKE_ERROR: 9 };
const SLOT = { status: 0, responseCode: 1, responseLength: 2 };

type Message =
  | { op: 'connect'; id: number; state: SharedArrayBuffer; data: SharedArrayBuffer; host: string; port: number; tls: boolean; ca: string[] }
  | { op: 'request'; id: number; method: string; path: string; headers: string[]; body: Uint8Array }
  | { op: 'close'; id: number };

interface Connection {
  readonly state: Int32Array;
  readonly data: Uint8Array;
  readonly socket: Socket;
  readonly host: string;
}

const connections = new Map<number, Connection>();

function publish(connection: Pick<Connection, 'state'>, status: number): void {
  Atomics.store(connection.state, SLOT.status, status);
}

function open(message: Extract<Message, { op: 'connect' }>): void {
  const state = new Int32Array(message.state);
  publish({ state }, STATUS.CONNECTING);
  const socket = message.tls
    ? tlsConnect({ host: message.host, port: message.port, ca: message.ca.length > 0 ? message.ca : undefined, servername: undefined })
    : tcpConnect({ host: message.host, port: message.port });
  const connection: Connection = { state, data: new Uint8Array(message.data), socket, host: message.host };
  connections.set(message.id, connection);
  socket.once(message.tls ? 'secureConnect' : 'connect', () => publish(connection, STATUS.CONNECTED));
  socket.on('error', (error: NodeJS.ErrnoException) => {
    const status = Atomics.load(state, SLOT.status);
    if (status !== STATUS.CONNECTING) return publish(connection, STATUS.CONNECTION_ERROR);
    publish(connection, error.code === 'ECONNREFUSED' ? STATUS.CANT_CONNECT : message.tls ? STATUS.TLS_HANDSHAKE_ERROR : STATUS.CONNECTION_ERROR);
  });
}

function send(message: Extract<Message, { op: 'request' }>): void {
  const connection = connections.get(message.id);
  if (connection === undefined) return;
  publish(connection, STATUS.REQUESTING);
  const headers: Record<string, string> = {};
  for (const line of message.headers) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  // Godot's HTTPClient adds these when the game does not (HTTPClientTCP::request).
  headers['Host'] ??= connection.host;
  headers['User-Agent'] ??= 'GodotEngine/4.6.1.stable (Double)';
  headers['Accept'] ??= '*/*';
  const request = httpRequest({ createConnection: () => connection.socket, method: message.method, path: message.path, headers });
  request.on('response', (response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      const lines: string[] = [];
      for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
      const body = Buffer.concat(chunks);
      const encoded = Buffer.from(JSON.stringify({ headers: lines, body: body.toString('base64') }));
      const length = Math.min(encoded.length, connection.data.length);
      connection.data.set(encoded.subarray(0, length));
      Atomics.store(connection.state, SLOT.responseCode, response.statusCode ?? 0);
      Atomics.store(connection.state, SLOT.responseLength, length);
      publish(connection, body.length > 0 ? STATUS.BODY : STATUS.CONNECTED);
    });
  });
  request.on('error', () => publish(connection, STATUS.CONNECTION_ERROR));
  request.end(message.body);
}

parentPort?.on('message', (message: Message) => {
  if (message.op === 'connect') open(message);
  else if (message.op === 'request') send(message);
  else {
    connections.get(message.id)?.socket.destroy();
    connections.delete(message.id);
  }
});
