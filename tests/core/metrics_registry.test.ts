import { describe, expect, it } from 'vitest';
import { counterName, sanitizeLabelName, sanitizeMetricName } from '../../addons/game_tracker/core/metrics/names';
import { MetricRegistry } from '../../addons/game_tracker/core/metrics/registry';
import { bucketIndex } from '../../addons/game_tracker/core/metrics/series';

function registry(limits: Partial<{ maxSeries: number; maxSeriesPerMetric: number }> = {}): MetricRegistry {
  return new MetricRegistry({
    maxSeries: limits.maxSeries ?? 100,
    maxSeriesPerMetric: limits.maxSeriesPerMetric ?? 100,
    reservedLabels: new Set(['game', 'session_id']),
    bucketsFor: () => [1, 5, 10],
  });
}

function only<T>(items: Iterable<T>): T {
  const all = [...items];
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('metric names', () => {
  it('follows the Prometheus rules', () => {
    expect(sanitizeMetricName('player.damage-taken')).toBe('player_damage_taken');
    expect(sanitizeMetricName('3d_frames')).toBe('_3d_frames');
    expect(sanitizeMetricName('ns:metric')).toBe('ns:metric');
    expect(sanitizeMetricName('__name__')).toBeUndefined();
    expect(sanitizeMetricName('')).toBeUndefined();
    expect(sanitizeLabelName('ns:label')).toBe('ns_label');
    expect(sanitizeLabelName('ünïcode')).toBe('_n_code');
  });

  it('gives counters a _total suffix once', () => {
    expect(counterName('deaths')).toBe('deaths_total');
    expect(counterName('deaths_total')).toBe('deaths_total');
  });
});

describe('MetricRegistry', () => {
  it('keeps cumulative counter totals per label set, whatever the key order', () => {
    const r = registry();
    r.add('deaths', { cause: 'lava', level: '1' }, 1);
    r.add('deaths', { level: '1', cause: 'lava' }, 2);
    r.add('deaths', { cause: 'spikes', level: '1' }, 1);
    const family = only(r.all());
    expect(family.wireName).toBe('deaths_total');
    expect([...family.series.values()].map((s) => s.value)).toEqual([3, 1]);
    expect(family.series.values().next().value!.labels).toEqual([['cause', 'lava'], ['level', '1']]);
  });

  it('records a gauge named like a counter or histogram part, with one piece of advice per name', () => {
    const warnings: [string, string][] = [];
    const r = new MetricRegistry({ maxSeries: 100, maxSeriesPerMetric: 100, reservedLabels: new Set(), bucketsFor: () => [], warn: (kind, message) => warnings.push([kind, message]) });
    r.set('enemy_count', { level: 'cave' }, 3);
    r.set('enemy_count', { level: 'swamp' }, 4);
    r.set('enemies', undefined, 7);
    r.add('kills', undefined, 1);
    r.observe('load_ms', undefined, 5);
    expect(warnings).toEqual([['gauge_name:enemy_count', expect.stringContaining('gauge "enemy_count" ends like a counter or histogram series')]]);
    expect(warnings[0]![1]).toContain('"enemy"');
    expect([...r.all()].find((family) => family.wireName === 'enemy_count')?.series.size).toBe(2);
  });

  it('keeps the last gauge value', () => {
    const r = registry();
    r.set('players_online', undefined, 3);
    r.set('players_online', undefined, 2);
    expect(only(only(r.all()).series.values()).value).toBe(2);
  });

  it('buckets histogram observations with inclusive upper bounds', () => {
    const r = registry();
    for (const v of [0.5, 1, 3, 10, 11]) r.observe('load_ms', undefined, v);
    const series = only(only(r.all()).series.values());
    expect([...series.bucketCounts!]).toEqual([2, 1, 1, 1]);
    expect(series.sum).toBe(25.5);
    expect(series.count).toBe(5);
  });

  it('refuses one name used as two kinds', () => {
    const r = registry();
    r.add('x', undefined, 1);
    expect(r.set('x', undefined, 1)).toMatchObject({ reason: 'invalid' });
  });

  it('refuses names that clash after sanitising', () => {
    const r = registry();
    r.add('a.b', undefined, 1);
    expect(r.add('a-b', undefined, 1)).toMatchObject({ reason: 'invalid' });
  });

  it('refuses reserved labels and le on histograms', () => {
    const r = registry();
    expect(r.add('x', { __name__: 'y' }, 1)).toMatchObject({ reason: 'invalid' });
    expect(r.add('x', { session_id: 'forged' }, 1)).toMatchObject({ reason: 'invalid' });
    expect(r.observe('h', { le: '5' }, 1)).toMatchObject({ reason: 'invalid' });
    expect(r.add('y', { le: '5' }, 1)).toBeUndefined();
  });

  it('leaves out empty label values, as Prometheus treats them as absent', () => {
    const r = registry();
    r.add('x', { a: '', b: 'v' }, 1);
    expect(only(only(r.all()).series.values()).labels).toEqual([['b', 'v']]);
  });

  it('caps series per metric and in total', () => {
    const r = registry({ maxSeries: 5, maxSeriesPerMetric: 3 });
    const results = [0, 1, 2, 3].map((i) => r.add('a', { i }, 1));
    expect(results.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(results[3]).toMatchObject({ reason: 'limit' });
    r.add('b', { i: 0 }, 1);
    r.add('b', { i: 1 }, 1);
    expect(r.add('b', { i: 2 }, 1)).toMatchObject({ reason: 'limit' });
    expect(r.totalSeries()).toBe(5);
  });
});

describe('bucketIndex', () => {
  it('finds the first bound holding the value, +Inf last', () => {
    expect([0, 1, 1.5, 5, 7, 10, 99].map((v) => bucketIndex([1, 5, 10], v))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
});
