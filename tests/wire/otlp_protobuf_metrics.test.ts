/**
 * `protocol: "otlp"` metrics: decoded by the upstream definitions (otlp-generated-protos), never by our encoder.
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';
import { decodeOtlpMetricsProtobuf } from '../support/oracles';
import type { OtlpPlain } from '../support/oracles';

interface Push {
  readonly resource: Record<string, unknown>;
  readonly metrics: Record<string, OtlpPlain>;
}

function decodePush(body: Uint8Array): Push {
  const decoded = decodeOtlpMetricsProtobuf(body) as {
    resourceMetrics: { resource: { attributes: OtlpPlain[] }; scopeMetrics: { scope: OtlpPlain; metrics: OtlpPlain[] }[] }[];
  };
  expect(decoded.resourceMetrics).toHaveLength(1);
  const [resourceMetrics] = decoded.resourceMetrics;
  expect(resourceMetrics!.scopeMetrics).toHaveLength(1);
  const resource = Object.fromEntries(resourceMetrics!.resource.attributes.map((kv) => [kv['key'], (kv['value'] as OtlpPlain)['stringValue']]));
  const metrics = Object.fromEntries(resourceMetrics!.scopeMetrics[0]!.metrics.map((metric) => [metric['name'] as string, metric]));
  return { resource, metrics };
}

function pushes(h: Harness): Push[] {
  return h.http.ofChannel('metrics').filter((r) => (r.body as Uint8Array).length > 0).map((r) => decodePush(r.body as Uint8Array));
}

function flushNow(h: Harness): Push {
  h.tracker.flush();
  h.tracker.tick();
  h.http.respondAll();
  return pushes(h).at(-1)!;
}

const START_NS = BigInt(Date.UTC(2026, 10, 24, 12)) * 1_000_000n;
const ns = (ms: number): string => String(START_NS + BigInt(ms) * 1_000_000n);

describe('OTLP protobuf metrics (decoded with the upstream opentelemetry-proto definitions)', () => {
  it('sends counters as monotonic cumulative Sums named without _total, labels as attributes after game, env and version, no session label', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.increment('player_deaths', { cause: 'lava' });
    h.tracker.increment('player_deaths', { cause: 'lava' }, 2);
    const push = flushNow(h);
    const request = h.http.ofChannel('metrics')[0]!;
    expect(request.url).toBe('http://127.0.0.1:9/v1/metrics');
    expect(request.headers['Content-Type']).toBe('application/x-protobuf');
    expect(push.metrics['player_deaths']).toMatchObject({
      data: 'sum',
      sum: {
        aggregationTemporality: 2,
        isMonotonic: true,
        dataPoints: [
          {
            asDouble: 3,
            attributes: [
              { key: 'env', value: { stringValue: 'test' } },
              { key: 'game', value: { stringValue: 'test_game' } },
              { key: 'version', value: { stringValue: '1.0.0' } },
              { key: 'cause', value: { stringValue: 'lava' } },
            ],
          },
        ],
      },
    });
    expect(push.resource).toMatchObject({
      'service.name': 'test_game',
      'service.instance.id': h.tracker.stats().session_id,
      'deployment.environment.name': 'test',
      'service.version': '1.0.0',
    });
  });

  it('sends gauges as Gauges and histograms as explicit-bucket cumulative Histograms with the configured bounds', () => {
    const h = createHarness({ protocol: 'otlp', histogram_buckets: [10, 20] });
    h.tracker.gauge('fps', 59.5);
    for (const value of [5, 10, 15, 25, 30]) h.tracker.histogram('frame_ms', value);
    const push = flushNow(h);
    expect(push.metrics['fps']).toMatchObject({ data: 'gauge', gauge: { dataPoints: [{ asDouble: 59.5 }] } });
    expect(push.metrics['frame_ms']).toMatchObject({
      data: 'histogram',
      histogram: {
        aggregationTemporality: 2,
        dataPoints: [{ count: '5', sum: 85, bucketCounts: ['2', '1', '2'], explicitBounds: [10, 20] }],
      },
    });
  });

  it('gives each series the time it was created as its start, and stamps points with later, increasing times', () => {
    const h = createHarness({ protocol: 'otlp' });
    h.tracker.increment('kills', { weapon: 'axe' });
    h.clock.advance(250);
    h.tracker.increment('kills', { weapon: 'bow' });
    h.clock.advance(250);
    const first = flushNow(h);
    h.clock.advance(5000);
    h.tracker.increment('kills', { weapon: 'axe' });
    const second = flushNow(h);
    const points = (push: Push): OtlpPlain[] => (push.metrics['kills']!['sum'] as { dataPoints: OtlpPlain[] }).dataPoints;
    expect(points(first).map((p) => [p['startTimeUnixNano'], p['timeUnixNano']])).toEqual([
      [ns(0), ns(500)],
      [ns(250), ns(500)],
    ]);
    expect(points(second).map((p) => [p['startTimeUnixNano'], p['timeUnixNano'], p['asDouble']])).toEqual([
      [ns(0), ns(5500), 2],
      [ns(250), ns(5500), 1],
    ]);
  });

  it('probes the receiver clock with an empty export request before the first timed push', () => {
    const h = createHarness({ protocol: 'otlp', flush_interval_ms: 1000 });
    h.tracker.increment('kills');
    h.frames(70);
    const [probe] = h.http.ofChannel('metrics');
    expect((probe!.body as Uint8Array).length).toBe(0);
    expect(decodeOtlpMetricsProtobuf(probe!.body as Uint8Array)).toEqual({ resourceMetrics: [] });
  });

  it('leaves the native path as it was (remote write, session label)', () => {
    const h = createHarness();
    h.tracker.increment('kills');
    h.tracker.flush();
    h.tracker.tick();
    const [request] = h.http.ofChannel('metrics');
    expect(request!.url).toBe('http://127.0.0.1:9/api/v1/push');
    expect(request!.headers['Content-Encoding']).toBe('snappy');
  });
});
