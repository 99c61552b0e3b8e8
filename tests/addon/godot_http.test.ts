import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpPort, HttpRequest, HttpResponse } from '../../addons/game_tracker/core/ports';
import { createGodotHttp } from '../../addons/game_tracker/godot/godot_http';
import { engine } from '../godot_double/engine_state';
import { HTTPRequest } from '../godot_double/http_request';
import { Node } from '../godot_double/node';
import type { SceneTree } from '../godot_double/node';
import { startFaultServer } from '../fault_servers/fault_server';
import type { FaultServer } from '../fault_servers/fault_server';
import { findFreePort } from '../support/free_port';
import { runFramesUntil } from './support/frames';
import { asGodotNode, freshScene } from './support/scene';

let tree: SceneTree;
let host: Node;
let server: FaultServer;

beforeEach(async () => {
  ({ tree, host } = freshScene());
  server = await startFaultServer({ kind: 'status', status: 204, headers: { 'X-Seen': 'yes', 'Retry-After': '3' } });
});
afterEach(() => server.stop());

function request(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return { channel: 'logs', url: `${server.baseUrl}/push`, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}', timeoutMs: 2000, ...overrides };
}

/** Sends, checks `done` was not called inside send, then runs frames until it is. */
async function send(http: HttpPort, req: HttpRequest): Promise<HttpResponse> {
  let response: HttpResponse | undefined;
  http.send(req, (r) => (response = r));
  expect(response).toBeUndefined();
  await runFramesUntil(tree, () => response !== undefined);
  return response as HttpResponse;
}

describe('createGodotHttp', () => {
  it('posts a text body as UTF-8 and maps the answer, with header names in lower case', async () => {
    const http = createGodotHttp(asGodotNode(host));
    const response = await send(http, request({ body: '{"msg":"héllo ✓"}' }));
    expect(response).toEqual({ status: 204, headers: expect.objectContaining({ 'x-seen': 'yes', 'retry-after': '3' }) });
    expect(server.accepted[0]?.body.toString('utf8')).toBe('{"msg":"héllo ✓"}');
    expect(server.accepted[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends exactly the bytes of a Uint8Array view into a larger buffer (GodotJS rejects typed arrays)', async () => {
    const http = createGodotHttp(asGodotNode(host));
    const pool = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await send(http, request({ channel: 'metrics', body: pool.subarray(2, 5), headers: { 'Content-Type': 'application/x-protobuf' } }));
    expect([...(server.accepted[0]?.body ?? [])]).toEqual([1, 2, 3]);
  });

  it('copies views whose own slice() does not copy (a Node Buffer from the shared pool)', async () => {
    const pooled = Buffer.from([4, 5, 6]);
    expect(pooled.buffer.byteLength).toBeGreaterThan(3);
    await send(createGodotHttp(asGodotNode(host)), request({ channel: 'metrics', body: pooled }));
    expect([...(server.accepted[0]?.body ?? [])]).toEqual([4, 5, 6]);
  });

  it('gives one HTTPRequest child per signal, threaded except on web', () => {
    createGodotHttp(asGodotNode(host));
    const children = host.get_children().filter((c): c is HTTPRequest => c instanceof HTTPRequest);
    expect(children.map((c) => c.get_name())).toEqual(['GameTrackerHttp_logs', 'GameTrackerHttp_metrics', 'GameTrackerHttp_traces']);
    expect(children.every((c) => c.use_threads)).toBe(true);
    engine.features.add('web');
    const webHost = new Node();
    createGodotHttp(asGodotNode(webHost));
    expect(webHost.get_children().every((c) => !(c as HTTPRequest).use_threads)).toBe(true);
  });

  it('sets the node timeout from timeoutMs and reports a timeout as status 0', async () => {
    server.mode = { kind: 'hang' };
    const http = createGodotHttp(asGodotNode(host));
    const response = await send(http, request({ timeoutMs: 150 }));
    expect(response).toEqual({ status: 0, headers: {}, error: 'no response: RESULT_TIMEOUT' });
  });

  it('reports a refused connection as status 0', async () => {
    const port = await findFreePort();
    const response = await send(createGodotHttp(asGodotNode(host)), request({ url: `http://127.0.0.1:${port}/push` }));
    expect(response).toMatchObject({ status: 0, error: 'no response: RESULT_CANT_CONNECT' });
  });

  it('passes the start of an error body on for warnings', async () => {
    server.mode = { kind: 'status', status: 400, body: `entry too far behind ${'x'.repeat(1000)}` };
    const response = await send(createGodotHttp(asGodotNode(host)), request());
    expect(response.status).toBe(400);
    expect(response.error).toMatch(/^entry too far behind x+…$/);
    expect(response.error?.length).toBeLessThan(310);
  });

  it('answers a second request on a busy channel with a failure, later, and still completes the first', async () => {
    server.mode = { kind: 'status', status: 204 };
    const http = createGodotHttp(asGodotNode(host));
    const answers: Array<[string, HttpResponse]> = [];
    http.send(request(), (r) => answers.push(['first', r]));
    http.send(request(), (r) => answers.push(['second', r]));
    expect(answers).toEqual([]);
    await runFramesUntil(tree, () => answers.length === 2);
    expect(answers).toContainEqual(['second', { status: 0, headers: {}, error: 'HTTPRequest did not start: ERR_BUSY' }]);
    expect(answers).toContainEqual(['first', expect.objectContaining({ status: 204 })]);
  });

  it('keeps signals apart: logs and traces can be in flight together', async () => {
    const http = createGodotHttp(asGodotNode(host));
    const statuses: number[] = [];
    http.send(request({ channel: 'logs' }), (r) => statuses.push(r.status));
    http.send(request({ channel: 'traces' }), (r) => statuses.push(r.status));
    await runFramesUntil(tree, () => statuses.length === 2);
    expect(statuses).toEqual([204, 204]);
  });

  it('reports ERR_UNCONFIGURED when its nodes are not in the tree, without throwing', async () => {
    const detached = new Node();
    const http = createGodotHttp(asGodotNode(detached));
    const response = await send(http, request());
    expect(response).toEqual({ status: 0, headers: {}, error: 'HTTPRequest did not start: ERR_UNCONFIGURED' });
  });
});
