/**
 * `protocol: "otlp"` traces: the protobuf carries exactly what the native path's OTLP JSON carries,
 * both judged by the upstream definitions (the v0.18 reflection oracle and the newer generated code).
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../fakes/tracker_harness';
import { decodeOtlpTracesJson, decodeOtlpTracesProtobuf, decodeOtlpTracesGenerated } from '../support/oracles';

function playSpans(options: Record<string, unknown>): ReturnType<typeof createHarness> {
  const h = createHarness(options);
  h.tracker.set_user('u-1');
  const root = h.tracker.start_span('level_load', { level: 'forest', retries: 2, ratio: 0.25, tags: ['a', 'b'] });
  h.clock.advance(12.5);
  const child = h.tracker.start_span('load_textures', { count: 42 }, root);
  child.add_event('cache_miss', { path: 'res://a.png' });
  h.clock.advance(30.001);
  child.set_error('missing texture');
  child.end();
  root.end();
  h.tracker.flush();
  h.tracker.tick();
  return h;
}

describe('OTLP protobuf traces', () => {
  it('decode to the same spans as the native OTLP JSON, with service.instance.id added to the resource', () => {
    const json = playSpans({});
    const proto = playSpans({ protocol: 'otlp' });
    const request = proto.http.ofChannel('traces')[0]!;
    expect(request.url).toBe('http://127.0.0.1:9/v1/traces');
    expect(request.headers['Content-Type']).toBe('application/x-protobuf');
    const fromJson = decodeOtlpTracesJson(json.http.ofChannel('traces')[0]!.body as string);
    const fromProto = decodeOtlpTracesProtobuf(request.body as Uint8Array);
    const spansOf = (decoded: typeof fromJson) => decoded.resourceSpans[0]!.scopeSpans[0]!.spans.map(({ traceId: _t, spanId: _s, parentSpanId: _p, ...rest }) => rest);
    expect(spansOf(fromProto)).toEqual(spansOf(fromJson));
    const [child, root] = fromProto.resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(child!.parentSpanId).toBe(root!.spanId);
    expect(child!.traceId).toBe(root!.traceId);
    const resourceKeys = (decoded: typeof fromJson) => decoded.resourceSpans[0]!.resource!.attributes.map((kv) => kv.key);
    expect(resourceKeys(fromProto)).toEqual([...resourceKeys(fromJson), 'service.instance.id']);
  });

  it('decodes with the newer upstream definitions too (nothing in fields added since v0.18)', () => {
    const h = playSpans({ protocol: 'otlp' });
    const decoded = decodeOtlpTracesGenerated(h.http.ofChannel('traces')[0]!.body as Uint8Array) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const [child] = decoded.resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(child).toMatchObject({ name: 'load_textures', kind: 1, status: { code: 2, message: 'missing texture' } });
    expect(child!['flags']).toBeUndefined();
    expect(BigInt(child!['endTimeUnixNano'] as string) - BigInt(child!['startTimeUnixNano'] as string)).toBe(30_001_000n);
  });
});
