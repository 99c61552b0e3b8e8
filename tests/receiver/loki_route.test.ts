import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { checkLokiPushJson } from '../support/oracles';
import { lokiProtobufBody, post, unixNanoString } from './payloads';

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROTOBUF_HEADERS = { 'content-type': 'application/x-protobuf' };

describe('POST /loki/api/v1/push', () => {
  let receiver: Receiver;
  let url: string;

  beforeAll(async () => {
    receiver = await startReceiver({ port: 0 });
    url = `${receiver.url}/loki/api/v1/push`;
  });
  afterAll(() => receiver.stop());

  it('stores JSON lines with their level and structured metadata, answering 204', async () => {
    const body = JSON.stringify({
      streams: [
        {
          stream: { service_name: 'demo', game: 'demo', env: 'dev', level: 'error' },
          values: [[unixNanoString(), 'shop crashed', { session_id: 's-json', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }]],
        },
        { stream: { service_name: 'demo', game: 'demo', env: 'dev', level: 'info' }, values: [[unixNanoString(), 'player joined']] },
      ],
    });
    checkLokiPushJson(body);

    const result = await post(url, body, JSON_HEADERS);

    expect(result.status).toBe(204);
    const logs = receiver.snapshot().logs;
    expect(logs.byLevel).toMatchObject({ error: 1, info: 1 });
    expect(logs.latest.find((entry) => entry.line === 'shop crashed')).toMatchObject({
      level: 'error',
      labels: { service_name: 'demo', game: 'demo', env: 'dev', level: 'error' },
      metadata: { session_id: 's-json', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' },
    });
  });

  it('accepts gzip-encoded JSON', async () => {
    const body = JSON.stringify({ streams: [{ stream: { level: 'warn' }, values: [[unixNanoString(), 'gzipped warning']] }] });

    const result = await post(url, gzipSync(body), { ...JSON_HEADERS, 'content-encoding': 'gzip' });

    expect(result.status).toBe(204);
    expect(receiver.snapshot().logs.latest.map((entry) => entry.line)).toContain('gzipped warning');
  });

  it('stores snappy protobuf pushes, parsing the label string and keeping nanoseconds exact', async () => {
    const unixNano = '1' + unixNanoString().slice(1, -3) + '123';
    const body = lokiProtobufBody([
      { labels: '{game="demo", level="debug", note="say \\"hi\\""}', entries: [{ unixNano, line: 'from protobuf', metadata: { user_id: 'u-7' } }] },
    ]);

    const result = await post(url, body, PROTOBUF_HEADERS);

    expect(result.status).toBe(204);
    expect(receiver.snapshot().logs.latest.find((entry) => entry.line === 'from protobuf')).toMatchObject({
      timeUnixNano: unixNano,
      level: 'debug',
      labels: { game: 'demo', level: 'debug', note: 'say "hi"', service_name: 'unknown_service' },
      metadata: { user_id: 'u-7' },
    });
  });

  it.each([
    ['a numeric timestamp', { streams: [{ stream: { level: 'info' }, values: [[1700000000000000000, 'x']] }] }, 'timestamp must be a string'],
    ['a stream without labels', { streams: [{ stream: {}, values: [['1', 'x']] }] }, 'at least one label'],
    ['an invalid label name', { streams: [{ stream: { 'service.name': 'demo' }, values: [['1', 'x']] }] }, 'invalid label name'],
    ['nested structured metadata', { streams: [{ stream: { level: 'info' }, values: [[unixNanoString(), 'x', { user: { id: 1 } }]] }] }, 'expected a string'],
    ['milliseconds where nanoseconds belong', { streams: [{ stream: { level: 'info' }, values: [[String(Date.now()), 'x']] }] }, 'timestamp too old'],
    ['a timestamp an hour ahead', { streams: [{ stream: { level: 'info' }, values: [[unixNanoString(-3_600_000), 'x']] }] }, 'timestamp too new'],
  ])('answers 400 with a reason for %s', async (_case, body, reason) => {
    const result = await post(url, JSON.stringify(body), JSON_HEADERS);

    expect(result.status).toBe(400);
    expect(result.text).toContain(reason);
  });

  it('answers 400 for a body that is not JSON, and for a broken snappy block', async () => {
    expect((await post(url, '{"streams": [', JSON_HEADERS)).status).toBe(400);
    const broken = await post(url, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02]), PROTOBUF_HEADERS);
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('snappy');
  });

  it('answers 415 for other content types and encodings', async () => {
    expect((await post(url, 'hello', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(url, '{}', { ...JSON_HEADERS, 'content-encoding': 'br' })).status).toBe(415);
  });

  it('keeps refused lines out of the model', async () => {
    const before = receiver.snapshot().logs.total;

    await post(url, JSON.stringify({ streams: [{ stream: {}, values: [[unixNanoString(), 'refused line']] }] }), JSON_HEADERS);

    expect(receiver.snapshot().logs.total).toBe(before);
  });
});
