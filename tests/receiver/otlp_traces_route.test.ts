import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchemas } from '../../demo/receiver/proto_schemas';
import { startReceiver } from '../../demo/receiver/receiver';
import type { Receiver } from '../../demo/receiver/receiver';
import { decodeOtlpTracesJson } from '../support/oracles';
import { otlpJsonBody, otlpProtobufBody, post } from './payloads';
import type { TestSpan } from './payloads';

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROTOBUF_HEADERS = { 'content-type': 'application/x-protobuf' };

const LEVEL_LOAD: readonly TestSpan[] = [
  { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'level_load', startMs: 0, endMs: 125 },
  { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b8', parentSpanId: '00f067aa0ba902b7', name: 'load_assets', startMs: 1, endMs: 81.5 },
  { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b9', parentSpanId: '00f067aa0ba902b7', name: 'spawn_player', startMs: 90, endMs: 110, error: 'no spawn point' },
];

describe('POST /v1/traces (OTLP/HTTP)', () => {
  let receiver: Receiver;
  let url: string;

  beforeAll(async () => {
    receiver = await startReceiver({ port: 0 });
    url = `${receiver.url}/v1/traces`;
  });
  afterAll(() => receiver.stop());

  it('assembles JSON spans into a tree with durations, answering 200 with a partial-success body', async () => {
    const body = otlpJsonBody('demo-game', LEVEL_LOAD);
    decodeOtlpTracesJson(body);

    const result = await post(url, body, JSON_HEADERS);

    expect(result.status).toBe(200);
    expect(result.contentType).toBe('application/json');
    expect(JSON.parse(result.text)).toEqual({ partialSuccess: {} });
    const trace = receiver.snapshot().traces.traces.find((item) => item.traceId === '4bf92f3577b34da6a3ce929d0e0e4736');
    expect(trace).toMatchObject({ serviceName: 'demo-game', durationMs: 125, spanCount: 3 });
    expect(trace?.roots).toHaveLength(1);
    expect(trace?.roots[0]).toMatchObject({ name: 'level_load', durationMs: 125, missingParent: false, attributes: { level: 'forest' } });
    expect(trace?.roots[0]?.children.map((child) => [child.name, child.durationMs, child.startOffsetMs, child.statusCode])).toEqual([
      ['load_assets', 80.5, 1, 0],
      ['spawn_player', 20, 90, 2],
    ]);
  });

  it('accepts protobuf and answers with an (empty) protobuf export response', async () => {
    const spans = LEVEL_LOAD.map((span) => ({ ...span, traceId: '5bf92f3577b34da6a3ce929d0e0e4736' }));

    const result = await post(url, otlpProtobufBody('demo-game', spans), PROTOBUF_HEADERS);

    expect(result.status).toBe(200);
    expect(result.contentType).toBe('application/x-protobuf');
    expect(result.bytes).toHaveLength(0);
    const trace = receiver.snapshot().traces.traces.find((item) => item.traceId === '5bf92f3577b34da6a3ce929d0e0e4736');
    expect(trace?.roots[0]?.children.map((child) => child.name)).toEqual(['load_assets', 'spawn_player']);
  });

  it('ignores fields it does not know, as the collector must', async () => {
    const body = JSON.parse(otlpJsonBody('demo-game', [{ ...LEVEL_LOAD[0]!, traceId: '6bf92f3577b34da6a3ce929d0e0e4736' }])) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    Object.assign(body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, { flags: 257, futureField: { nested: true } });

    expect((await post(url, JSON.stringify(body), JSON_HEADERS)).status).toBe(200);
  });

  type SpanJson = Record<string, unknown>;
  it.each<[string, (span: SpanJson) => SpanJson, string]>([
    ['base64 ids', (span) => ({ ...span, traceId: 'S/kvNXezTaajzpKdDg5HNg==' }), 'hex'],
    ['enum names instead of integers', (span) => ({ ...span, kind: 'SPAN_KIND_INTERNAL' }), 'enum values must be integers'],
    ['an all-zero span id', (span) => ({ ...span, spanId: '0000000000000000' }), 'invalid span id'],
    ['a number where a string belongs', (span) => ({ ...span, name: 42 }), 'expected a string'],
    ['a fractional 64-bit time', (span) => ({ ...span, startTimeUnixNano: 1.5 }), 'decimal string'],
  ])('answers 400 with a JSON google.rpc.Status for %s', async (_case, mutate, reason) => {
    const body = JSON.parse(otlpJsonBody('demo-game', [LEVEL_LOAD[0]!])) as { resourceSpans: { scopeSpans: { spans: SpanJson[] }[] }[] };
    const scope = body.resourceSpans[0]!.scopeSpans[0]!;
    scope.spans = scope.spans.map(mutate);

    const result = await post(url, JSON.stringify(body), JSON_HEADERS);

    expect(result.status).toBe(400);
    const status = JSON.parse(result.text) as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toContain(reason);
  });

  it('answers a malformed protobuf body with a protobuf google.rpc.Status', async () => {
    const result = await post(url, new Uint8Array([0x0a, 0x05, 0x01]), PROTOBUF_HEADERS);

    expect(result.status).toBe(400);
    const type = loadSchemas().rpcStatus;
    expect(type.toObject(type.decode(result.bytes))).toMatchObject({ code: 3, message: expect.stringContaining('ExportTraceServiceRequest') });
  });

  it('answers 415 for other content types', async () => {
    const result = await post(url, 'spans', { 'content-type': 'text/plain' });

    expect(result.status).toBe(415);
    expect(result.text).toContain('application/x-protobuf');
  });
});
