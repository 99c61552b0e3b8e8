import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../addons/game_tracker/core/ports';
import { createNodeHttpPort } from '../../node/node_ports';
import { findFreePort } from '../support/free_port';

/** Long enough for a stray second callback (e.g. an error event after a timeout) to show up. */
const SECOND_CALLBACK_WINDOW_MS = 100;

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const servers: (http.Server | https.Server)[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
}

const serve = (handler: Handler): Promise<string> => listen(http.createServer(handler), 'http');

interface Received {
  method: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A server that records one request and answers it with `answer`. */
async function recordingServer(answer: (response: http.ServerResponse) => void): Promise<{ url: string; received: Promise<Received> }> {
  let deliver: (received: Received) => void = () => undefined;
  const received = new Promise<Received>((resolve) => (deliver = resolve));
  const url = await serve((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliver({ method: request.method, headers: request.headers, body: Buffer.concat(chunks) });
      answer(response);
    });
  });
  return { url, received };
}

/** Sends once and checks the callback contract: never synchronous, exactly once. */
async function send(request: Partial<HttpRequest> & { url: string }): Promise<HttpResponse> {
  const calls: HttpResponse[] = [];
  let insideSend = true;
  let calledSynchronously = false;
  const first = new Promise<HttpResponse>((resolve) => {
    createNodeHttpPort().send({ channel: 'logs', headers: {}, body: '', timeoutMs: 5_000, ...request }, (response) => {
      calledSynchronously ||= insideSend;
      calls.push(response);
      resolve(response);
    });
  });
  insideSend = false;
  const response = await first;
  await sleep(SECOND_CALLBACK_WINDOW_MS);
  expect(calledSynchronously).toBe(false);
  expect(calls).toHaveLength(1);
  return response;
}

describe('createNodeHttpPort', () => {
  it('POSTs a string body as UTF-8 with the given headers and lower-cases response headers', async () => {
    const { url, received } = await recordingServer((response) => {
      response.writeHead(204, { 'X-Remote-Write-Info': 'ok' }).end();
    });
    const response = await send({ url, body: 'héllo ✓', headers: { 'Content-Type': 'text/plain', 'X-Scope-OrgID': 'game' } });
    const request = await received;
    expect(request.method).toBe('POST');
    expect(request.body.toString('utf8')).toBe('héllo ✓');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength('héllo ✓')));
    expect(request.headers['transfer-encoding']).toBeUndefined();
    expect(request.headers['x-scope-orgid']).toBe('game');
    expect(response).toMatchObject({ status: 204, headers: { 'x-remote-write-info': 'ok' } });
    expect(response.error).toBeUndefined();
  });

  it('sends a Uint8Array body byte for byte, honouring its offset into a larger buffer', async () => {
    const { url, received } = await recordingServer((response) => response.writeHead(200).end());
    const view = new Uint8Array([9, 9, 0, 255, 1, 9]).subarray(2, 5);
    await send({ url, body: view });
    expect([...(await received).body]).toEqual([0, 255, 1]);
  });

  it('reports the status of an error answer with the start of its body', async () => {
    const { url } = await recordingServer((response) => response.writeHead(400).end(`out of order sample ${'x'.repeat(10_000)}`));
    const response = await send({ url });
    expect(response.status).toBe(400);
    expect(response.error).toMatch(/^out of order sample x+$/);
    expect(Buffer.byteLength(response.error ?? '')).toBeLessThanOrEqual(512);
  });

  it('reports status 0 when the connection is refused', async () => {
    const response = await send({ url: `http://127.0.0.1:${await findFreePort()}/push` });
    expect(response).toMatchObject({ status: 0, headers: {} });
    expect(response.error).toMatch(/ECONNREFUSED/);
  });

  it('times out a server that never answers', async () => {
    const url = await serve(() => undefined);
    const startedMs = performance.now();
    const response = await send({ url, timeoutMs: 200 });
    expect(response).toMatchObject({ status: 0, error: 'no complete response within 200 ms' });
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(190);
  });

  it('times out a server that keeps dripping its body (idle timeouts would not)', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      const drip = setInterval(() => response.write('.'), 20);
      response.on('close', () => clearInterval(drip));
    });
    const response = await send({ url, timeoutMs: 300 });
    expect(response).toMatchObject({ status: 0, error: 'no complete response within 300 ms' });
  });

  it('reports status 0 when the server resets the connection', async () => {
    const url = await serve((request) => request.socket.destroy());
    const response = await send({ url });
    expect(response.status).toBe(0);
    expect(response.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('reports status 0 for a reset in the middle of the body, even after a 200', async () => {
    const url = await serve((request, response) => {
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('partial', () => request.socket.destroy());
    });
    const response = await send({ url });
    expect(response.status).toBe(0);
    expect(response.error).toMatch(/^after HTTP 200: /);
  });

  it.each([
    ['a malformed URL', { url: 'not a url' }, /ERR_INVALID_URL/],
    ['an unsupported scheme', { url: 'ftp://127.0.0.1/push' }, /unsupported protocol ftp:/],
    ['an illegal header value', { url: 'http://127.0.0.1:9/push', headers: { 'X-Bad': 'a\nb' } }, /ERR_INVALID_CHAR/],
  ])('never throws, and answers later, for %s', async (_case, request, error) => {
    const response = await send(request);
    expect(response.status).toBe(0);
    expect(response.error).toMatch(error);
  });

  it('verifies HTTPS certificates (a self-signed one is refused)', async () => {
    const server = https.createServer({ key: fixture('self_signed_key.pem'), cert: fixture('self_signed_cert.pem') }, (_request, response) =>
      response.writeHead(204).end(),
    );
    const url = await listen(server, 'https');
    const response = await send({ url });
    expect(response.status).toBe(0);
    expect(response.error).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/);
  });
});
