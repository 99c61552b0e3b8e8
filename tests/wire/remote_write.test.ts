import { describe, expect, it } from 'vitest';
import { decodeRemoteWrite } from '../support/oracles';
import type { RemoteWriteSeries } from '../support/oracles';
import { createHarness } from '../fakes/tracker_harness';
import type { Harness } from '../fakes/tracker_harness';

function push(h: Harness, index = -1) {
  h.tracker.flush();
  h.tracker.tick();
  const request = h.http.ofChannel('metrics').at(index)!;
  h.http.respondAll();
  return { request, decoded: decodeRemoteWrite(request.body as Uint8Array) };
}

function labelsOf(series: RemoteWriteSeries): Record<string, string> {
  return Object.fromEntries(series.labels.map((l) => [l.name, l.value]));
}

function find(series: RemoteWriteSeries[], name: string, extra: Record<string, string> = {}): RemoteWriteSeries {
  const found = series.filter((s) => {
    const labels = labelsOf(s);
    return labels['__name__'] === name && Object.entries(extra).every(([k, v]) => labels[k] === v);
  });
  expect(found, `${name} ${JSON.stringify(extra)}`).toHaveLength(1);
  return found[0]!;
}

describe('remote write payload (decoded with the upstream proto)', () => {
  it('carries the headers the spec requires', () => {
    const h = createHarness();
    h.tracker.increment('deaths');
    const { request } = push(h);
    expect(request.url).toBe('http://127.0.0.1:9/api/v1/push');
    expect(request.headers).toMatchObject({
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'snappy',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    });
    expect(request.headers['User-Agent']).toMatch(/^game_tracker\/\d/);
  });

  it('sorts every label set by name, byte-wise, without duplicates or empty values', () => {
    const h = createHarness();
    h.tracker.increment('Deaths', { Zone: 'a', cause: 'lava', B: 'x' });
    h.tracker.histogram('load_ms', 12, { level: 'forest' });
    const { decoded } = push(h);
    for (const series of decoded.timeseries) {
      const names = series.labels.map((l) => l.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(names).size).toBe(names.length);
      for (const label of series.labels) {
        expect(label.name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
        expect(label.value).not.toBe('');
      }
    }
    const deaths = find(decoded.timeseries, 'Deaths_total');
    expect(deaths.labels.map((l) => l.name)).toEqual(['B', 'Zone', '__name__', 'cause', 'env', 'game', 'session_id', 'version']);
  });

  it('sends cumulative counter totals, last gauge values and one timestamp per push', () => {
    const h = createHarness();
    h.tracker.increment('deaths', { cause: 'lava' });
    h.tracker.increment('deaths', { cause: 'lava' }, 2);
    h.tracker.gauge('players_online', 5);
    h.tracker.gauge('players_online', 4);
    const first = push(h).decoded;
    expect(find(first.timeseries, 'deaths_total', { cause: 'lava' }).samples).toEqual([{ value: 3, timestampMs: Date.UTC(2026, 10, 24, 12) }]);
    expect(find(first.timeseries, 'players_online').samples[0]!.value).toBe(4);
    h.clock.advance(5000);
    h.tracker.increment('deaths', { cause: 'lava' });
    const second = push(h).decoded;
    expect(find(second.timeseries, 'deaths_total', { cause: 'lava' }).samples).toEqual([{ value: 4, timestampMs: Date.UTC(2026, 10, 24, 12) + 5000 }]);
  });

  it('writes classic histograms: cumulative _bucket{le} with +Inf, _sum and _count', () => {
    const h = createHarness({ histogram_buckets: [10, 100] });
    for (const ms of [5, 50, 50, 500]) h.tracker.histogram('level_load_time_ms', ms, { level: 'cave' });
    const { decoded } = push(h);
    const bucket = (le: string) => find(decoded.timeseries, 'level_load_time_ms_bucket', { le }).samples[0]!.value;
    expect([bucket('10'), bucket('100'), bucket('+Inf')]).toEqual([1, 3, 4]);
    expect(find(decoded.timeseries, 'level_load_time_ms_sum').samples[0]!.value).toBe(605);
    expect(find(decoded.timeseries, 'level_load_time_ms_count').samples[0]!.value).toBe(4);
  });

  it('labels every series with the client identity so clients never collide', () => {
    const h = createHarness();
    h.tracker.increment('deaths');
    const session = h.tracker.stats().session_id;
    const labels = labelsOf(find(push(h).decoded.timeseries, 'deaths_total'));
    expect(labels).toEqual({ __name__: 'deaths_total', env: 'test', game: 'test_game', version: '1.0.0', session_id: session });
  });

  it('can leave the session label out', () => {
    const h = createHarness({ metrics_session_label: false });
    h.tracker.increment('deaths');
    expect(labelsOf(find(push(h).decoded.timeseries, 'deaths_total'))).not.toHaveProperty('session_id');
  });

  it('keeps timestamps strictly increasing even when pushes share a millisecond', () => {
    const h = createHarness();
    h.tracker.increment('a');
    const t1 = push(h).decoded.timeseries[0]!.samples[0]!.timestampMs;
    h.tracker.increment('a');
    const t2 = push(h).decoded.timeseries[0]!.samples[0]!.timestampMs;
    expect(t2).toBeGreaterThan(t1);
  });
});
