import { describe, expect, it } from 'vitest';
import { decodeOtlpTracesJson } from '../support/oracles';
import { createHarness } from '../fakes/tracker_harness';

describe('OTLP/HTTP JSON traces (checked against the upstream opentelemetry-proto definitions)', () => {
  it('is a valid ExportTraceServiceRequest with hex ids, string nanos and integer enums', () => {
    const h = createHarness();
    h.tracker.set_user('u-1');
    const root = h.tracker.start_span('level_load', { level: 'forest', retries: 2 });
    h.clock.advance(12.5);
    const child = h.tracker.start_span('load_textures', { count: 42 }, root);
    child.add_event('cache_miss', { path: 'res://a.png' });
    h.clock.advance(30);
    child.set_error('missing texture');
    child.end();
    root.end();
    h.tracker.flush();
    h.tracker.tick();
    const request = h.http.ofChannel('traces')[0]!;
    expect(request.url).toBe('http://127.0.0.1:9/v1/traces');
    expect(request.headers['Content-Type']).toBe('application/json');

    const decoded = decodeOtlpTracesJson(request.body as string);
    const resource = decoded.resourceSpans[0]!;
    const resourceAttrs = Object.fromEntries(resource.resource!.attributes.map((a) => [a.key, a.value]));
    expect(resourceAttrs).toMatchObject({
      'service.name': { stringValue: 'test_game' },
      'service.version': { stringValue: '1.0.0' },
      'deployment.environment.name': { stringValue: 'test' },
      'session.id': { stringValue: h.tracker.stats().session_id },
      'os.name': { stringValue: 'Linux' },
      'godot.version': { stringValue: '4.6.1' },
      'telemetry.sdk.name': { stringValue: 'game_tracker' },
    });
    const scope = resource.scopeSpans[0]!;
    expect(scope.scope).toMatchObject({ name: 'game_tracker' });
    const [childSpan, rootSpan] = scope.spans;
    const start = BigInt(Date.UTC(2026, 10, 24, 12)) * 1_000_000n;
    expect(rootSpan).toMatchObject({ name: 'level_load', kind: 1, startTimeUnixNano: String(start), endTimeUnixNano: String(start + 42_500_000n) });
    expect(childSpan).toMatchObject({
      name: 'load_textures',
      kind: 1,
      traceId: rootSpan!.traceId,
      parentSpanId: rootSpan!.spanId,
      startTimeUnixNano: String(start + 12_500_000n),
      status: { code: 2, message: 'missing texture' },
    });
    expect(childSpan!.events![0]).toMatchObject({ name: 'cache_miss', timeUnixNano: String(start + 12_500_000n) });
    expect(childSpan!.attributes).toContainEqual({ key: 'count', value: { intValue: '42' } });
    expect(childSpan!.attributes).toContainEqual({ key: 'user.id', value: { stringValue: 'u-1' } });
  });
});
