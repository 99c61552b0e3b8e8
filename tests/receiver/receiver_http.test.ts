import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverEvent } from '../../demo/receiver/model/receiver_model';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { post, unixNanoString } from './payloads';

describe('the receiver as an HTTP server', () => {
  let receiver: Receiver | undefined;
  afterEach(() => receiver?.stop());

  it('binds 127.0.0.1 on a free port when asked for port 0', async () => {
    receiver = await startReceiver({ port: 0 });

    expect(receiver.port).toBeGreaterThan(0);
    expect(receiver.url).toBe(`http://127.0.0.1:${receiver.port}`);
  });

  it('answers 404 for unknown paths and 405 for other methods, and records both', async () => {
    receiver = await startReceiver({ port: 0 });

    const unknown = await fetch(`${receiver.url}/api/v1/metrics/write`, { method: 'POST', body: 'x' });
    const wrongMethod = await fetch(`${receiver.url}/v1/traces`);

    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS');
    expect(receiver.snapshot().requests.recentRejections.map((rejection) => [rejection.status, rejection.path])).toEqual([
      [404, '/api/v1/metrics/write'],
      [405, '/v1/traces'],
    ]);
  });

  it('answers 413 for a body over the limit, also once decompressed', async () => {
    receiver = await startReceiver({ port: 0, maxBodyBytes: 1024 });
    const url = `${receiver.url}/loki/api/v1/push`;

    const tooLong = await post(url, 'x'.repeat(2048), { 'content-type': 'application/json' });
    const { gzipSync } = await import('node:zlib');
    const line = 'y'.repeat(4096);
    const expands = await post(url, gzipSync(JSON.stringify({ streams: [{ stream: { level: 'info' }, values: [[unixNanoString(), line]] }] })), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });

    expect(tooLong.status).toBe(413);
    expect(expands.status).toBe(413);
  });

  it('answers CORS preflights so that web exports can send', async () => {
    receiver = await startReceiver({ port: 0 });

    const preflight = await fetch(`${receiver.url}/v1/traces`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8060' } });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('tells subscribers what arrived and what was refused', async () => {
    receiver = await startReceiver({ port: 0 });
    const events: ReceiverEvent['kind'][] = [];
    receiver.model.subscribe((event) => events.push(event.kind));
    const url = `${receiver.url}/loki/api/v1/push`;

    await post(url, JSON.stringify({ streams: [{ stream: { level: 'info' }, values: [[unixNanoString(), 'hello']] }] }), { 'content-type': 'application/json' });
    await post(url, '{', { 'content-type': 'application/json' });

    expect(events).toEqual(['logs', 'rejected']);
    expect(receiver.snapshot().requests).toMatchObject({ accepted: 1, rejected: 1, byPath: { '/loki/api/v1/push': { accepted: 1, rejected: 1 } } });
  });

  it('measures the backends\' timestamp limits against the clock it is given', async () => {
    const nowMs = 1_700_000_000_000;
    receiver = await startReceiver({ port: 0, nowMs: () => nowMs });
    const line = (unixNano: string): string => JSON.stringify({ streams: [{ stream: { level: 'info' }, values: [[unixNano, 'pinned']] }] });
    const url = `${receiver.url}/loki/api/v1/push`;

    expect((await post(url, line(`${nowMs}000000`), { 'content-type': 'application/json' })).status).toBe(204);
    expect((await post(url, line(`${nowMs + 3_600_000}000000`), { 'content-type': 'application/json' })).text).toContain('too new');
  });

  it('refuses a port that is taken', async () => {
    receiver = await startReceiver({ port: 0 });

    await expect(startReceiver({ port: receiver.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
